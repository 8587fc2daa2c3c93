import type { Language } from '@qms/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDisplayStore, type DisplayStore } from '../store/index.js';
import { startAnnouncer, storeQueue } from './announcer.js';
import { createRunner, GAP_MS, STALE_MS, safetyMs, type SpeakOutcome, type SpeechPort } from './runner.js';

/** A voice we control: it records what it was asked and ends when the test says so. */
class FakeSpeech implements SpeechPort {
  said: { text: string; lang: Language; at: number }[] = [];
  active: ((o: SpeakOutcome) => void) | null = null;
  cancels = 0;
  constructor(private readonly autoEndMs: number | null, private readonly outcome: SpeakOutcome = 'spoken') {}
  speak(text: string, lang: Language, done: (o: SpeakOutcome) => void) {
    this.said.push({ text, lang, at: Date.now() });
    this.active = done;
    if (this.autoEndMs !== null) setTimeout(() => done(this.outcome), this.autoEndMs);
  }
  cancel() {
    this.cancels++;
  }
}

const CHIME_MS = 1_000;

describe('announcement queue runner', () => {
  let store: DisplayStore;
  let chimes: number[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    store = createDisplayStore();
    store.getState().setSound('on');
    chimes = [];
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  const run = (speech: SpeechPort) => {
    stop = startAnnouncer(store, { speech, chime: { play: () => (chimes.push(Date.now()), CHIME_MS) } });
  };
  const call = (key: string, texts: [Language, string][]) =>
    store.getState().enqueue(texts.map(([lang, text], i) => ({ callKey: key, lang, text, chime: i === 0 })), Date.now());
  const statuses = () => store.getState().announcements.map((a) => `${a.text}:${a.status}:${a.outcome ?? ''}`);

  it('chimes, then speaks, then speaks the next only after the first ended', async () => {
    const speech = new FakeSpeech(2_000);
    run(speech);
    call('a', [['en', 'Ticket A 001, counter 1']]);
    call('b', [['en', 'Ticket A 002, counter 2']]);
    expect(chimes).toHaveLength(1);
    expect(speech.said).toHaveLength(0); // the chime first
    await vi.advanceTimersByTimeAsync(CHIME_MS);
    expect(speech.said.map((s) => s.text)).toEqual(['Ticket A 001, counter 1']);
    expect(statuses()).toEqual(['Ticket A 001, counter 1:speaking:', 'Ticket A 002, counter 2:queued:']);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(speech.said).toHaveLength(1); // never two voices at once
    await vi.advanceTimersByTimeAsync(1 + GAP_MS + CHIME_MS);
    expect(speech.said.map((s) => s.text)).toEqual(['Ticket A 001, counter 1', 'Ticket A 002, counter 2']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(statuses()).toEqual(['Ticket A 001, counter 1:done:spoken', 'Ticket A 002, counter 2:done:spoken']);
    const [first, second] = store.getState().announcements;
    expect(second!.startedAt!).toBeGreaterThanOrEqual(first!.endedAt!);
    expect(store.getState().liveText).toBe('Ticket A 002, counter 2');
  });

  it('chimes once per call, not once per language', async () => {
    const speech = new FakeSpeech(500);
    run(speech);
    call('a', [['vi', 'Mời số A 001 đến quầy 1'], ['ru', 'Талон A 001, окно 1']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS + 500 + GAP_MS + 500);
    expect(chimes).toHaveLength(1);
    expect(speech.said.map((s) => s.lang)).toEqual(['vi', 'ru']);
  });

  it('goes on after the safety timeout when a voice never ends, and cancels it', async () => {
    const speech = new FakeSpeech(null);
    run(speech);
    call('a', [['ru', 'Талон A 001, окно 1']]);
    call('b', [['ru', 'Талон A 002, окно 2']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS + safetyMs('Талон A 001, окно 1'));
    expect(statuses()[0]).toBe('Талон A 001, окно 1:done:timeout');
    expect(speech.cancels).toBe(1);
    await vi.advanceTimersByTimeAsync(GAP_MS + CHIME_MS);
    expect(speech.said).toHaveLength(2);
  });

  it('ignores a late end from a voice it already gave up on', async () => {
    const speech = new FakeSpeech(null);
    run(speech);
    call('a', [['en', 'one']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS);
    const lateEnd = speech.active!;
    await vi.advanceTimersByTimeAsync(safetyMs('one') + GAP_MS + CHIME_MS);
    call('b', [['en', 'two']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS);
    lateEnd('spoken');
    expect(statuses()).toEqual(['one:done:timeout', 'two:speaking:']);
  });

  it('records calls without speaking while sound is off, and speaks new ones once it is on', async () => {
    store.getState().setSound('blocked');
    const speech = new FakeSpeech(100);
    run(speech);
    call('a', [['en', 'one']]);
    expect(statuses()).toEqual(['one:done:muted']);
    store.getState().setSound('on');
    call('b', [['en', 'two']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS + 100);
    expect(speech.said.map((s) => s.text)).toEqual(['two']);
  });

  it('turns sound to blocked when the browser refuses to speak', async () => {
    const speech = new FakeSpeech(0, 'blocked');
    run(speech);
    call('a', [['en', 'one']]);
    call('b', [['en', 'two']]);
    await vi.advanceTimersByTimeAsync(CHIME_MS + GAP_MS + 10);
    expect(store.getState().sound).toBe('blocked');
    expect(statuses()).toEqual(['one:done:blocked', 'two:done:muted']);
  });

  it('drops announcements that waited too long', async () => {
    store.getState().setSound('muted');
    const speech = new FakeSpeech(100);
    stop = () => {};
    call('old', [['en', 'old']]);
    await vi.advanceTimersByTimeAsync(STALE_MS + 1);
    store.getState().setSound('on');
    run(speech);
    expect(statuses()).toEqual(['old:done:stale']);
    expect(speech.said).toHaveLength(0);
  });

  it('keeps the log bounded over months', async () => {
    store.getState().setSound('muted');
    run(new FakeSpeech(0));
    for (let i = 0; i < 500; i++) call(`k${i}`, [['en', `call ${i}`]]);
    const list = store.getState().announcements;
    expect(list.length).toBeLessThanOrEqual(20);
    expect(list.at(-1)!.text).toBe('call 499');
  });

  it('holds no timers between announcements, however many it played', async () => {
    const runner = createRunner({ queue: storeQueue(store), speech: new FakeSpeech(10), chime: { play: () => 5 } });
    const unsubscribe = store.subscribe(() => runner.pump());
    stop = () => {
      unsubscribe();
      runner.stop();
    };
    for (let i = 0; i < 50; i++) {
      call(`k${i}`, [['en', `call ${i}`]]);
      await vi.advanceTimersByTimeAsync(5 + 10 + GAP_MS);
    }
    expect(store.getState().announcements.every((a) => a.outcome === 'spoken')).toBe(true);
    expect(runner.pendingTimers()).toBe(0);
  });

  it('stops cleanly: no timer fires after stop', async () => {
    const speech = new FakeSpeech(null);
    run(speech);
    call('a', [['en', 'one']]);
    stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(speech.said).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
    stop = () => {};
  });
});
