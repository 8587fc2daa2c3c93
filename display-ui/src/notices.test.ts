import type { CounterService, CounterState, Language } from '@qms/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { STRINGS } from './i18n/strings.js';
import { MAX_QUEUED_NOTICES, MAX_VISIBLE_NOTICES, NOTICE_MS, noticeFromFact, noticeText, type NoticeContent } from './notices.js';
import { startNoticeTimer } from './noticeTimer.js';
import { createDisplayStore } from './store/index.js';
import { WHOLE_HALL } from './zone.js';

const services = [
  { id: 'land', names: { ru: 'Земля', en: 'Land', vi: 'Đất đai', uz: 'Yer' } },
  { id: 'justice', names: { ru: 'Юстиция: гражданское состояние', en: 'Justice: civil status', vi: 'Tư pháp: hộ tịch', uz: 'Adliya: FHDY' } },
  { id: 'health', names: { ru: 'Здоровье' } },
];
const srv = (...ids: string[]): CounterService[] => ids.map((serviceId) => ({ serviceId, role: 'primary' }));
const counter = (services: CounterService[], id = 'c7', number = '7'): CounterState => ({
  id, number, zone: 'A', status: 'open', services, staffLogin: null, currentTicketId: null, pauseReason: null, pauseReasonId: null, priorityStreak: 0, changedAt: 0,
});
const change = (before: string[], after: string[], id = 'c7', number = '7') => ({ counter: counter(srv(...after), id, number), previous: srv(...before) });
const text = (n: NoticeContent | null, lang: Language) => (n ? noticeText(n, lang, services, 'ru') : null);

describe('service notices: the text from a fact', () => {
  const merge = noticeFromFact(change(['land'], ['land', 'justice']), WHOLE_HALL);
  const release = noticeFromFact(change(['land', 'justice'], ['land']), WHOLE_HALL);

  it('a merge: the counter also serves the added services, in each language', () => {
    expect(merge).toEqual({ counterId: 'c7', counterNumber: '7', kind: 'added', serviceIds: ['justice'] });
    expect(text(merge, 'en')).toBe('Counter 7 now also serves Justice: civil status');
    expect(text(merge, 'ru')).toBe('Окно 7 теперь также принимает: Юстиция: гражданское состояние');
    expect(text(merge, 'vi')).toBe('Quầy 7 nay nhận thêm: Tư pháp: hộ tịch');
    expect(text(merge, 'uz')).toBe('7-oyna endi Adliya: FHDY ham qabul qiladi');
  });

  it('a release: the counter serves only what is left again, in each language', () => {
    expect(release).toEqual({ counterId: 'c7', counterNumber: '7', kind: 'only', serviceIds: ['land'] });
    expect(text(release, 'en')).toBe('Counter 7 again serves only Land');
    expect(text(release, 'ru')).toBe('Окно 7 снова принимает только: Земля');
    expect(text(release, 'vi')).toBe('Quầy 7 trở lại chỉ nhận: Đất đai');
    expect(text(release, 'uz')).toBe('7-oyna yana faqat Yer qabul qiladi');
  });

  it('lists several services the language’s way, names missing in a language from the default one', () => {
    const two = noticeFromFact(change(['land'], ['land', 'justice', 'health']), WHOLE_HALL);
    expect(text(two, 'en')).toBe('Counter 7 now also serves Justice: civil status and Здоровье');
    expect(text(two, 'ru')).toBe('Окно 7 теперь также принимает: Юстиция: гражданское состояние и Здоровье');
    expect(text(two, 'vi')).toBe('Quầy 7 nay nhận thêm: Tư pháp: hộ tịch và Здоровье');
    expect(text(two, 'uz')).toBe('7-oyna endi Adliya: FHDY va Здоровье ham qabul qiladi');
  });

  it('a swap says what the counter serves now; never the English reason', () => {
    const swap = noticeFromFact({ ...change(['land'], ['justice']), reason: 'queue for justice over target' } as never, WHOLE_HALL);
    expect(swap).toMatchObject({ kind: 'changed', serviceIds: ['justice'] });
    expect(text(swap, 'ru')).toBe('Окно 7 теперь принимает: Юстиция: гражданское состояние');
    expect(text(swap, 'en')).not.toContain('queue');
  });

  it('says nothing of a change of role only', () => {
    const fact = { counter: counter([{ serviceId: 'land', role: 'secondary' }]), previous: srv('land') };
    expect(noticeFromFact(fact, WHOLE_HALL)).toBeNull();
  });

  it('keeps to the display’s zone: its counters (id or number), its services', () => {
    expect(noticeFromFact(change(['land'], ['land', 'justice']), { counters: ['7'], services: [] })).not.toBeNull();
    expect(noticeFromFact(change(['land'], ['land', 'justice']), { counters: ['c7'], services: [] })).not.toBeNull();
    expect(noticeFromFact(change(['land'], ['land', 'justice']), { counters: ['3'], services: [] })).toBeNull();
    // A land display: justice joining counter 7 is not its visitors' business…
    expect(noticeFromFact(change(['land'], ['land', 'justice']), { counters: [], services: ['land'] })).toBeNull();
    // …land joining it is, and only land is named.
    expect(noticeFromFact(change(['justice'], ['justice', 'land', 'health']), { counters: [], services: ['land'] })).toMatchObject({ kind: 'added', serviceIds: ['land'] });
    // Counter 7 leaving land for justice: the land display says it no longer serves land.
    const left = noticeFromFact(change(['land', 'justice'], ['justice']), { counters: [], services: ['land'] });
    expect(left).toMatchObject({ kind: 'stopped', serviceIds: ['land'] });
    expect(text(left, 'ru')).toBe('Окно 7 больше не принимает: Земля');
  });

  it('has every notice text in every language', () => {
    for (const lang of Object.keys(STRINGS) as Language[]) {
      for (const key of ['notices', 'noticeAdded', 'noticeOnly', 'noticeChanged', 'noticeStopped'] as const) expect(STRINGS[lang][key], `${lang}.${key}`).toBeTruthy();
    }
  });
});

describe('service notices: on screen', () => {
  afterEach(() => void vi.useRealTimers());
  const notice = (counterId: string, kind: NoticeContent['kind'] = 'added'): NoticeContent => ({ counterId, counterNumber: counterId, kind, serviceIds: ['land'] });
  const shown = (s: ReturnType<typeof createDisplayStore>) => s.getState().notices.filter((n) => n.shownAt !== null).map((n) => n.counterId);

  it('shows two at a time, the others wait (a few at most); a newer change of a counter replaces its notice', () => {
    const store = createDisplayStore();
    for (const id of ['1', '2', '3']) store.getState().addNotice(notice(id), 0);
    expect(shown(store)).toEqual(['1', '2']);
    store.getState().addNotice(notice('1', 'only'), 5);
    expect(shown(store)).toEqual(['2', '3']);
    for (let i = 10; i < 20; i++) store.getState().addNotice(notice(String(i)), 10);
    expect(store.getState().notices).toHaveLength(MAX_VISIBLE_NOTICES + MAX_QUEUED_NOTICES);
    expect(store.getState().notices.at(-1)?.counterId).toBe('19');
  });

  it('takes each down after its minute, shows the next, and stops its timer', () => {
    vi.useFakeTimers({ now: 1_000 });
    const store = createDisplayStore();
    const stop = startNoticeTimer(store);
    for (const id of ['1', '2', '3']) store.getState().addNotice(notice(id), Date.now());
    vi.advanceTimersByTime(NOTICE_MS - 1);
    expect(shown(store)).toEqual(['1', '2']);
    vi.advanceTimersByTime(1);
    expect(shown(store)).toEqual(['3']);
    vi.advanceTimersByTime(NOTICE_MS);
    expect(store.getState().notices).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    store.getState().addNotice(notice('4'), Date.now());
    expect(vi.getTimerCount()).toBe(1);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
