/** The live hall (snapshot + facts, from connectHall), the connection and a ticking clock. */
import type { ConnectionStatus, HallState } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface HallSlice {
  hall: HallState | null;
  connection: ConnectionStatus;
  /** Client clock, advanced every second; add `hall.clockOffsetMs` for server time. */
  now: number;
  setHall(hall: HallState): void;
  setConnection(status: ConnectionStatus): void;
  tick(now: number): void;
}

export const createHallSlice: StateCreator<Store, [], [], HallSlice> = (set) => ({
  hall: null,
  connection: 'connecting',
  now: Date.now(),
  setHall: (hall) => set({ hall }),
  setConnection: (connection) => set({ connection }),
  tick: (now) => set({ now }),
});
