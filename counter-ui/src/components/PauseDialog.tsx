/**
 * Pause with a reason: common reasons as one click (or digit key), or free text. A preset reason is
 * sent by its id and put into words by each viewer in their own language; free text stays as typed.
 */
import { PAUSE_REASON_IDS } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runCounterCommand } from '../commands';
import { useStore } from '../store';
import { Dialog } from './Dialog';

export const PAUSE_REASONS = PAUSE_REASON_IDS;

export function PauseDialog({ counterId }: { counterId: string }) {
  const { t } = useTranslation();
  const closeDialog = useStore((s) => s.closeDialog);
  const number = useStore((s) => s.hall?.counters[counterId]?.number ?? counterId);
  const [choice, setChoice] = useState<(typeof PAUSE_REASONS)[number] | 'other'>('break');
  const [other, setOther] = useState('');
  const reason = choice === 'other' ? other.trim() : choice;

  const submit = async () => {
    if (!reason) return;
    if (await runCounterCommand('pause', counterId, choice === 'other' ? { reason } : { reasonId: choice })) closeDialog();
  };

  return (
    <Dialog title={t('pause.title', { number })} onClose={closeDialog} testId="pause-dialog">
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          // Digits pick a reason (5: type one), unless typing in the text field.
          if (e.target instanceof HTMLInputElement && e.target.type === 'text') return;
          const r = PAUSE_REASONS[Number(e.key) - 1];
          if (r) {
            e.preventDefault();
            setChoice(r);
          } else if (e.key === String(PAUSE_REASONS.length + 1)) {
            e.preventDefault();
            e.currentTarget.querySelector<HTMLInputElement>('[data-testid=pause-other]')?.focus();
          }
        }}
      >
        <fieldset className="choices">
          <legend>{t('pause.reason')}</legend>
          {PAUSE_REASONS.map((r, i) => (
            <label key={r} className={choice === r ? 'choice choice-on' : 'choice'}>
              <input type="radio" name="reason" value={r} checked={choice === r} onChange={() => setChoice(r)} />
              <kbd className="kbd">{i + 1}</kbd>
              {t(`pause.reasons.${r}`)}
            </label>
          ))}
          <label className={choice === 'other' ? 'choice choice-other choice-on' : 'choice choice-other'}>
            <input type="radio" name="reason" value="other" checked={choice === 'other'} onChange={() => setChoice('other')} aria-label={t('pause.other')} />
            <kbd className="kbd">5</kbd>
            <input
              type="text"
              className="input"
              aria-label={t('pause.otherText')}
              placeholder={t('pause.otherText')}
              value={other}
              maxLength={200}
              onFocus={() => setChoice('other')}
              onChange={(e) => setOther(e.target.value)}
              data-testid="pause-other"
            />
          </label>
        </fieldset>
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={closeDialog}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!reason} data-autofocus data-testid="pause-submit">
            {t('pause.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
