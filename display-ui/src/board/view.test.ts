import type { Board, BoardService } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { filterRows, openingDay, orderedRows, parseBoardOptions, pickLanguage, waitView } from './view.js';

const service = (id: string, names: BoardService['names'], extra: Partial<BoardService> = {}): BoardService => ({
  id,
  names,
  category: null,
  waiting: 0,
  expectedWaitMin: 0,
  targetWaitMin: 15,
  openCounters: 1,
  servedNow: true,
  opensAt: null,
  joinableNow: false,
  ...extra,
});

const board = (services: BoardService[]): Board => ({
  center: { id: 'c', name: 'C', languages: ['vi', 'en'], defaultLanguage: 'vi', timezone: 'Asia/Ho_Chi_Minh', targetWaitMin: 15, openNow: true, closesAt: null, opensAt: null },
  generatedAt: 0,
  openCounters: 1,
  waiting: 0,
  services,
  categories: [],
  today: { called: 0, withinTargetShare: null, meanWaitMin: null, targetWaitMin: 15 },
});

describe('live board view', () => {
  it('reads its options from the address, refusing what it cannot use', () => {
    expect(parseBoardOptions('')).toEqual({ center: null, lang: null, refreshMs: 15_000 });
    expect(parseBoardOptions('?center=demo&lang=ru&refresh=2')).toEqual({ center: 'demo', lang: 'ru', refreshMs: 2000 });
    expect(parseBoardOptions('?lang=fr&refresh=0.5')).toMatchObject({ lang: null, refreshMs: 15_000 });
    expect(parseBoardOptions('?refresh=100000').refreshMs).toBe(15_000);
  });

  it("speaks the first wanted language the center has, else the center's default", () => {
    const center = { languages: ['vi', 'en'] as const, defaultLanguage: 'vi' as const };
    expect(pickLanguage({ ...center, languages: [...center.languages] }, [null, 'ru-RU', 'en-GB'])).toBe('en');
    expect(pickLanguage({ ...center, languages: [...center.languages] }, ['fr', undefined])).toBe('vi');
  });

  it('words the wait as the kiosk does', () => {
    expect(waitView({ servedNow: false, opensAt: 5, expectedWaitMin: 3 })).toEqual({ kind: 'not-served', opensAt: 5 });
    expect(waitView({ servedNow: true, opensAt: null, expectedWaitMin: null })).toEqual({ kind: 'no-counter' });
    expect(waitView({ servedNow: true, opensAt: null, expectedWaitMin: 0.4 })).toEqual({ kind: 'none' });
    expect(waitView({ servedNow: true, opensAt: null, expectedWaitMin: 12.6 })).toEqual({ kind: 'about', minutes: 13 });
  });

  it('lists services with people waiting first, then the served, then the rest, by name; the filter ignores accents', () => {
    const rows = orderedRows(
      board([
        service('a', { vi: 'Tư pháp', en: 'Justice' }),
        service('b', { vi: 'Đất đai', en: 'Land' }, { waiting: 3 }),
        service('c', { vi: 'Bảo hiểm', en: 'Insurance' }, { servedNow: false }),
        service('d', { vi: 'Y tế', en: 'Health' }),
      ]),
      'vi',
    );
    expect(rows.map((r) => r.service.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(filterRows(rows, 'tu PHAP').map((r) => r.service.id)).toEqual(['a']);
    expect(filterRows(rows, 'dat').map((r) => r.service.id)).toEqual(['b']);
    expect(filterRows(rows, '  ')).toHaveLength(4);
  });

  it("tells an opening as today, tomorrow or later in the center's zone", () => {
    const now = Date.UTC(2026, 2, 2, 16, 0); // 23:00 in Ho Chi Minh City
    expect(openingDay(now + 30 * 60_000, now, 'Asia/Ho_Chi_Minh')).toBe('today');
    expect(openingDay(now + 2 * 3_600_000, now, 'Asia/Ho_Chi_Minh')).toBe('tomorrow');
    expect(openingDay(now + 30 * 3_600_000, now, 'Asia/Ho_Chi_Minh')).toBe('later');
  });
});
