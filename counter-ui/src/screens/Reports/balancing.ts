/**
 * "What balancing saved" as data (issue 12): the headline's figures, the state of the panel, who
 * decided the proposals and the day table's columns, from GET /api/reports/balancing. Pure.
 */
import type { BalancingDay, BalancingReport, DayWaits } from '@qms/shared';
import type { Period } from './period';
import type { Column } from './tables';

/** What the panel shows: no request for a period with no past day, progress while days are pending. */
export type BalancingState = 'todayOnly' | 'loading' | 'pending' | 'failed' | 'none' | 'ready';

export function balancingState(period: Period, today: string, entry: { data: BalancingReport | null; error: unknown } | undefined): BalancingState {
  if (period.from >= today) return 'todayOnly';
  if (entry?.error) return 'failed';
  const data = entry?.data;
  if (!data) return 'loading';
  if (data.pending.length > 0) return 'pending';
  return data.total.visitors === 0 ? 'none' : 'ready';
}

/** Does the server need asking? Not for a period of today (or later): it has no replay to give. */
export const hasPastDays = (period: Period, today: string): boolean => period.from < today;

export interface Headline {
  with: DayWaits;
  without: DayWaits;
  /** Visitors of the days replayed, and those days. */
  visitors: number;
  days: number;
  /** How many more of those visitors were called within the target with balancing (may be negative). */
  extraWithin: number | null;
  /** Mean wait without minus with, per visitor (minutes), and over all the visitors (hours). */
  minutesSaved: number | null;
  hoursSaved: number | null;
  /** `better`: more within the target and shorter waits; `same`: under a point and half a minute apart; else `mixed`. */
  verdict: 'better' | 'same' | 'mixed' | null;
}

export function headline(r: BalancingReport): Headline {
  const { actual, without, visitors } = r.total;
  const days = r.days.filter((d) => d.without).length;
  const extraWithin = actual.withinTarget === null || without.withinTarget === null ? null : Math.round(visitors * (actual.withinTarget - without.withinTarget));
  const minutesSaved = actual.meanWaitMin === null || without.meanWaitMin === null ? null : Math.round((without.meanWaitMin - actual.meanWaitMin) * 10) / 10;
  const hoursSaved = minutesSaved === null ? null : hoursOf(visitors * minutesSaved);
  let verdict: Headline['verdict'] = null;
  if (extraWithin !== null && minutesSaved !== null) {
    // Judged as the sentence shows them: whole per cent and tenths of a minute.
    const points = Math.round((actual.withinTarget ?? 0) * 100) - Math.round((without.withinTarget ?? 0) * 100);
    if (Math.abs(points) < 1 && Math.abs(minutesSaved) < 0.5) verdict = 'same';
    else if (extraWithin > 0 && minutesSaved > 0) verdict = 'better';
    else verdict = 'mixed';
  }
  return { with: actual, without, visitors, days, extraWithin, minutesSaved, hoursSaved, verdict };
}

/** Minutes as hours: whole hours from ten up, tenths below (a short day's 40 minutes is 0.7 h, not 1). */
export function hoursOf(minutes: number): number {
  const h = minutes / 60;
  return Math.abs(h) >= 10 ? Math.round(h) : Math.round(h * 10) / 10;
}

export interface Decider {
  login: string;
  name: string;
  accepted: number;
  rejected: number;
}

/**
 * Who decided the proposals, by name where the staff list has one, else by login, the busiest
 * first. The server keys them by login; an actor ("staff:anna", older answers) is taken as well.
 */
export function decidersOf(decidedBy: BalancingReport['moves']['decidedBy'], nameOf: (login: string) => string | undefined): Decider[] {
  const byLogin = new Map<string, Decider>();
  for (const [actor, d] of Object.entries(decidedBy)) {
    const login = actor.replace(/^staff:/, '');
    const known = byLogin.get(login) ?? { login, name: nameOf(login) ?? login, accepted: 0, rejected: 0 };
    byLogin.set(login, { ...known, accepted: known.accepted + d.accepted, rejected: known.rejected + d.rejected });
  }
  return [...byLogin.values()].sort((a, b) => b.accepted + b.rejected - (a.accepted + a.rejected) || a.name.localeCompare(b.name));
}

/** Did balancing move anything in the period? */
export const anyMoves = (m: BalancingReport['moves']): boolean =>
  m.merges + m.releases + m.proposals.accepted + m.proposals.rejected + m.proposals.expired > 0;

/** Days on which balancing kept more visitors within the target, of the days that can be compared; and the widest gap. */
export function dayComparison(days: BalancingDay[]): { better: number; compared: number; widest: BalancingDay | null } {
  let better = 0;
  let compared = 0;
  let widest: BalancingDay | null = null;
  const gap = (d: BalancingDay) => (d.actual.withinTarget ?? 0) - (d.without?.withinTarget ?? 0);
  for (const d of days) {
    if (d.actual.withinTarget === null || d.without?.withinTarget == null) continue;
    compared += 1;
    if (Math.round(d.actual.withinTarget * 100) > Math.round(d.without.withinTarget * 100)) better += 1;
    if (widest === null || gap(d) > gap(widest)) widest = d;
  }
  return { better, compared, widest };
}

/** The day table: visitors, then within target and mean wait, each with and without balancing. */
export const BALANCING_DAY_COLUMNS: Column<BalancingDay>[] = [
  { id: 'visitors', kind: 'count', value: (d) => d.visitors },
  { id: 'withinWith', kind: 'pct', value: (d) => d.actual.withinTarget, norm: 'share', group: 'withinTarget', short: 'with' },
  { id: 'withinWithout', kind: 'pct', value: (d) => d.without?.withinTarget ?? null, norm: 'share', group: 'withinTarget', short: 'without' },
  { id: 'waitWith', kind: 'min', value: (d) => d.actual.meanWaitMin, norm: 'wait', group: 'meanWait', short: 'with' },
  { id: 'waitWithout', kind: 'min', value: (d) => d.without?.meanWaitMin ?? null, norm: 'wait', group: 'meanWait', short: 'without' },
];

/** The chart's own table: the two shares it draws. */
export const BALANCING_SHARE_COLUMNS: Column<BalancingDay>[] = [
  { id: 'withinWith', kind: 'pct', value: (d) => d.actual.withinTarget, norm: 'share' },
  { id: 'withinWithout', kind: 'pct', value: (d) => d.without?.withinTarget ?? null, norm: 'share' },
];

/** The total row: the report's totals, over the days replayed. */
export const totalDay = (r: BalancingReport): BalancingDay => ({ day: '', visitors: r.total.visitors, actual: r.total.actual, without: r.total.without });
