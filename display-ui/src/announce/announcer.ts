/** Connects the queue runner to the store: the store holds the queue, the runner plays it. */
import type { DisplayStore } from '../store/index.js';
import { createRunner, type ChimePort, type QueuePort, type SpeechPort, type Timers } from './runner.js';

export function storeQueue(store: DisplayStore, now: () => number = Date.now): QueuePort {
  return {
    next: () => store.getState().announcements.find((a) => a.status === 'queued'),
    start: (id) => store.getState().startAnnouncement(id, now()),
    finish: (id, outcome) => {
      store.getState().finishAnnouncement(id, outcome, now());
      // The browser withdrew its permission (or never gave it): say so on screen, keep calling visually.
      if (outcome === 'blocked') store.getState().setSound('blocked');
    },
    soundOn: () => store.getState().sound === 'on',
    now,
  };
}

/** Returns its stop function. */
export function startAnnouncer(store: DisplayStore, ports: { speech: SpeechPort; chime: ChimePort; timers?: Timers; now?: () => number }): () => void {
  const runner = createRunner({ queue: storeQueue(store, ports.now), speech: ports.speech, chime: ports.chime, ...(ports.timers ? { timers: ports.timers } : {}) });
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.announcements !== prev.announcements || s.sound !== prev.sound) runner.pump();
  });
  runner.pump();
  return () => {
    unsubscribe();
    runner.stop();
  };
}
