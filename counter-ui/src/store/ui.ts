/** Where the user is (route), which dialog is open, what is in flight, and messages to show. */
import type { AppErrorBody, BalanceReason, CounterState } from '@qms/shared';
import type { StateCreator } from 'zustand';
import type { Store } from './index';
import type { Route } from '../router';

export type Dialog =
  | { kind: 'transfer'; counterId: string }
  | { kind: 'pause'; counterId: string }
  | { kind: 'services'; counterId: string; addServiceId?: string }
  | { kind: 'confirm'; action: 'release' | 'logout' | 'close'; counterId: string | null }
  | { kind: 'issue' }
  | { kind: 'cancelTicket'; ticketId: string };

/** Things that happened to the user rather than by them. */
export type Notice =
  | { kind: 'sessionEnded' }
  | { kind: 'counterClosed'; counter: string }
  | { kind: 'counterTakenOver'; counter: string; by: string }
  /** `why`: the rebalancer's reason as data, else `reason` as the supervisor typed it (put into words when shown). */
  | { kind: 'servicesChanged'; why?: BalanceReason | undefined; reason: string; added: string[]; removed: string[] }
  /** `pause`: the counter's reason (put into words when shown); `by`: the name of whoever paused it (absent on facts older than issue 11); `you`: the user, in another window. */
  | { kind: 'pausedBySupervisor'; pause: Pick<CounterState, 'pauseReason' | 'pauseReasonId'>; by?: string; you?: boolean };

export interface UiSlice {
  route: Route;
  dialog: Dialog | null;
  /** The command in flight, if any. */
  busy: string | null;
  error: AppErrorBody | null;
  notice: Notice | null;
  setRoute(route: Route): void;
  openDialog(dialog: Dialog): void;
  closeDialog(): void;
  setBusy(busy: string | null): void;
  showError(error: AppErrorBody | null): void;
  showNotice(notice: Notice | null): void;
}

export const createUiSlice =
  (initial: { route: Route }): StateCreator<Store, [], [], UiSlice> =>
  (set) => ({
    route: initial.route,
    dialog: null,
    busy: null,
    error: null,
    notice: null,
    setRoute: (route) => set({ route }),
    openDialog: (dialog) => set({ dialog }),
    closeDialog: () => set({ dialog: null }),
    setBusy: (busy) => set({ busy }),
    showError: (error) => set({ error }),
    showNotice: (notice) => set({ notice }),
  });
