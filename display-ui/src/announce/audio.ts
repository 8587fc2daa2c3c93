/**
 * WebAudio for the chime, and getting the browser to let us play sound at all: browsers keep a
 * page silent until a user gesture, unless told otherwise (kiosk flags, site settings).
 */
import type { ChimePort } from './runner.js';

export interface AudioOut extends ChimePort {
  /** Call from a click or key press: resumes audio and primes speech. True if sound now plays. */
  unlock(): Promise<boolean>;
  /** Without a gesture: true if the browser lets this page play sound. */
  tryResume(timeoutMs?: number): Promise<boolean>;
  /**
   * At once, without a gesture: true if the browser lets this page play sound from the start
   * (Chromium with --autoplay-policy=no-user-gesture-required: a new AudioContext is `running`).
   */
  autoplay(): boolean;
  close(): void;
}

const CHIME_MS = 1_300;

function tone(ctx: AudioContext, freq: number, start: number, length: number): void {
  const gain = ctx.createGain();
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.35, start + 0.015);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  gain.connect(ctx.destination);
  // A sine plus a soft octave gives a bell rather than a beep.
  for (const [mult, level] of [[1, 1], [2, 0.25]] as const) {
    const osc = ctx.createOscillator();
    const g = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq * mult;
    g.gain.value = level;
    osc.connect(g).connect(gain);
    osc.onended = () => {
      osc.disconnect();
      g.disconnect();
      if (mult === 1) gain.disconnect();
    };
    osc.start(start);
    osc.stop(start + length + 0.05);
  }
}

export function browserAudio(): AudioOut {
  let ctx: AudioContext | null = null;
  const context = () => {
    if (!ctx && typeof AudioContext !== 'undefined') ctx = new AudioContext();
    return ctx;
  };
  const running = () => ctx?.state === 'running';

  return {
    play() {
      const c = context();
      if (!c || c.state !== 'running') return 0;
      const t = c.currentTime + 0.03;
      tone(c, 659.25, t, 0.6); // E5
      tone(c, 523.25, t + 0.45, 0.8); // C5: the "ding-dong" halls know
      return CHIME_MS;
    },
    async unlock() {
      const c = context();
      if (c) {
        await c.resume().catch(() => {});
        // A silent sample started inside the gesture is what iOS and old Chromium wait for.
        const src = c.createBufferSource();
        src.buffer = c.createBuffer(1, 1, 22_050);
        src.connect(c.destination);
        src.start();
      }
      if (globalThis.speechSynthesis) {
        const u = new SpeechSynthesisUtterance('');
        u.volume = 0;
        speechSynthesis.speak(u);
      }
      return c ? running() : Boolean(globalThis.speechSynthesis);
    },
    async tryResume(timeoutMs = 1_500) {
      const c = context();
      if (!c) return false;
      if (c.state !== 'running') {
        // resume() without a gesture may neither resolve nor fail: do not wait for it forever.
        await Promise.race([c.resume().catch(() => {}), new Promise((r) => setTimeout(r, timeoutMs))]);
      }
      return running();
    },
    autoplay() {
      return context()?.state === 'running';
    },
    close() {
      void ctx?.close().catch(() => {});
      ctx = null;
    },
  };
}
