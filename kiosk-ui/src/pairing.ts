/** Pairing a kiosk with the 6-digit code an admin created, outside React. */
import { pairDevice } from '@qms/shared/client';
import type { KioskStore } from './store';

export const TOKEN_KEY = 'qms.kiosk.token';

export type PairResult = 'ok' | 'badCode' | 'wrongKind' | 'notKiosk' | 'offline';

export async function pairKiosk(store: KioskStore, code: string): Promise<PairResult> {
  const res = await pairDevice(TOKEN_KEY, code, 'kiosk');
  if (!res.ok) {
    if (res.error.code === 'UNAVAILABLE' || res.error.code === 'RATE_LIMITED') return 'offline';
    // A display's code, refused without being used up: it still pairs the display.
    return res.error.code === 'CONFLICT' ? 'wrongKind' : 'badCode';
  }
  if (res.data.kind !== 'kiosk') {
    // A display's code: do not keep its token as the kiosk's.
    localStorage.removeItem(TOKEN_KEY);
    return 'notKiosk';
  }
  store.getState().setToken(res.data.token);
  store.getState().markPaired();
  store.getState().startOver();
  return 'ok';
}
