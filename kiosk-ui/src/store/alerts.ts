import type { PhoneAlertKind } from '../phone-alerts';
import type { Slice } from './types';

/**
 * Web Push on the phone page: `unsupported` (no service worker or PushManager: the toggle is not
 * shown), `off`, `working` (asking the browser and the server), `on`, `blocked` (the visitor or the
 * browser refused notifications for the site), `dismissed` (the permission prompt was closed
 * without an answer), `failed` (the browser's push service or the server could not be reached).
 */
export type PushState = 'unsupported' | 'off' | 'working' | 'on' | 'blocked' | 'dismissed' | 'failed';

/** The phone page's alerts (issue 14): the banner on screen, and whether this ticket's alerts also reach a closed page. */
export interface AlertsSlice {
  /** The alert shown as a banner until dismissed or the ticket moves on; `key` as remembered (phone-alerts.ts). */
  phoneAlert: { kind: PhoneAlertKind; key: string } | null;
  pushState: PushState;
  setPhoneAlert(alert: AlertsSlice['phoneAlert']): void;
  setPushState(state: PushState): void;
}

export const alertsSlice: Slice<AlertsSlice> = (set) => ({
  phoneAlert: null,
  pushState: 'unsupported',
  setPhoneAlert: (phoneAlert) => set({ phoneAlert }),
  setPushState: (pushState) => set({ pushState }),
});
