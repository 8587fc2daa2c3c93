import type { Slice } from './types';

/** Why the pairing screen shows: no token at all, the server refused it, or it is not a kiosk's. */
export type PairingReason = 'missing' | 'revoked' | 'notKiosk';

export interface DeviceSlice {
  token: string | null;
  /** 'unknown' until /api/auth/me answers: a network failure must not unpair a working kiosk. */
  paired: 'unknown' | 'yes' | 'no';
  pairingReason: PairingReason | null;
  /** False while the server cannot be reached; the kiosk keeps its last catalogue meanwhile. */
  online: boolean;
  setToken(token: string | null): void;
  markPaired(): void;
  needPairing(reason: PairingReason): void;
  setOnline(online: boolean): void;
}

export const deviceSlice: Slice<DeviceSlice> = (set) => ({
  token: null,
  paired: 'no',
  pairingReason: 'missing',
  online: true,
  setToken: (token) => set(token ? { token, paired: 'unknown', pairingReason: null } : { token: null, paired: 'no', pairingReason: 'missing' }),
  markPaired: () => set({ paired: 'yes', pairingReason: null }),
  needPairing: (reason) => set({ paired: 'no', pairingReason: reason }),
  setOnline: (online) => set({ online }),
});
