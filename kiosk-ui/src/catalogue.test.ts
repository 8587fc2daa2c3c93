import { describe, expect, it } from 'vitest';
import type { Service } from '@qms/shared';
import { namedServices, needsTopics, normalise, search, topics, waitOf } from './catalogue';

const svc = (id: string, names: Service['names'], category?: string): Service => ({ id, prefix: 'A', names, serviceTimeMin: 10, ...(category ? { category } : {}) });

describe('normalise', () => {
  it('drops case, accents and apostrophes in every center language', () => {
    expect(normalise('Tư pháp: Hộ tịch')).toBe('tu phap ho tich');
    expect(normalise('Đăng ký')).toBe('dang ky');
    expect(normalise('Ёлки, ЗАГС')).toBe('елки загс');
    expect(normalise('Oʻzbek gʻalla')).toBe('ozbek galla');
    expect(normalise("o'zbek")).toBe('ozbek');
  });
});

describe('search', () => {
  const items = namedServices(
    [
      svc('justice', { vi: 'Tư pháp: hộ tịch, chứng thực', en: 'Justice: civil status' }),
      svc('land', { vi: 'Tài nguyên: quyền sử dụng đất', en: 'Land use rights' }),
      svc('passport', { vi: 'Hộ chiếu', en: 'Passport' }),
    ],
    'vi',
    'en',
  );

  it('finds names in the chosen language without accents', () => {
    expect(search(items, 'tu phap').map((i) => i.service.id)).toEqual(['justice']);
    expect(search(items, 'DAT').map((i) => i.service.id)).toEqual(['land']);
  });

  it('ranks word starts above matches inside words, and needs every word', () => {
    expect(search(items, 'ho').map((i) => i.service.id)).toEqual(['passport', 'justice']);
    expect(search(items, 'ho dat')).toEqual([]);
    expect(search(items, '   ')).toEqual([]);
  });

  it('falls back to the default language for names missing in the chosen one', () => {
    const mixed = namedServices([svc('x', { en: 'Visa' })], 'ru', 'en');
    expect(search(mixed, 'vis').map((i) => i.name)).toEqual(['Visa']);
  });

  it('finds one service in 150', () => {
    const many = namedServices(Array.from({ length: 150 }, (_, i) => svc(`s${i}`, { ru: `Услуга номер ${i}` }, `cat${i % 10}`)), 'ru', 'ru');
    expect(search(many, 'номер 149').map((i) => i.service.id)).toEqual(['s149']);
    expect(topics(many)).toHaveLength(10);
  });
});

describe('grouping and waits', () => {
  it('groups only large catalogues with several categories; uncategorised last', () => {
    const few = Array.from({ length: 5 }, (_, i) => svc(`s${i}`, { en: `S${i}` }, `c${i}`));
    expect(needsTopics(few)).toBe(false);
    const many = Array.from({ length: 20 }, (_, i) => svc(`s${i}`, { en: `S${i}` }, i < 3 ? undefined : `c${i % 4}`));
    expect(needsTopics(many)).toBe(true);
    expect(topics(namedServices(many, 'en', 'en')).map((t) => t.id)).toEqual(['c3', 'c0', 'c1', 'c2', '']);
  });

  it('turns loads into what a visitor reads', () => {
    const load = { serviceId: 'a', waiting: 4, waitingPriority: 0, oldestWaitMin: 3, targetWaitMin: 15, openCounters: 1, servable: true, expectedPriorityWaitMin: 2.2 };
    expect(waitOf([{ ...load, expectedWaitMin: 12.4 }], 'a')).toEqual({ wait: { kind: 'about', minutes: 12 }, waiting: 4 });
    expect(waitOf([{ ...load, expectedWaitMin: 12.4 }], 'a', 'priority').wait).toEqual({ kind: 'about', minutes: 2 });
    expect(waitOf([{ ...load, expectedWaitMin: 0.2 }], 'a').wait).toEqual({ kind: 'none' });
    expect(waitOf([{ ...load, expectedWaitMin: null }], 'a').wait).toEqual({ kind: 'unknown' });
    expect(waitOf([], 'a').wait).toEqual({ kind: 'unknown' });
  });
});
