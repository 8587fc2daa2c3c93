import type { ReportFigures } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { csvRows, GROUP_COLUMNS, hourRange, labeller, shareLevel, type LabelSources } from './tables';

const figures = (over: Partial<ReportFigures> = {}): ReportFigures => ({
  issued: 10,
  served: 8,
  noShow: 1,
  cancelled: 1,
  transferred: 0,
  recalled: 0,
  open: 0,
  byChannel: { kiosk: 9, staff: 1, remote: 0 },
  wait: { count: 9, mean: 6.25, p50: 5, p90: 14, p95: 18, max: 20 },
  withinTarget: 0.8889,
  aboveTarget: 0.1111,
  bands: { upTo10: 0.6, upTo20: 0.3, upTo30: 0.1, over30: 0 },
  service: { count: 8, mean: 7.5, p50: 7, p90: 12, p95: 12, max: 13 },
  eta: { count: 9, medianErrorMin: 2, p90ErrorMin: 5, underPromisedOver5: 0.1 },
  ...over,
});

const src: LabelSources = {
  t: ((key: string, vars?: Record<string, unknown>) => (vars ? `${key}${JSON.stringify(vars)}` : key)) as unknown as LabelSources['t'],
  service: (id) => `service:${id}`,
  category: (id) => `category:${id}`,
  counterNumber: (id) => (id === 'c7' ? '7' : undefined),
  staffName: (login) => (login === 'op1' ? 'Anna' : undefined),
  day: (d) => `day:${d}`,
};

describe('group keys in the viewer’s words', () => {
  it('hours as ranges, the last one ending at 24:00', () => {
    expect(hourRange('09')).toBe('09:00–10:00');
    expect(hourRange(23)).toBe('23:00–24:00');
    expect(labeller('hour', src)('00')).toBe('00:00–01:00');
  });

  it('names for ids, translations for codes, and the empty key said in words', () => {
    expect(labeller('service', src)('passport')).toBe('service:passport');
    expect(labeller('counter', src)('c7')).toBe('op.counter{"number":"7"}');
    expect(labeller('counter', src)('gone')).toBe('op.counter{"number":"gone"}');
    expect(labeller('counter', src)('')).toBe('reports.key.notCalled');
    expect(labeller('operator', src)('op1')).toBe('Anna');
    expect(labeller('operator', src)('op9')).toBe('op9');
    expect(labeller('operator', src)('')).toBe('reports.key.notCalled');
    expect(labeller('category', src)('')).toBe('reports.key.noCategory');
    expect(labeller('category', src)('elderly')).toBe('category:elderly');
    expect(labeller('lane', src)('priority')).toBe('lane.priority');
    expect(labeller('channel', src)('kiosk')).toBe('reports.channel.kiosk');
    expect(labeller('weekday', src)('mon')).toBe('admin.schedule.weekdays.mon');
    expect(labeller('day', src)('2026-03-02')).toBe('day:2026-03-02');
  });
});

describe('tables as CSV rows', () => {
  it('the figures on screen: shares as per cent, nothing measured as empty, a total row last', () => {
    const rows = csvRows(GROUP_COLUMNS, [{ key: 'a', label: 'A', figures: figures() }], { label: 'Total', figures: figures({ withinTarget: null }) });
    const header = GROUP_COLUMNS.map((c) => c.id);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.[0]).toBe('A');
    expect(rows[0]?.[1 + header.indexOf('issued')]).toBe(10);
    expect(rows[0]?.[1 + header.indexOf('withinTarget')]).toBeCloseTo(88.89);
    expect(rows[0]?.[1 + header.indexOf('waitMean')]).toBe(6.25);
    expect(rows[1]?.[0]).toBe('Total');
    expect(rows[1]?.[1 + header.indexOf('withinTarget')]).toBeNull();
  });

  it('a share within target against the norm: 90 % good, 80 % the floor', () => {
    expect(shareLevel(0.95)).toBe('ok');
    expect(shareLevel(0.9)).toBe('ok');
    expect(shareLevel(0.85)).toBe('warn');
    expect(shareLevel(0.8)).toBe('warn');
    expect(shareLevel(0.79)).toBe('late');
    // As shown: 79.6 % reads "80%", and is coloured as 80 %.
    expect(shareLevel(0.796)).toBe('warn');
    expect(shareLevel(0.794)).toBe('late');
  });
});
