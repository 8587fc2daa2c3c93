import type { Slice } from './types';

export type Paper = 58 | 80;

export interface DeviceSettings {
  /** Thermal roll width in mm. */
  paper: Paper;
  /** Print as soon as the ticket is issued (with Chromium's --kiosk-printing: no dialog). */
  autoPrint: boolean;
  /** Origin that phones can reach, for the QR code, when the kiosk itself uses localhost. */
  publicUrl: string | null;
}

export interface SettingsSlice extends DeviceSettings {
  /** Per visitor: reset by startOver. */
  largeText: boolean;
  speech: boolean;
  /** What "read aloud" says on the current screen: its heading, then its options. */
  speechLines: string[];
  /** Set when speech is on but no voice speaks the chosen language. */
  speechNoVoice: boolean;
  toggleLargeText(): void;
  toggleSpeech(): void;
  setSpeechLines(lines: string[]): void;
  setSpeechNoVoice(missing: boolean): void;
  setDeviceSettings(s: DeviceSettings): void;
}

export const settingsSlice: Slice<SettingsSlice> = (set, get) => ({
  paper: 80,
  autoPrint: false,
  publicUrl: null,
  largeText: false,
  speech: false,
  speechLines: [],
  speechNoVoice: false,
  toggleLargeText: () => set((s) => ({ largeText: !s.largeText })),
  toggleSpeech: () => set((s) => ({ speech: !s.speech })),
  // Same words again (a re-render, a remount) must not be read out twice.
  setSpeechLines: (speechLines) => get().speechLines.join('\n') !== speechLines.join('\n') && set({ speechLines }),
  setSpeechNoVoice: (speechNoVoice) => set({ speechNoVoice }),
  setDeviceSettings: (s) => set(s),
});

const STORAGE_KEY = 'qms.kiosk.settings';

/**
 * Device settings come from the address once (`?paper=58&autoprint=1&publicUrl=…`), set up by
 * whoever installs the kiosk, and are remembered in localStorage after that.
 */
export function readDeviceSettings(search: string, storage: Pick<Storage, 'getItem' | 'setItem'>): DeviceSettings {
  let saved: Partial<DeviceSettings> = {};
  try {
    saved = JSON.parse(storage.getItem(STORAGE_KEY) ?? '{}') as Partial<DeviceSettings>;
  } catch {
    // A corrupt entry is replaced below.
  }
  const params = new URLSearchParams(search);
  const paperParam = params.get('paper');
  const autoParam = params.get('autoprint');
  const urlParam = params.get('publicUrl');
  const settings: DeviceSettings = {
    paper: paperParam === '58' ? 58 : paperParam === '80' ? 80 : saved.paper === 58 ? 58 : 80,
    autoPrint: autoParam !== null ? autoParam === '1' || autoParam === 'true' : saved.autoPrint === true,
    publicUrl: urlParam !== null ? urlParam.replace(/\/+$/, '') || null : (saved.publicUrl ?? null),
  };
  storage.setItem(STORAGE_KEY, JSON.stringify(settings));
  return settings;
}
