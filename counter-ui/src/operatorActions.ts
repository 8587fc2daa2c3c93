/** What the operator's buttons and shortcut keys do, outside React so both share one path. */
import { runCounterCommand } from './commands';
import { enabledActions, type Enabled, type OperatorAction } from './logic/actions';
import { shortcutAction } from './logic/shortcuts';
import { store, type Store } from './store';
import { selectCurrentTicket, selectMyCounter, selectMyQueue } from './store/selectors';

export function operatorEnabled(s: Store): Enabled {
  return enabledActions({
    counter: selectMyCounter(s),
    ticket: selectCurrentTicket(s),
    waiting: selectMyQueue(s).length,
    busy: s.busy !== null,
    connected: s.connection === 'live',
  });
}

export function perform(action: OperatorAction): void {
  const s = store.getState();
  const counterId = s.counterId;
  if (!counterId) return;
  switch (action) {
    case 'transfer':
      return s.openDialog({ kind: 'transfer', counterId });
    case 'pause':
      return s.openDialog({ kind: 'pause', counterId });
    case 'release':
    case 'logout':
      return s.openDialog({ kind: 'confirm', action, counterId });
    default:
      void runCounterCommand(action, counterId, {});
  }
}

/** Window-wide shortcut keys while the operator view is shown; returns the unsubscribe. */
export function bindShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    const s = store.getState();
    if (e.code === 'Escape' && !s.dialog && s.error) return s.showError(null);
    const action = shortcutAction(e, operatorEnabled(s), s.dialog !== null);
    if (!action) return;
    e.preventDefault();
    perform(action);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
