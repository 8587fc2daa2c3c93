import type { ConnectionStatus } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { DisplayState } from './index.js';

/** `unknown` until the server has answered who this token is; `unpaired` shows the pairing screen. */
export type Pairing = 'unknown' | 'paired' | 'unpaired';

export interface ConnectionSlice {
  status: ConnectionStatus;
  /** When the connection was last lost (epoch ms), null while live. */
  downSince: number | null;
  pairing: Pairing;
  setStatus(status: ConnectionStatus, now?: number): void;
  setPairing(pairing: Pairing): void;
}

export const connectionSlice: StateCreator<DisplayState, [], [], ConnectionSlice> = (set) => ({
  status: 'connecting',
  downSince: null,
  pairing: 'unknown',
  setStatus: (status, now = Date.now()) => set((s) => ({ status, downSince: status === 'live' ? null : (s.downSince ?? now) })),
  setPairing: (pairing) => set({ pairing }),
});
