/** The operator's commands, each with its shortcut key; enabled only when valid now. */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { Kbd } from '../../components/Kbd';
import type { OperatorAction } from '../../logic/actions';
import { SHORTCUTS } from '../../logic/shortcuts';
import { operatorEnabled, perform } from '../../operatorActions';
import { useStore } from '../../store';
import { selectCurrentTicket } from '../../store/selectors';

export function ActionBar() {
  const enabled = useStore(useShallow(operatorEnabled));
  const paused = useStore((s) => (s.counterId ? s.hall?.counters[s.counterId]?.status === 'paused' : false));
  const atRecallLimit = useStore((s) => (selectCurrentTicket(s)?.recalls ?? 0) >= (s.hall?.center.policy.recallLimit ?? Infinity));
  const busy = useStore((s) => s.busy);
  const { t } = useTranslation();

  const button = (action: OperatorAction, variant = '', label: string = t(`op.actions.${action}`)) => (
    <button
      key={action}
      type="button"
      className={`act ${variant} ${busy === action ? 'act-busy' : ''}`}
      data-action={action}
      disabled={!enabled[action]}
      aria-keyshortcuts={SHORTCUTS[action].label}
      onClick={() => perform(action)}
    >
      <span>{label}</span>
      <Kbd label={SHORTCUTS[action].label} />
    </button>
  );

  return (
    <div className="actions" role="toolbar" aria-label={t('op.actionsLabel')} aria-busy={busy !== null}>
      {button('call-next', 'act-main')}
      <div className="actions-row">
        {button('recall', atRecallLimit ? 'act-danger' : '', atRecallLimit ? t('op.actions.recallLast') : t('op.actions.recall'))}
        {button('start')}
        {button('complete', 'act-good')}
        {button('no-show', 'act-danger')}
        {button('transfer')}
        {paused ? button('resume', 'act-good') : button('pause')}
      </div>
    </div>
  );
}
