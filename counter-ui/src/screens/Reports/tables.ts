/**
 * The report's tables as data: columns with the figure each takes, and rows with a label per
 * group. The screen formats them for the eye and csv.ts for a spreadsheet, so the file holds the
 * very figures on screen. Pure.
 */
import type { HourFlow, Lane, Report, ReportChannel, ReportFigures, ReportGroup, ReportGrouping, Weekday } from '@qms/shared';
import type { TFunction } from 'i18next';
import type { en } from '../../i18n/en';

/** count: a whole number; min: minutes; pct: a share 0–1 (shown as a percentage). */
export type Kind = 'count' | 'min' | 'pct';

export interface Column<T = ReportFigures> {
  /** The catalogue key under reports.col. */
  id: keyof typeof en.reports.col;
  kind: Kind;
  value(f: T): number | null;
  /** Coloured against the target: waits by minutes, shares by how many were within it. */
  norm?: 'wait' | 'share';
  /** In a wide table: the heading over several columns, and this one's short name under it. */
  group?: keyof typeof en.reports.colGroup;
  short?: keyof typeof en.reports.short;
}

/** The table by group: every main figure, under four headings so each column's name stays short. */
export const GROUP_COLUMNS: Column[] = [
  { id: 'issued', kind: 'count', value: (f) => f.issued, group: 'visitors', short: 'issued' },
  { id: 'served', kind: 'count', value: (f) => f.served, group: 'visitors', short: 'served' },
  { id: 'noShow', kind: 'count', value: (f) => f.noShow, group: 'visitors', short: 'noShow' },
  { id: 'cancelled', kind: 'count', value: (f) => f.cancelled, group: 'visitors', short: 'cancelled' },
  { id: 'transferred', kind: 'count', value: (f) => f.transferred, group: 'visitors', short: 'transferred' },
  { id: 'waitMean', kind: 'min', value: (f) => f.wait.mean, norm: 'wait', group: 'wait', short: 'mean' },
  { id: 'waitP50', kind: 'min', value: (f) => f.wait.p50, norm: 'wait', group: 'wait', short: 'median' },
  { id: 'waitP90', kind: 'min', value: (f) => f.wait.p90, norm: 'wait', group: 'wait', short: 'p90' },
  { id: 'waitP95', kind: 'min', value: (f) => f.wait.p95, group: 'wait', short: 'p95' },
  { id: 'withinTarget', kind: 'pct', value: (f) => f.withinTarget, norm: 'share', group: 'wait', short: 'within' },
  { id: 'serviceMean', kind: 'min', value: (f) => f.service.mean, group: 'service', short: 'mean' },
  { id: 'serviceP90', kind: 'min', value: (f) => f.service.p90, group: 'service', short: 'p90' },
  { id: 'etaMedian', kind: 'min', value: (f) => f.eta.medianErrorMin, group: 'eta', short: 'error' },
  { id: 'etaUnder', kind: 'pct', value: (f) => f.eta.underPromisedOver5, group: 'eta', short: 'under' },
];

/** The charts' own tables: each carries the numbers its chart draws. */
export const SERVICE_COLUMNS: Column[] = [
  { id: 'issued', kind: 'count', value: (f) => f.issued },
  { id: 'withinTarget', kind: 'pct', value: (f) => f.withinTarget, norm: 'share' },
  { id: 'waitP50', kind: 'min', value: (f) => f.wait.p50, norm: 'wait' },
  { id: 'waitP90', kind: 'min', value: (f) => f.wait.p90, norm: 'wait' },
];
export const HOUR_WAIT_COLUMNS: Column[] = [
  { id: 'called', kind: 'count', value: (f) => f.wait.count },
  { id: 'waitP50', kind: 'min', value: (f) => f.wait.p50, norm: 'wait' },
  { id: 'waitP90', kind: 'min', value: (f) => f.wait.p90, norm: 'wait' },
  { id: 'withinTarget', kind: 'pct', value: (f) => f.withinTarget, norm: 'share' },
];
export const DAY_COLUMNS: Column[] = [
  { id: 'issued', kind: 'count', value: (f) => f.issued },
  { id: 'served', kind: 'count', value: (f) => f.served },
  { id: 'withinTarget', kind: 'pct', value: (f) => f.withinTarget, norm: 'share' },
  { id: 'waitP50', kind: 'min', value: (f) => f.wait.p50, norm: 'wait' },
];

export const FLOW_COLUMNS: Column<HourFlow>[] = [
  { id: 'arrivals', kind: 'count', value: (f) => f.issued },
  { id: 'completed', kind: 'count', value: (f) => f.completed },
];

export interface Row<T = ReportFigures> {
  key: string;
  label: string;
  figures: T;
}

/** A group key in the viewer's words: a service's name, "Counter 3", "09:00–10:00", "Monday". */
export type Labeller = (key: string) => string;

export function rowsOf(groups: ReportGroup[], label: Labeller): Row[] {
  return groups.map((g) => ({ key: g.key, label: label(g.key), figures: g.figures }));
}

/** "09" → "09:00–10:00"; the last hour ends at 24:00, as the center's opening hours write it. */
export function hourRange(hour: string | number): string {
  const h = Number(hour);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(h)}:00–${two(h + 1)}:00`;
}

export interface LabelSources {
  t: TFunction;
  service(id: string): string;
  category(id: string): string;
  /** A counter's number, if the hall still knows the counter. */
  counterNumber(id: string): string | undefined;
  /** A staff member's name, if known. */
  staffName(login: string): string | undefined;
  /** A calendar day "YYYY-MM-DD" in the viewer's language. */
  day(day: string): string;
}

/** The labeller for a grouping. The empty key ("") is the group of tickets with none: never called, no category. */
export function labeller(by: ReportGrouping, src: LabelSources): Labeller {
  return (key) => {
    switch (by) {
      case 'none':
        return src.t('reports.total');
      case 'service':
        return src.service(key);
      case 'counter':
        return key === '' ? src.t('reports.key.notCalled') : src.t('op.counter', { number: src.counterNumber(key) ?? key });
      case 'operator':
        return key === '' ? src.t('reports.key.notCalled') : (src.staffName(key) ?? key);
      case 'lane':
        return src.t(`lane.${key as Lane}`);
      case 'category':
        return key === '' ? src.t('reports.key.noCategory') : src.category(key);
      case 'channel':
        return src.t(`reports.channel.${key as ReportChannel}`);
      case 'hour':
        return hourRange(key);
      case 'weekday':
        return src.t(`admin.schedule.weekdays.${key as Weekday}`);
      case 'day':
        return src.day(key);
    }
  };
}

/** Has the period any ticket at all? */
export function isEmpty(report: Report): boolean {
  return report.total.issued === 0;
}

/**
 * A share within target against the norm: good from 90 %, acceptable from 80 % (Service Canada's
 * standard is its target met 80 % of the time), below that it needs action.
 */
export function shareLevel(share: number): 'ok' | 'warn' | 'late' {
  // Judged as shown, in whole per cent: a share printed "80%" is not painted as below 80 %.
  const pct = Math.round(share * 100);
  return pct >= 90 ? 'ok' : pct >= 80 ? 'warn' : 'late';
}

/** A table as CSV cells: percentages as numbers of per cent (the header says "%"), minutes to a tenth. */
export function csvRows<T>(columns: Column<T>[], rows: Row<T>[], total?: { label: string; figures: T }): (string | number | null)[][] {
  const cells = (label: string, f: T) => [
    label,
    ...columns.map((c) => {
      const v = c.value(f);
      return v === null ? null : c.kind === 'pct' ? v * 100 : v;
    }),
  ];
  return [...rows.map((r) => cells(r.label, r.figures)), ...(total ? [cells(total.label, total.figures)] : [])];
}
