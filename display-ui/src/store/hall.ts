import type { DisplayHall } from '../hall.js';
import type { StateCreator } from 'zustand';
import type { DisplayState } from './index.js';

export interface HallSlice {
  hall: DisplayHall | null;
  /** Counts the calls this display has seen arrive; the now-calling area flashes when it moves. */
  callPulse: number;
  setHall(hall: DisplayHall, newCalls: number): void;
}

export const hallSlice: StateCreator<DisplayState, [], [], HallSlice> = (set) => ({
  hall: null,
  callPulse: 0,
  setHall: (hall, newCalls) => set((s) => ({ hall, callPulse: s.callPulse + newCalls })),
});
