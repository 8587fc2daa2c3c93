/**
 * The phone's alert when its visitor is called, and again at each recall: a vibration where the
 * phone has one (not iPhones), and a short chime generated with WebAudio, no sound file to load.
 * Browsers play sound only after a touch on the page, so the visitor turns it on with a button;
 * the choice is remembered, and on a later visit the first touch anywhere lets it play again.
 * Outside React: it follows the store, as the kiosk's speech does.
 */
import type { TicketStatusView } from './api';
import type { KioskStore } from './store';

export const SOUND_KEY = 'qms.phone.sound';
/** Long enough to notice in a pocket: three pulses. */
export const VIBRATION = [400, 200, 400, 200, 400];
const CHIME_HZ = [880, 660, 880];

export interface CallAlert {
  /** From a click: unlocks audio, plays the chime once so the visitor knows it, remembers the choice. */
  soundOn(): void;
  soundOff(): void;
  /** Vibration, and the chime when sound alerts are on: for the page's other alerts (phone-alerts.ts). */
  ring(): void;
  stop(): void;
}

/** A new call for the visitor: called now and not before, or called again (a recall moves calledAt). */
export function isNewCall(prev: TicketStatusView | null, next: TicketStatusView | null): boolean {
  if (!prev || !next || next.status !== 'called') return false;
  return prev.status !== 'called' || prev.calledAt !== next.calledAt;
}

function chime(ctx: AudioContext): void {
  const start = ctx.currentTime + 0.05;
  CHIME_HZ.forEach((hz, i) => {
    const at = start + i * 0.3;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = hz;
    // A quick rise and fall: no click at either end.
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.6, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.26);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + 0.28);
  });
}

export function bindCallAlert(store: KioskStore, storage: Storage = localStorage): CallAlert {
  let ctx: AudioContext | null = null;
  const audio = () => (ctx ??= typeof AudioContext === 'function' ? new AudioContext() : null);
  const set = store.getState().setSoundAlerts;

  /** The browser may still hold the sound back until a touch: the first one anywhere lets it play. */
  const unlockOnTouch = () => {
    const unlock = () => {
      void audio()
        ?.resume()
        .then(() => store.getState().soundAlerts === 'needsTap' && set('on'));
      document.removeEventListener('click', unlock);
      document.removeEventListener('keydown', unlock);
    };
    // A click, not a pointerdown: on a touch screen the browser counts the touch only once it ends.
    document.addEventListener('click', unlock);
    document.addEventListener('keydown', unlock);
  };

  if (storage.getItem(SOUND_KEY) === 'on') {
    const c = audio();
    if (c?.state === 'running') set('on');
    else if (c) {
      set('needsTap');
      unlockOnTouch();
    }
  }

  const ring = () => {
    navigator.vibrate?.(VIBRATION);
    if (store.getState().soundAlerts === 'on' && ctx?.state === 'running') chime(ctx);
  };
  const unsubscribe = store.subscribe((state, prev) => {
    if (isNewCall(prev.ticketView, state.ticketView)) ring();
  });

  return {
    soundOn() {
      const c = audio();
      if (!c) return;
      storage.setItem(SOUND_KEY, 'on');
      void c.resume().then(() => {
        set('on');
        chime(c);
      });
    },
    soundOff() {
      storage.setItem(SOUND_KEY, 'off');
      set('off');
    },
    ring,
    stop: unsubscribe,
  };
}
