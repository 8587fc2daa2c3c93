/**
 * Plays the announcement queue one item at a time: chime (once per call), then the voice, and
 * only when that has ended — or a safety timeout fired, because some voices never report the
 * end — the next. Speech, chime, timers and the queue are injected so that tests drive it with
 * fakes and fake timers.
 */
import type { Language } from '@qms/shared';
import type { Announcement, Outcome } from '../store/announcements.js';

export type SpeakOutcome = Extract<Outcome, 'spoken' | 'error' | 'no-voice' | 'blocked'>;

export interface SpeechPort {
  /** Speak; call `done` exactly once when it has ended or cannot be spoken. */
  speak(text: string, lang: Language, done: (outcome: SpeakOutcome) => void): void;
  /** Stop whatever is being said (a voice that hangs would otherwise block the engine's queue). */
  cancel(): void;
}

export interface ChimePort {
  /** Start the chime; returns how long it lasts, ms. */
  play(): number;
}

export interface QueuePort {
  /** The oldest queued announcement, if any. */
  next(): Announcement | undefined;
  start(id: number): void;
  finish(id: number, outcome: Outcome): void;
  soundOn(): boolean;
  now(): number;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A voice gets this long per character, and at least the minimum, before we give up on its `end`. */
export function safetyMs(text: string): number {
  return Math.min(20_000, 2_500 + text.length * 120);
}
/** An announcement that waited this long behind others is no longer useful: the screen shows it. */
export const STALE_MS = 90_000;
/** A breath between two announcements, so that two calls do not run together. */
export const GAP_MS = 400;

export interface Runner {
  /** Look at the queue; safe to call any time (store changes call it). */
  pump(): void;
  /** For tests: timers it still holds. */
  pendingTimers(): number;
  stop(): void;
}

export function createRunner(deps: { queue: QueuePort; speech: SpeechPort; chime: ChimePort; timers?: Timers }): Runner {
  const { queue, speech, chime } = deps;
  const timers = deps.timers ?? realTimers;
  let current: number | null = null;
  let pending: unknown[] = [];
  let stopped = false;
  let pumping = false;

  const later = (fn: () => void, ms: number) => {
    const h = timers.set(() => {
      pending = pending.filter((p) => p !== h);
      fn();
    }, ms);
    pending.push(h);
    return h;
  };
  // Cleared timers leave the list too: it runs for months.
  const cancel = (h: unknown) => {
    timers.clear(h);
    pending = pending.filter((p) => p !== h);
  };

  const play = (item: Announcement) => {
    current = item.id;
    queue.start(item.id);
    let finished = false;
    let safety: unknown = null;
    const finish = (outcome: Outcome) => {
      if (finished || stopped) return;
      finished = true;
      if (safety !== null) cancel(safety);
      if (outcome === 'timeout') speech.cancel();
      queue.finish(item.id, outcome);
      current = null;
      later(pump, GAP_MS);
    };
    const speak = () => {
      if (finished || stopped) return;
      safety = later(() => finish('timeout'), safetyMs(item.text));
      try {
        speech.speak(item.text, item.lang, finish);
      } catch {
        finish('error');
      }
    };
    let chimeMs = 0;
    try {
      if (item.chime) chimeMs = chime.play();
    } catch {
      chimeMs = 0; // no chime is no reason to skip the voice
    }
    if (chimeMs > 0) later(speak, chimeMs);
    else speak();
  };

  function pump(): void {
    if (stopped || pumping || current !== null) return;
    pumping = true;
    try {
      for (let item = queue.next(); item; item = queue.next()) {
        if (queue.now() - item.queuedAt > STALE_MS) queue.finish(item.id, 'stale');
        else if (!queue.soundOn()) {
          // Sound off: the call is on screen and in the live region; keep the record, skip the voice.
          queue.start(item.id);
          queue.finish(item.id, 'muted');
        } else {
          play(item);
          break; // the next one starts from finish(), after the gap
        }
      }
    } finally {
      pumping = false;
    }
  }

  return {
    pump,
    pendingTimers: () => pending.length,
    stop() {
      stopped = true;
      pending.forEach((h) => timers.clear(h));
      pending = [];
      if (current !== null) speech.cancel();
    },
  };
}
