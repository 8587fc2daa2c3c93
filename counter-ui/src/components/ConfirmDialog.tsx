/** Release, log out or close: rare actions, so one Enter to confirm is worth it. */
import { useTranslation } from 'react-i18next';
import { runCounterCommand } from '../commands';
import { useStore } from '../store';
import { Dialog } from './Dialog';

export function ConfirmDialog({ action, counterId }: { action: 'release' | 'logout' | 'close'; counterId: string | null }) {
  const { t } = useTranslation();
  const closeDialog = useStore((s) => s.closeDialog);
  const logout = useStore((s) => s.logout);
  const counter = useStore((s) => (counterId ? s.hall?.counters[counterId] : undefined));
  const holding = useStore((s) => (counter?.currentTicketId ? s.hall?.tickets[counter.currentTicketId]?.number : undefined));
  const number = counter?.number ?? counterId ?? '';

  const confirm = async () => {
    closeDialog();
    if (action === 'logout') await logout();
    else if (counterId) await runCounterCommand(action, counterId, {});
  };

  return (
    <Dialog title={t(`confirm.${action}.title`, { number })} onClose={closeDialog} testId={`confirm-${action}`}>
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <p>{t(`confirm.${action}.body`, { number })}</p>
        {action === 'logout' && holding && <p className="warn-text">{t('confirm.logout.holding', { number: holding })}</p>}
        <footer className="dialog-foot">
          <button type="button" className="btn" onClick={closeDialog}>
            {t('common.cancel')}
          </button>
          {/* Focused on open: Enter confirms at once, Esc cancels. */}
          <button type="submit" className="btn btn-primary" data-autofocus data-testid="confirm-ok">
            {t(`confirm.${action}.ok`)}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
