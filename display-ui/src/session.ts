/**
 * The display's life outside React: the device token, its zone, the server binding, sound and
 * the nightly reload. main.tsx starts it once; screens call its actions.
 */
import { ErrorCode, type Response } from '@qms/shared';
import { api, deviceToken, pairDevice } from '@qms/shared/client';
import { startAnnouncer } from './announce/announcer.js';
import { browserAudio } from './announce/audio.js';
import { browserSpeech } from './announce/speech.js';
import { bindServerEvents } from './bindServerEvents.js';
import { startDailyReload } from './dailyReload.js';
import { startNoticeTimer } from './noticeTimer.js';
import { startSound } from './soundControl.js';
import type { DisplayStore } from './store/index.js';
import { resolveZone, type Zone } from './zone.js';

export const TOKEN_KEY = 'qms.display.token';
const RETRY_MS = 5_000;

/** GET /api/auth/me for a device: its zone (empty lists = the whole hall). */
interface Me {
  kind: 'device' | 'staff';
  counters?: string[];
  services?: string[];
}

export interface DisplayController {
  pair(code: string): Promise<Response<unknown>>;
  enableSound(): Promise<void>;
  muteSound(): void;
  stop(): void;
}

/** Who the token is and which zone it shows; retried while the server cannot be reached. */
function runSession(token: string, store: DisplayStore, revoked: () => void): () => void {
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let unbind: (() => void) | null = null;

  const loadScope = async (): Promise<void> => {
    clearTimeout(retry);
    const me = await api<Me>('/api/auth/me', { token });
    if (closed) return;
    if (!me.ok) {
      if (me.error.code === ErrorCode.Unauthorized) return revoked();
      retry = setTimeout(() => void loadScope(), RETRY_MS);
      return;
    }
    const device: Zone = { counters: me.data.counters ?? [], services: me.data.services ?? [] };
    store.getState().setZone(resolveZone(store.getState().options, device));
    store.getState().setPairing('paired');
    unbind ??= bindServerEvents({ token, store, onConfigChanged: () => void loadScope() });
  };
  void loadScope();

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.status === 'unauthorized' && prev.status !== 'unauthorized') revoked();
  });
  return () => {
    closed = true;
    clearTimeout(retry);
    unsubscribe();
    unbind?.();
  };
}

export function startDisplay(store: DisplayStore): DisplayController {
  const audio = browserAudio();
  const sound = startSound(store, audio, localStorage);
  const stopAnnouncer = startAnnouncer(store, { speech: browserSpeech(), chime: audio });
  const stopReload = startDailyReload(store);
  const stopNotices = startNoticeTimer(store);
  let stopSession = () => {};

  const begin = () => {
    stopSession();
    stopSession = () => {};
    const token = deviceToken(TOKEN_KEY);
    if (!token) return store.getState().setPairing('unpaired');
    store.getState().setPairing('unknown');
    store.getState().setStatus('connecting');
    stopSession = runSession(token, store, () => {
      // Revoked or re-paired elsewhere: only a new pairing code helps now.
      localStorage.removeItem(TOKEN_KEY);
      stopSession();
      stopSession = () => {};
      store.getState().setPairing('unpaired');
    });
  };
  begin();

  return {
    async pair(code) {
      const res = await pairDevice(TOKEN_KEY, code, 'display');
      if (res.ok) begin();
      return res;
    },
    enableSound: sound.enable,
    muteSound: sound.mute,
    stop() {
      stopSession();
      stopAnnouncer();
      stopReload();
      stopNotices();
      sound.stop();
    },
  };
}
