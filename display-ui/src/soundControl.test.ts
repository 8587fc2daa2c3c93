import { describe, expect, it } from 'vitest';
import type { AudioOut } from './announce/audio.js';
import { SOUND_KEY, startSound } from './soundControl.js';
import { createDisplayStore } from './store/index.js';

function fakes(opts: { autoplay: boolean; unlock: boolean; startsRunning?: boolean }, stored: Record<string, string> = {}) {
  const storage = { getItem: (k: string) => stored[k] ?? null, setItem: (k: string, v: string) => void (stored[k] = v) };
  const listeners = new Map<string, () => void>();
  const doc = {
    addEventListener: (type: string, fn: () => void) => void listeners.set(type, fn),
    removeEventListener: (type: string) => void listeners.delete(type),
  } as unknown as Document;
  let unlocks = 0;
  const audio: AudioOut = {
    play: () => 0,
    unlock: async () => (unlocks++, opts.unlock),
    tryResume: async () => opts.autoplay,
    autoplay: () => opts.startsRunning ?? false,
    close: () => {},
  };
  return { storage, stored, doc, audio, listeners, unlocks: () => unlocks };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('sound permission', () => {
  it('asks on a new screen, and remembers a yes', async () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: false, unlock: true });
    const control = startSound(store, f.audio, f.storage, f.doc);
    expect(store.getState().sound).toBe('locked');
    await control.enable();
    expect(store.getState().sound).toBe('on');
    expect(f.stored[SOUND_KEY]).toBe('on');
  });

  it('gets sound back by itself after a reload where the browser allows it', async () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: true, unlock: true }, { [SOUND_KEY]: 'on' });
    startSound(store, f.audio, f.storage, f.doc);
    expect(store.getState().sound).toBe('resuming');
    await settle();
    expect(store.getState().sound).toBe('on');
  });

  it('when the browser refuses, shows blocked and takes the next touch or key as the gesture', async () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: false, unlock: true }, { [SOUND_KEY]: 'on' });
    const control = startSound(store, f.audio, f.storage, f.doc);
    await settle();
    expect(store.getState().sound).toBe('blocked');
    f.listeners.get('keydown')!();
    await settle();
    expect(store.getState().sound).toBe('on');
    control.stop();
    expect(f.listeners.size).toBe(0);
  });

  it('folds the question into the small indicator when nobody answers it', async () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: false, unlock: true });
    const control = startSound(store, f.audio, f.storage, f.doc, 5);
    expect(store.getState().sound).toBe('locked');
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().sound).toBe('blocked');
    expect(f.stored[SOUND_KEY]).toBeUndefined(); // asked again after the next reload
    control.stop();
  });

  it('does not ask at all where the browser plays sound from the start (an unattended TV with the autoplay flag)', () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: true, unlock: true, startsRunning: true });
    const control = startSound(store, f.audio, f.storage, f.doc, 5);
    expect(store.getState().sound).toBe('on');
    expect(f.stored[SOUND_KEY]).toBeUndefined(); // detected again at every start, never assumed
    control.stop();
    // A choice to stay silent still wins.
    const muted = createDisplayStore();
    startSound(muted, f.audio, { getItem: () => 'muted', setItem: () => {} }, f.doc);
    expect(muted.getState().sound).toBe('muted');
  });

  it('remembers a choice to go on without sound and does not ask again', () => {
    const store = createDisplayStore();
    const f = fakes({ autoplay: false, unlock: true });
    startSound(store, f.audio, f.storage, f.doc).mute();
    expect(store.getState().sound).toBe('muted');
    const again = createDisplayStore();
    startSound(again, f.audio, f.storage, f.doc);
    expect(again.getState().sound).toBe('muted');
    f.listeners.get('pointerdown')!(); // a touch does not override the choice
    expect(f.unlocks()).toBe(0);
  });
});
