import type { StateCreator } from 'zustand';
import type { DisplayState } from './index.js';

/**
 * - `locked`: sound was never enabled on this screen: ask, with a large button.
 * - `resuming`: it was enabled before; trying to get it back without a touch.
 * - `on`: chime and voice play.
 * - `blocked`: enabled before, but the browser refuses until someone touches the screen.
 * - `muted`: someone chose to go on without sound.
 */
export type SoundState = 'locked' | 'resuming' | 'on' | 'blocked' | 'muted';

export interface SoundSlice {
  sound: SoundState;
  setSound(sound: SoundState): void;
}

export const soundSlice: StateCreator<DisplayState, [], [], SoundSlice> = (set) => ({
  sound: 'locked',
  setSound: (sound) => set({ sound }),
});
