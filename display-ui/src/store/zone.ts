import type { StateCreator } from 'zustand';
import { WHOLE_HALL, type Zone } from '../zone.js';
import type { DisplayState } from './index.js';

export interface ZoneSlice {
  /** The counters and services this display shows (URL over device scope); empty lists: all. */
  zone: Zone;
  setZone(zone: Zone): void;
}

export const zoneSlice: StateCreator<DisplayState, [], [], ZoneSlice> = (set) => ({
  zone: WHOLE_HALL,
  setZone: (zone) => set({ zone }),
});
