/**
 * The center's rules for joining from a phone (issue 14, docs/SPEC.md V1–V5), under its opening
 * hours: how long a held place waits, how many tickets one phone or one number may take a day,
 * whether the join page asks for a number, when the phone alerts, and the hall poster's code
 * (GET/PUT /api/admin/remote: this part alone, so that it cannot undo another admin's edit).
 */
import type { CenterRemote as Rules } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import {
  ASK_PHONE_MODES,
  CENTER_REMOTE_FIELDS,
  centerRemoteDraft,
  centerRemoteOut,
  centerRemoteProblems,
  newHallCode,
  type AskPhoneMode,
  type CenterRemoteDraft,
} from '../../logic/remoteSettings';
import { NumberField } from './AppointmentFields';
import { SaveFoot, ServerError } from './parts';
import { useRulesForm } from './useRulesForm';

/** `onSaved`: the posters show the new hall code at once. */
export function CenterRemote({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const { draft, error, pending, saved, problems, invalid, edit, save } = useRulesForm<Rules, CenterRemoteDraft, ReturnType<typeof centerRemoteProblems>>({
    path: '/api/admin/remote',
    draftOf: centerRemoteDraft,
    bodyOf: centerRemoteOut,
    problemsOf: centerRemoteProblems,
    onSaved,
  });
  if (!draft) return error ? <ServerError error={error} /> : null;

  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-labelledby="center-remote-title"
      data-testid="center-remote"
    >
      <h2 id="center-remote-title">{t('remote.settings.centerTitle')}</h2>
      <p className="muted">{t('remote.settings.centerIntro')}</p>
      <div className="form-grid">
        {CENTER_REMOTE_FIELDS.map((f) => (
          <NumberField key={f} id={`c-remote-${f}`} label={t(`remote.settings.${f}`)} hint={t(`remote.settings.${f}Hint`)} value={draft[f]} problem={problems[f]} onChange={(v) => edit({ [f]: v })} />
        ))}
        <label className="field">
          <span>{t('remote.settings.askPhone')}</span>
          <select className="input" value={draft.askPhone} onChange={(e) => edit({ askPhone: e.target.value as AskPhoneMode })} aria-describedby="c-remote-askPhone-hint" data-testid="c-remote-askPhone">
            {ASK_PHONE_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`admin.appointments.askModes.${m}`)}
              </option>
            ))}
          </select>
          <small className="muted" id="c-remote-askPhone-hint">
            {t('remote.settings.askPhoneHint')}
          </small>
        </label>
      </div>
      <fieldset className="checks">
        <legend>{t('remote.settings.hallCode')}</legend>
        <div className="hall-code-row">
          <input
            className="input mono"
            value={draft.hallCode}
            placeholder={t('remote.settings.hallCodeDerived')}
            aria-label={t('remote.settings.hallCode')}
            aria-invalid={problems.hallCode ? true : undefined}
            aria-describedby={problems.hallCode ? 'c-remote-hallCode-hint c-remote-hallCode-problem' : 'c-remote-hallCode-hint'}
            onChange={(e) => edit({ hallCode: e.target.value })}
            data-testid="c-remote-hallCode"
          />
          <button type="button" className="btn" onClick={() => edit({ hallCode: newHallCode() })} data-testid="c-remote-newCode">
            {t('remote.settings.newCode')}
          </button>
        </div>
        <small className="muted" id="c-remote-hallCode-hint">
          {t('remote.settings.hallCodeHint')}
        </small>
        {problems.hallCode && (
          <small className="field-problem" id="c-remote-hallCode-problem">
            {t('remote.settings.hallCodeProblem')}
          </small>
        )}
      </fieldset>
      <SaveFoot invalid={invalid} error={error} saved={saved} pending={pending} testId="center-remote" />
    </form>
  );
}
