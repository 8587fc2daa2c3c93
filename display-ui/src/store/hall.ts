import type { HallState } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { DisplayState } from './index.js';

export interface HallSlice {
  hall: HallState | null;
  /** Counts the calls this display has seen arrive; the now-calling area flashes when it moves. */
  callPulse: number;
  setHall(hall: HallState, newCalls: number): void;
}

export const hallSlice: StateCreator<DisplayState, [], [], HallSlice> = (set) => ({
  hall: null,
  callPulse: 0,
  setHall: (hall, newCalls) => set((s) => ({ hall, callPulse: s.callPulse + newCalls })),
});
