/**
 * Sound permission over months: no question at all where the browser lets the page play sound
 * from the start (a kiosk or TV browser started with --autoplay-policy=no-user-gesture-required);
 * otherwise ask once with a big button, remember the answer, get sound back by itself after a
 * reload where the browser allows it, and take any touch or remote key press as the gesture
 * browsers want. While sound stays blocked, a banner across the screen says so.
 */
import type { AudioOut } from './announce/audio.js';
import type { DisplayStore } from './store/index.js';

export const SOUND_KEY = 'qms.display.sound';
/**
 * Nobody pressed the big button (a TV switched on and left): after this long it folds into the
 * small indicator, so that it never hides the calls for good. The next touch still enables sound.
 */
export const ASK_FOR_MS = 60_000;

export interface SoundControl {
  enable(): Promise<void>;
  mute(): void;
  stop(): void;
}

export function startSound(
  store: DisplayStore,
  audio: AudioOut,
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  doc: Pick<Document, 'addEventListener' | 'removeEventListener'> = document,
  askForMs = ASK_FOR_MS,
): SoundControl {
  const set = store.getState().setSound;
  let stopped = false;
  const fold = setTimeout(() => store.getState().sound === 'locked' && set('blocked'), askForMs);

  const enable = async () => {
    const ok = await audio.unlock();
    if (stopped) return;
    set(ok ? 'on' : 'blocked');
    if (ok) storage.setItem(SOUND_KEY, 'on');
  };
  // Any touch or key press while blocked is the gesture the browser waits for.
  const onGesture = () => {
    if (store.getState().sound === 'blocked') void enable();
  };
  doc.addEventListener('pointerdown', onGesture);
  doc.addEventListener('keydown', onGesture);

  const remembered = storage.getItem(SOUND_KEY);
  if (remembered !== 'muted' && audio.autoplay()) {
    // A TV started with the autoplay flag: sound works with nobody there to press anything.
    set('on');
  } else if (remembered === 'on') {
    set('resuming');
    void audio.tryResume().then((ok) => !stopped && store.getState().sound === 'resuming' && set(ok ? 'on' : 'blocked'));
  } else if (remembered === 'muted') set('muted');

  return {
    enable,
    mute() {
      set('muted');
      storage.setItem(SOUND_KEY, 'muted');
    },
    stop() {
      stopped = true;
      clearTimeout(fold);
      doc.removeEventListener('pointerdown', onGesture);
      doc.removeEventListener('keydown', onGesture);
      audio.close();
    },
  };
}
