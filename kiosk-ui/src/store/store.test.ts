import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../api';
import { backoffMs } from '../sync';
import { createKioskStore } from './index';
import { readDeviceSettings } from './settings';

const catalogue = (defaultLanguage: 'ru' | 'vi', languages: ('ru' | 'vi' | 'en')[] = ['ru', 'vi', 'en']): Catalogue => ({
  center: { id: 'c', name: 'C', languages, defaultLanguage, targetWaitMin: 15, timezone: 'Europe/Moscow' },
  services: [],
  priorityCategories: [],
  loads: [],
  availability: [],
});

describe('store', () => {
  it('starts in the center default language and follows it until the visitor picks one', () => {
    const store = createKioskStore();
    store.getState().setCatalogue(catalogue('ru'));
    expect(store.getState().lang).toBe('ru');
    store.getState().setCatalogue(catalogue('vi'));
    expect(store.getState().lang).toBe('vi');
    store.getState().chooseLanguage('en');
    store.getState().setCatalogue(catalogue('ru'));
    expect(store.getState()).toMatchObject({ lang: 'en', screen: 'services' });
    // A language the center no longer offers falls back to its default.
    store.getState().setCatalogue(catalogue('ru', ['ru']));
    expect(store.getState().lang).toBe('ru');
  });

  it('back walks the priority lane in reverse; start over forgets the visitor', () => {
    const store = createKioskStore();
    const s = () => store.getState();
    s().setCatalogue(catalogue('ru'));
    s().chooseLanguage('en');
    s().toggleLargeText();
    s().toggleSpeech();
    s().openPriority();
    s().choosePriorityCategory('disability');
    expect(s()).toMatchObject({ screen: 'services', lane: 'priority', priorityCategoryId: 'disability' });
    s().back();
    expect(s()).toMatchObject({ screen: 'priority', lane: 'priority', priorityCategoryId: null });
    s().back();
    expect(s()).toMatchObject({ screen: 'services', lane: 'normal' });
    s().openTopic('civil');
    s().setQuery('pass');
    s().back();
    expect(s()).toMatchObject({ query: '', topic: 'civil' });
    s().back();
    expect(s().topic).toBeNull();
    s().startOver();
    expect(s()).toMatchObject({ screen: 'language', lang: 'ru', langChosen: false, largeText: false, speech: false, issue: { state: 'idle' } });
  });

  it('a token means "unknown" until the server confirms it; none means pairing', () => {
    const store = createKioskStore();
    expect(store.getState()).toMatchObject({ paired: 'no', pairingReason: 'missing' });
    store.getState().setToken('t');
    expect(store.getState()).toMatchObject({ paired: 'unknown', pairingReason: null });
  });
});

describe('device settings and retries', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
  };

  it('take paper width, auto print and public address from the URL once, then remember them', () => {
    const storage = memory();
    expect(readDeviceSettings('?paper=58&autoprint=1&publicUrl=https://q.example.org/', storage)).toEqual({ paper: 58, autoPrint: true, publicUrl: 'https://q.example.org' });
    expect(readDeviceSettings('', storage)).toEqual({ paper: 58, autoPrint: true, publicUrl: 'https://q.example.org' });
    expect(readDeviceSettings('?paper=80&autoprint=0', storage)).toMatchObject({ paper: 80, autoPrint: false });
    expect(readDeviceSettings('?paper=A4', memory())).toMatchObject({ paper: 80 });
  });

  it('back off 1, 2, 4 … up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});
