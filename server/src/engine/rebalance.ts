/**
 * The rebalancer (docs/SPEC.md B1–B4): from the queues, the arrival rate seen so far and the
 * expected service times, predict each service's wait a little ahead; when one is heading past
 * its target, merge in the counter that costs least elsewhere (within what its staff can serve);
 * release it, with hysteresis, when the risk has passed. Pure: state and `now` in, moves out.
 */
import { MINUTE, type CounterService, type CounterState, type Ticket } from '@qms/shared';
import { meanServiceMin } from './eta.js';
import type { EngineState } from './types.js';

export interface BalanceParams {
  /** B1: how far ahead the backlog is projected, minutes. */
  horizonMin: number;
  /** B1: the window over which the arrival rate is measured, minutes. */
  rateWindowMin: number;
  /** B2: merge when the predicted wait reaches this share of the target. */
  mergeAt: number;
  /** B3: release when the service would stay under this share of the target without the counter. */
  releaseAt: number;
  /** B2: a counter is lent only while its own services stay under this share of their targets. */
  donorLimit: number;
  /** B4: a counter's service set changes at most once per this many minutes. */
  minDwellMin: number;
}

/** First measured settings (npm run bench:balance); not yet at the bar of issue 4, see docs/balancing.md. */
export const DEFAULT_BALANCE: BalanceParams = { horizonMin: 20, rateWindowMin: 30, mergeAt: 0.6, releaseAt: 0.3, donorLimit: 0.5, minDwellMin: 30 };

export interface Move {
  kind: 'merge' | 'release';
  counterId: string;
  serviceId: string;
  /** The counter's services after the move. */
  services: CounterService[];
  predictedWaitMin: number;
  targetMin: number;
  reason: string;
}

interface Load {
  waiting: number;
  oldestWaitMin: number;
  /** Arrivals per minute over the window. */
  rate: number;
  meanMin: number;
  targetMin: number;
}

/** B1: the wait a visitor arriving within the horizon can expect, with this much capacity (counters' worth). */
export function predictedWait(load: Load, capacity: number, params: BalanceParams): number {
  if (capacity <= 0) return load.waiting > 0 || load.rate > 0 ? Infinity : 0;
  const perMin = capacity / load.meanMin;
  const backlogAhead = Math.max(0, load.waiting + (load.rate - perMin) * params.horizonMin);
  const queueWait = Math.max(load.waiting, backlogAhead) / perMin;
  return Math.max(queueWait, load.oldestWaitMin);
}

function capacityShares(counters: Iterable<CounterState>): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of counters) {
    if (c.status === 'closed') continue;
    const weight = c.services.reduce((sum, s) => sum + (s.role === 'primary' ? 1 : 0.5), 0);
    for (const s of c.services) out.set(s.serviceId, (out.get(s.serviceId) ?? 0) + (s.role === 'primary' ? 1 : 0.5) / weight);
  }
  return out;
}

function loads(state: EngineState, now: number, params: BalanceParams, dayStart: number): Map<string, Load> {
  // A full window even early in the day: a few minutes after opening, one arrival is not a rate.
  void dayStart;
  const windowStart = now - params.rateWindowMin * MINUTE;
  const windowMin = params.rateWindowMin;
  const out = new Map<string, Load>();
  for (const s of state.config.services) {
    out.set(s.id, { waiting: 0, oldestWaitMin: 0, rate: 0, meanMin: meanServiceMin(state, s.id), targetMin: s.targetWaitMin ?? state.config.center.targetWaitMin });
  }
  const arrivals = new Map<string, number>();
  for (const t of state.tickets.values()) {
    if (t.issuedAt >= windowStart && t.issuedAt <= now) arrivals.set(t.issuedServiceId, (arrivals.get(t.issuedServiceId) ?? 0) + 1);
  }
  for (const id of state.waiting) {
    const t: Ticket | undefined = state.tickets.get(id);
    const l = t && t.targetCounterId === null ? out.get(t.serviceId) : undefined;
    if (!t || !l) continue;
    l.waiting += 1;
    l.oldestWaitMin = Math.max(l.oldestWaitMin, (now - t.queuedAt) / MINUTE);
  }
  for (const [id, l] of out) l.rate = (arrivals.get(id) ?? 0) / windowMin;
  return out;
}

const round = (v: number) => (Number.isFinite(v) ? Math.round(v) : 999);

/**
 * The moves worth making now: at most one per service and one per counter. `lastSwitch` holds
 * when each counter's services last changed; `dayStart` bounds the arrival-rate window.
 */
export function proposeMoves(
  state: EngineState,
  now: number,
  lastSwitch: ReadonlyMap<string, number>,
  dayStart: number,
  params: BalanceParams = DEFAULT_BALANCE,
  serviceName: (id: string) => string = (id) => id,
): Move[] {
  const plan = new Map(state.config.counters.map((c) => [c.id, c]));
  const byService = loads(state, now, params, dayStart);
  const shares = capacityShares(state.counters.values());
  const moves: Move[] = [];
  const moved = new Set<string>();
  const settled = (c: CounterState) => now - (lastSwitch.get(c.id) ?? -Infinity) >= params.minDwellMin * MINUTE;
  const risk = (serviceId: string, capacityDelta = 0) => {
    const l = byService.get(serviceId);
    return l ? predictedWait(l, (shares.get(serviceId) ?? 0) + capacityDelta, params) : 0;
  };

  // B3 first: releasing frees counters that the merges below may then use elsewhere.
  for (const c of state.counters.values()) {
    const p = plan.get(c.id);
    if (!p || c.status === 'closed' || !settled(c)) continue;
    const extra = c.services.filter((s) => !p.services.some((x) => x.serviceId === s.serviceId));
    // Its own services want it back when one of them is heading past its target.
    const ownNeedsIt = p.services.some((s) => {
      const own = byService.get(s.serviceId);
      return own !== undefined && risk(s.serviceId) >= own.targetMin;
    });
    for (const s of extra) {
      const l = byService.get(s.serviceId);
      if (!l) continue;
      const without = risk(s.serviceId, -share(c, s.serviceId));
      if (without <= params.releaseAt * l.targetMin || (ownNeedsIt && without < risk(p.services[0]?.serviceId ?? ''))) {
        moves.push({
          kind: 'release',
          counterId: c.id,
          serviceId: s.serviceId,
          services: p.services.map((x) => ({ ...x })),
          predictedWaitMin: round(without),
          targetMin: l.targetMin,
          reason: `Counter ${c.number} back to its plan: ${serviceName(s.serviceId)} expected wait ${round(without)} min without it (target ${l.targetMin} min)`,
        });
        moved.add(c.id);
        break;
      }
    }
  }

  // B2: the service most at risk first.
  const atRisk = [...byService]
    .map(([id, l]) => ({ id, l, w: risk(id) }))
    .filter((x) => x.w >= params.mergeAt * x.l.targetMin)
    .sort((a, b) => b.w / b.l.targetMin - a.w / a.l.targetMin);
  for (const { id, l, w } of atRisk) {
    let best: { c: CounterState; cost: number } | undefined;
    for (const c of state.counters.values()) {
      const p = plan.get(c.id);
      if (!p || c.status !== 'open' || moved.has(c.id) || !settled(c)) continue;
      if (c.services.some((s) => s.serviceId === id)) continue;
      const allowed = p.canServe ?? p.services.map((s) => s.serviceId);
      if (!allowed.includes(id)) continue;
      // Cost: how close its own services come to their targets once it gives them a share.
      const k = c.services.length;
      const cost = Math.max(0, ...c.services.map((s) => {
        const own = byService.get(s.serviceId);
        return own ? risk(s.serviceId, -share(c, s.serviceId) / (k + 1)) / own.targetMin : 0;
      }));
      if (cost >= params.donorLimit) continue;
      if (!best || cost < best.cost) best = { c, cost };
    }
    if (!best) continue;
    const services: CounterService[] = [...best.c.services.map((s) => ({ ...s })), { serviceId: id, role: 'primary' }];
    moves.push({
      kind: 'merge',
      counterId: best.c.id,
      serviceId: id,
      services,
      predictedWaitMin: round(w),
      targetMin: l.targetMin,
      reason: `Counter ${best.c.number} also serves ${serviceName(id)}: expected wait ${round(w)} min ${w > l.targetMin ? '>' : 'heading to the'} ${l.targetMin} min target`,
    });
    moved.add(best.c.id);
    shares.set(id, (shares.get(id) ?? 0) + 1 / (best.c.services.length + 1));
  }
  return moves;
}

/** The capacity share counter `c` gives service `serviceId` now. */
function share(c: CounterState, serviceId: string): number {
  const s = c.services.find((x) => x.serviceId === serviceId);
  if (!s) return 0;
  const weight = c.services.reduce((sum, x) => sum + (x.role === 'primary' ? 1 : 0.5), 0);
  return (s.role === 'primary' ? 1 : 0.5) / weight;
}
