/**
 * The display's one store, built from slices (STYLE 9). Server events reach it through
 * bindServerEvents, the announcer reads its queue; components use narrow selectors.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseOptions, type DisplayOptions } from '../options.js';
import { announcementsSlice, type AnnouncementsSlice } from './announcements.js';
import { connectionSlice, type ConnectionSlice } from './connection.js';
import { hallSlice, type HallSlice } from './hall.js';
import { noticesSlice, type NoticesSlice } from './notices.js';
import { soundSlice, type SoundSlice } from './sound.js';
import { zoneSlice, type ZoneSlice } from './zone.js';

export type DisplayState = HallSlice &
  ZoneSlice &
  AnnouncementsSlice &
  NoticesSlice &
  SoundSlice &
  ConnectionSlice & {
    /** From the address bar, fixed for the page's life. */
    options: DisplayOptions;
  };

export type DisplayStore = StoreApi<DisplayState>;

export function createDisplayStore(options: DisplayOptions = parseOptions('')): DisplayStore {
  return createStore<DisplayState>()((...a) => ({
    ...hallSlice(...a),
    ...zoneSlice(...a),
    ...announcementsSlice(...a),
    ...noticesSlice(...a),
    ...soundSlice(...a),
    ...connectionSlice(...a),
    options,
  }));
}

/** The app's instance; tests build their own with createDisplayStore. */
export const displayStore: DisplayStore = createDisplayStore(typeof window === 'undefined' ? undefined : parseOptions(window.location.search));

export function useDisplay<T>(selector: (s: DisplayState) => T): T {
  return useStore(displayStore, selector);
}
