/**
 * Candidate changes worth simulating (issue 15). A 142-service catalogue on 28 counters has
 * thousands of possible new skills and shift patterns; the search simulates only the few that
 * bring free counter time to where visitors wait past the target (diagnose.ts), the way the
 * literature says flexibility pays: a skill that links two groups of services no counter links yet
 * (a chain, Jordan & Graves), a service that the late or early shift leaves uncovered, hours moved
 * from where a counter idles to where its services' visitors wait.
 */
import { formatHHMM, type AdviceWhy, type PlanChange } from '@qms/shared';
import { SLOT_MIN, hotStretch, onShare, type Diagnosis } from './diagnose.js';
import { minutesOn, shiftsText } from './plan.js';

export interface Candidate {
  change: PlanChange;
  /** The heuristic's estimate, for ranking only: late visitors it might reach, per seed. */
  promise: number;
  reason: string;
  why: AdviceWhy;
}

type Interval = { from: number; to: number };

const stretchText = (x: Interval | null) => (x ? `${formatHHMM(x.from)}–${formatHHMM(x.to)}` : '');

/** New skills: counter c learns service s, ranked by late visitors of s met by c's free or calm time. */
export function trainCandidates(d: Diagnosis, limit: number): Candidate[] {
  if (limit <= 0) return [];
  const s = d.scenario;
  const groupOf = trainingGroups(s.counters);
  const coverage = coverageBySlot(d);
  const out: Candidate[] = [];
  for (const svc of s.services) {
    const late = d.lateBy.get(svc.id)!;
    if (late.every((x) => x === 0)) continue;
    for (const c of s.counters) {
      if (c.canServe.includes(svc.id)) continue;
      const free = d.free.get(c.id)!;
      const on = d.on.get(c.id)!;
      const calm = calmness(d, c.canServe);
      let promise = 0;
      let uncovered = 0;
      for (let i = 0; i < d.slots; i++) {
        if (on[i]! === 0) continue;
        // Free time reaches the late visitors directly; calm time does under oldest-first calling.
        promise += late[i]! * on[i]! * Math.min(1, free[i]! + 0.5 * calm[i]!);
        if ((coverage.get(svc.id)![i] ?? 0) === 0 && (d.arrivals.get(svc.id)![i] ?? 0) > 0) uncovered += 1;
      }
      const chain = groupOf.get(svc.id) !== groupOf.get(c.serves[0] ?? '');
      if (chain) promise *= 1.2;
      if (promise <= 0) continue;
      const hot = hotStretch(d, late.map((x, i) => x * on[i]!));
      const when = stretchText(hot);
      const why = [
        `${svc.name} visitors wait past ${svc.targetWaitMin} min ${when ? `around ${when}` : 'during the day'}, when counter ${c.id} is on shift with time to spare`,
        uncovered > 0 ? `no counter trained for ${svc.name} is on shift for ${(uncovered * SLOT_MIN) / 60} h of the day` : '',
        chain ? `links counter ${c.id}'s services to ${svc.name}'s (a chain of skills)` : '',
      ].filter(Boolean);
      out.push({
        change: { kind: 'train', counterId: c.id, serviceId: svc.id },
        promise,
        reason: why.join('; '),
        why: { kind: 'train', serviceId: svc.id, counterId: c.id, targetMin: svc.targetWaitMin, late: hot, uncoveredHours: (uncovered * SLOT_MIN) / 60, chain },
      });
    }
  }
  return diverse(out, limit, (x) => (x.change.kind === 'train' ? [`service ${x.change.serviceId}`, `counter ${x.change.counterId}`] : []));
}

/**
 * Moved hours for one counter, the same length on shift: the patterns other counters work, the
 * whole pattern earlier or later, the break earlier or later. Ranked by late visitors of the
 * counter's services in the hours gained, less those in the hours given up.
 */
export function shiftCandidates(d: Diagnosis, limit: number): Candidate[] {
  const s = d.scenario;
  const latest = Math.max(s.close, ...s.counters.flatMap((c) => c.shifts.map((x) => x.to)));
  const templates = uniquePatterns(s.counters.map((c) => c.shifts));
  const out: Candidate[] = [];
  for (const c of s.counters) {
    const length = minutesOn(c.shifts);
    const value = slotValue(d, c.canServe);
    const worth = (shifts: Interval[]) => shifts.reduce((sum, x) => sum + valueOf(d, value, x), 0);
    const now = worth(c.shifts);
    const options = [
      ...templates.filter((t) => minutesOn(t) === length),
      ...[-120, -60, -30, 30, 60, 120].map((dt) => c.shifts.map((x) => ({ from: x.from + dt, to: x.to + dt }))),
      ...breakMoves(c.shifts),
    ];
    for (const shifts of options) {
      if (samePattern(shifts, c.shifts) || shifts[0]!.from < s.open || shifts[shifts.length - 1]!.to > latest) continue;
      const gain = worth(shifts) - now;
      if (gain <= 0) continue;
      out.push({
        change: { kind: 'shift', counterId: c.id, from: c.shifts.map((x) => ({ ...x })), to: shifts },
        promise: gain,
        reason: `counter ${c.id} works ${shiftsText(shifts)} instead of ${shiftsText(c.shifts)}: the same ${length / 60} h, moved to where its services' visitors wait past the target`,
        why: { kind: 'shift', counterId: c.id, hours: length / 60 },
      });
    }
  }
  return diverse(out, limit, (x) => [x.change.counterId]);
}

/** Services connected through counters trained for them: a new skill across two groups makes a chain. */
function trainingGroups(counters: readonly { canServe: string[] }[]): Map<string, number> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  for (const c of counters) for (const s of c.canServe) parent.set(find(s), find(c.canServe[0]!));
  const ids = new Map<string, number>();
  const out = new Map<string, number>();
  for (const s of parent.keys()) out.set(s, ids.get(find(s)) ?? ids.set(find(s), ids.size).get(find(s))!);
  return out;
}

/** coverage[service][slot]: counters on shift trained for it. */
function coverageBySlot(d: Diagnosis): Map<string, number[]> {
  const out = new Map(d.scenario.services.map((s) => [s.id, new Array<number>(d.slots).fill(0)]));
  for (const c of d.scenario.counters) {
    const on = d.on.get(c.id)!;
    for (const sid of c.canServe) out.get(sid)?.forEach((_, i, row) => (row[i]! += on[i]! > 0 ? 1 : 0));
  }
  return out;
}

/** 1 where none of these services' visitors waited past target in the slot, towards 0 as they did. */
function calmness(d: Diagnosis, services: readonly string[]): number[] {
  return Array.from({ length: d.slots }, (_, i) => {
    let late = 0;
    let came = 0;
    for (const s of services) {
      late += d.lateBy.get(s)?.[i] ?? 0;
      came += d.arrivals.get(s)?.[i] ?? 0;
    }
    return came === 0 ? 1 : Math.max(0, 1 - late / came);
  });
}

/** What an on-shift slot is worth to a counter: late visitors of its services, shared among the trained counters on shift. */
function slotValue(d: Diagnosis, services: readonly string[]): number[] {
  const coverage = coverageBySlot(d);
  return Array.from({ length: d.slots }, (_, i) => {
    let v = 0;
    for (const s of services) {
      const late = d.lateBy.get(s)?.[i] ?? 0;
      const came = d.arrivals.get(s)?.[i] ?? 0;
      // Arrivals count a little too: a slot with visitors and nobody to call them is worth keeping.
      v += (late + 0.05 * came) / Math.max(1, coverage.get(s)?.[i] ?? 0);
    }
    return v;
  });
}

function valueOf(d: Diagnosis, value: readonly number[], x: Interval): number {
  let sum = 0;
  for (let i = 0; i < d.slots; i++) sum += value[i]! * onShare([x], d.start + i * SLOT_MIN);
  // Hours beyond the slots diagnosed (after the last visitor) are worth nothing.
  return sum;
}

/** The break (gap between two stretches) 30 or 60 minutes earlier or later. */
function breakMoves(shifts: readonly Interval[]): Interval[][] {
  const out: Interval[][] = [];
  for (let k = 0; k + 1 < shifts.length; k++) {
    for (const dt of [-60, -30, 30, 60]) {
      const a = shifts[k]!;
      const b = shifts[k + 1]!;
      if (a.to + dt <= a.from || b.from + dt >= b.to) continue;
      out.push(shifts.map((x, j) => (j === k ? { from: a.from, to: a.to + dt } : j === k + 1 ? { from: b.from + dt, to: b.to } : { ...x })));
    }
  }
  return out;
}

function samePattern(a: readonly Interval[], b: readonly Interval[]): boolean {
  return a.length === b.length && a.every((x, i) => x.from === b[i]!.from && x.to === b[i]!.to);
}

function uniquePatterns(list: readonly (readonly Interval[])[]): Interval[][] {
  const seen = new Map<string, Interval[]>();
  for (const p of list) seen.set(JSON.stringify(p), p.map((x) => ({ ...x })));
  return [...seen.values()];
}

/** The best `limit` by promise, at most two sharing any key (a service, a counter), so the few simulated differ. */
function diverse(list: Candidate[], limit: number, keys: (c: Candidate) => string[]): Candidate[] {
  const used = new Map<string, number>();
  const out: Candidate[] = [];
  for (const c of list.sort((a, b) => b.promise - a.promise)) {
    if (out.length >= limit) break;
    const ks = keys(c);
    if (ks.some((k) => (used.get(k) ?? 0) >= 2)) continue;
    ks.forEach((k) => used.set(k, (used.get(k) ?? 0) + 1));
    out.push(c);
  }
  return out;
}
