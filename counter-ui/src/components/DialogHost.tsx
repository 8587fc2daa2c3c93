/** Renders the one open dialog, whichever screen asked for it. */
import { assertNever } from '../logic/never';
import { CancelTicketDialog, IssueDialog } from '../screens/Operator/TicketDialogs';
import { TransferDialog } from '../screens/Operator/TransferDialog';
import { ServicesDialog } from '../screens/Supervisor/ServicesDialog';
import { useStore } from '../store';
import { ConfirmDialog } from './ConfirmDialog';
import { PauseDialog } from './PauseDialog';

export function DialogHost() {
  const dialog = useStore((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'transfer':
      return <TransferDialog counterId={dialog.counterId} />;
    case 'pause':
      return <PauseDialog counterId={dialog.counterId} />;
    case 'services':
      return <ServicesDialog counterId={dialog.counterId} addServiceId={dialog.addServiceId} />;
    case 'confirm':
      return <ConfirmDialog action={dialog.action} counterId={dialog.counterId} />;
    case 'issue':
      return <IssueDialog />;
    case 'cancelTicket':
      return <CancelTicketDialog ticketId={dialog.ticketId} />;
    default:
      return assertNever(dialog);
  }
}
