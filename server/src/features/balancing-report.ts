/**
 * What balancing did and what it saved (issue 12). Each past day of the period is replayed once
 * with its own visitors and shifts and every counter kept to its plan (sim/replay.ts, policy
 * `static`), and kept; the day as lived comes from its report rows. Work per request is bounded:
 * days left over are listed as pending for the next request.
 */
import { addCalendarDays, localMidnight, localTime, type BalancingDay, type BalancingReport, type DayWaits, type Fact, type ReportQuery } from '@qms/shared';
import type { CenterRuntime } from '../center/runtime.js';
import { figuresOf, type Tally } from '../kpi/tally.js';
import { pastDayTallies } from './report-build.js';
import { findPolicy } from '../sim/policies.js';
import { replayDay, type ReplayFigures } from '../sim/replay.js';
import type { LiveStore } from '../storage/live-store.js';
import type { ReplayStore, ReportStore } from '../storage/report-store.js';

const DAY_MS = 86_400_000;
/** Replay work one request may do before answering with the rest pending. */
export const REPLAY_BUDGET_MS = 2_500;

const daysOf = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) out.push(d);
  return out;
};


function weighted(days: BalancingDay[], pick: (d: BalancingDay) => DayWaits | null): DayWaits {
  let n = 0;
  let within = 0;
  let wait = 0;
  for (const d of days) {
    const w = pick(d);
    if (!w || w.withinTarget === null || w.meanWaitMin === null) continue;
    n += d.visitors;
    within += w.withinTarget * d.visitors;
    wait += w.meanWaitMin * d.visitors;
  }
  return n === 0 ? { withinTarget: null, meanWaitMin: null } : { withinTarget: within / n, meanWaitMin: Math.round((wait / n) * 10) / 10 };
}

export function balancingReport(
  rt: CenterRuntime,
  stores: { reports: ReportStore; replays: ReplayStore; live: LiveStore },
  q: Pick<ReportQuery, 'from' | 'to'>,
  now: number,
  budgetMs = REPLAY_BUDGET_MS,
): BalancingReport {
  const { config } = rt;
  const tz = config.center.timezone;
  const today = localTime(now, tz).day;
  // The days as lived, from their stored summaries (the same as the summary report's).
  const yesterday = addCalendarDays(today, -1);
  const tallies = q.from <= yesterday ? pastDayTallies(rt, stores.reports, q.from, q.to < today ? q.to : yesterday) : new Map<string, Tally>();
  const stored = stores.replays.period<ReplayFigures>(rt.centerId, 'static', q.from, q.to);
  const started = Date.now();
  const days: BalancingDay[] = [];
  const pending: string[] = [];
  const policy = findPolicy('static')!;
  for (const day of daysOf(q.from, q.to)) {
    // Today is not over, and the future has nothing.
    if (day >= today) continue;
    const lived = tallies.get(day);
    if (!lived) continue;
    let without = stored.get(day);
    if (without === undefined) {
      if (Date.now() - started > budgetMs) {
        pending.push(day);
        continue;
      }
      const midnight = localMidnight(day, tz);
      const facts = stores.live.counterFactsBetween(rt.centerId, midnight, midnight + DAY_MS + 6 * 3_600_000).map((f) => ({ at: f.at, body: f }));
      without = replayDay(config, stores.reports.rows(rt.centerId, day, day), facts, midnight, policy);
      stores.replays.put(rt.centerId, 'static', day, without);
    }
    const actual = figuresOf(lived);
    days.push({
      day,
      // Called, served or not: the visitors the replay takes.
      visitors: lived.served + lived.noShow,
      actual: { withinTarget: actual.withinTarget, meanWaitMin: actual.wait.mean },
      without: without ? { withinTarget: without.withinTargetShare, meanWaitMin: without.meanWaitMin === null ? null : Math.round(without.meanWaitMin * 10) / 10 } : null,
    });
  }
  const replayed = days.filter((d) => d.without);
  // The moves of the same days as the replays: the past days of the period (today is not over).
  const start = localMidnight(q.from, tz);
  const end = Math.min(localMidnight(q.to, tz) + DAY_MS, localMidnight(today, tz));
  return {
    centerId: rt.centerId,
    from: q.from,
    to: q.to,
    days,
    pending,
    total: { visitors: replayed.reduce((s, d) => s + d.visitors, 0), actual: weighted(replayed, (d) => d.actual), without: weighted(replayed, (d) => d.without) },
    moves: moves(rt, stores.live.counterFactsBetween(rt.centerId, start, end), end),
  };
}

/** Merges and releases, who made them, proposals decided, and counter-minutes beyond the plan. */
function moves(rt: CenterRuntime, facts: (Fact & { actor: string | null })[], end: number): BalancingReport['moves'] {
  const plan = new Map(rt.config.counters.map((c) => [c.id, new Set(c.services.map((s) => s.serviceId))]));
  const out: BalancingReport['moves'] = { merges: 0, releases: 0, automatic: 0, byStaff: 0, mergedMinutes: 0, proposals: { accepted: 0, rejected: 0, expired: 0 }, decidedBy: {} };
  const mergedSince = new Map<string, number>();
  const stop = (id: string, at: number) => {
    const since = mergedSince.get(id);
    if (since !== undefined) out.mergedMinutes += (at - since) / 60_000;
    mergedSince.delete(id);
  };
  for (const f of facts) {
    if (f.type === 'counter:services-changed') {
      const before = new Set(f.previous.map((s) => s.serviceId));
      const added = f.counter.services.some((s) => !before.has(s.serviceId));
      if (added) out.merges += 1;
      else out.releases += 1;
      if (f.actor?.startsWith('staff:')) out.byStaff += 1;
      else out.automatic += 1;
      const beyond = f.counter.services.some((s) => !plan.get(f.counter.id)?.has(s.serviceId));
      if (beyond && !mergedSince.has(f.counter.id)) mergedSince.set(f.counter.id, f.at);
      else if (!beyond) stop(f.counter.id, f.at);
    } else if (f.type === 'counter:closed') stop(f.counter.id, f.at);
    else if (f.type === 'balance:resolved') {
      out.proposals[f.outcome] += 1;
      if (f.by && f.outcome !== 'expired') {
        // Keyed by login: the log names the actor ("staff:anna").
        const who = (out.decidedBy[f.by.replace(/^staff:/, '')] ??= { accepted: 0, rejected: 0 });
        who[f.outcome] += 1;
      }
    }
  }
  for (const id of [...mergedSince.keys()]) stop(id, end);
  out.mergedMinutes = Math.round(out.mergedMinutes);
  return out;
}
