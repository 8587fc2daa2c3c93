/**
 * Property tests: random command sequences against the engine, with invariants checked after
 * every step. Replay a failure with FC_SEED=<seed> (and FC_PATH=<path>) from fast-check's report.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES, localTime, type CounterState, type FactBody, type Lane, type Policy, type Ticket, type TicketStatus } from '@qms/shared';
import type { CenterConfigInput } from '@qms/shared';
import { computeEtas, createEngineState, decide, evolve, formatNumber, serviceLoads, type Command, type EngineState } from '../../server/src/engine/index.js';
import { strandedTickets } from '../../server/src/engine/state.js';
import { Sim, engineConfig, min, snapshotOf, ticketIds } from './harness.js';

const FC_SEED = process.env.FC_SEED;
const FC_PATH = process.env.FC_PATH;

/** `fixedSeed`: a property that explores the same cases on every run (FC_SEED still replays another). */
function params(numRuns: number, fixedSeed?: number): { numRuns: number; seed?: number; path?: string } {
  if (!FC_SEED) return fixedSeed === undefined ? { numRuns } : { numRuns, seed: fixedSeed };
  const seed = Number(FC_SEED);
  console.log(`fast-check: replaying seed ${seed}${FC_PATH ? ` path ${FC_PATH}` : ''}`);
  return { numRuns, seed, ...(FC_PATH ? { path: FC_PATH } : {}) };
}

const SERVICES = ['passport', 'property', 'benefits'] as const;
const COUNTERS = ['1', '2', '3', '4'] as const;
const at0 = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** Moscow midnight starting 2026-03-02 (a Monday). */
const MIDNIGHT = Date.UTC(2026, 2, 1, 21, 0);

// ---------------------------------------------------------------------------------------------
// Random operations, resolved into commands against the state at the time they run.

/** 0–3: that counter; 4–11: one of the counters in a state where the command can succeed (if any). */
const c = fc.integer({ min: 0, max: 3 * COUNTERS.length - 1 });
const s = fc.integer({ min: 0, max: SERVICES.length - 1 });
const laneArb = fc.constantFrom<Lane>('normal', 'normal', 'priority', 'booked');
const simple = (k: 'call-next' | 'recall' | 'start' | 'complete' | 'no-show' | 'pause' | 'resume' | 'close') =>
  fc.record({ k: fc.constant(k), c });

const opArb = fc.oneof(
  { weight: 7, arbitrary: fc.record({ k: fc.constant('issue' as const), s, lane: laneArb }) },
  { weight: 8, arbitrary: simple('call-next') },
  { weight: 6, arbitrary: simple('complete') },
  { weight: 3, arbitrary: simple('start') },
  { weight: 2, arbitrary: simple('recall') },
  { weight: 2, arbitrary: simple('no-show') },
  { weight: 1, arbitrary: simple('pause') },
  { weight: 1, arbitrary: simple('resume') },
  // Twice as often as pause: a requeue (T6) needs a transfer to a counter that then closes, and
  // at weight 1 some runs of 200 days met none (about one in a hundred).
  { weight: 2, arbitrary: simple('close') },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('open' as const), c, staff: fc.constantFrom('a', 'a', 'b'), takeover: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('transfer' as const),
      c,
      toS: fc.option(s, { nil: null, freq: 4 }),
      toC: fc.option(c, { nil: null, freq: 2 }),
      ret: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('reactivate' as const), pick: fc.nat(), any: fc.constantFrom(false, false, true) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), pick: fc.nat(), any: fc.constantFrom(false, false, true) }) },
  // V1–V5: remote tickets joined, arriving (or not), and the sweep that holds and ends them.
  // Light weights: the rarest facts above (a requeue needs a transfer to a counter that then closes) must stay reachable.
  { weight: 1, arbitrary: fc.record({ k: fc.constant('join' as const), s }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('arrive' as const), pick: fc.nat(), any: fc.constantFrom(false, false, true) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remote-sweep' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('set-services' as const),
      c,
      services: fc.uniqueArray(fc.record({ s, primary: fc.boolean() }), { selector: (x) => x.s, maxLength: 3 }),
    }),
  },
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

const dtArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 180 }) },
);
const stepArb = fc.record({ dt: dtArb, op: opArb });

const policyArb = fc.record({
  priorityInterleave: fc.integer({ min: 1, max: 5 }),
  priorityHeadStartMin: fc.integer({ min: 0, max: 60 }),
  bookedHeadStartMin: fc.integer({ min: 0, max: 30 }),
  maxWaitGuardMin: fc.integer({ min: 1, max: 60 }),
  secondaryWhenIdle: fc.boolean(),
  recallLimit: fc.integer({ min: 0, max: 3 }),
  noShowReactivateMin: fc.integer({ min: 0, max: 60 }),
}) satisfies fc.Arbitrary<Policy>;

function pickTicket(state: EngineState, pick: number, any: boolean, status: TicketStatus): string {
  const all = [...state.tickets.values()];
  const pool = any ? all : all.filter((t) => t.status === status);
  return pool.length === 0 ? 'no-such-ticket' : at0(pool, pick).id;
}

const SUITS: Record<string, (ctr: CounterState) => boolean> = {
  open: (ctr) => ctr.status === 'closed',
  'call-next': (ctr) => ctr.status === 'open' && ctr.currentTicketId === null,
  pause: (ctr) => ctr.status === 'open' && ctr.currentTicketId === null,
  resume: (ctr) => ctr.status === 'paused',
  close: (ctr) => ctr.status !== 'closed' && ctr.currentTicketId === null,
  'set-services': () => true,
};
const holding = (ctr: CounterState) => ctr.currentTicketId !== null;

function counterFor(state: EngineState, i: number, k: string): string {
  if (i < COUNTERS.length) return at0(COUNTERS, i);
  const suits = SUITS[k] ?? holding;
  const pool = [...state.counters.values()].filter(suits);
  return pool.length === 0 ? at0(COUNTERS, i) : at0(pool, i).id;
}

function toCommand(state: EngineState, op: Op, nextId: () => string): Command {
  const counterId = 'c' in op ? counterFor(state, op.c, op.k) : '';
  switch (op.k) {
    case 'issue': {
      const lane = op.lane;
      return { type: 'issue', ticketId: nextId(), serviceId: at0(SERVICES, op.s), lane, categoryId: lane === 'priority' ? 'disability' : undefined };
    }
    case 'open':
      return { type: 'open', counterId, staffLogin: op.staff, takeover: op.takeover };
    case 'pause':
      return { type: 'pause', counterId, reason: 'break' };
    case 'transfer':
      return {
        type: 'transfer',
        counterId,
        toServiceId: op.toS === null ? undefined : at0(SERVICES, op.toS),
        toCounterId: op.toC === null ? undefined : at0(COUNTERS, op.toC),
        returnToService: op.ret,
      };
    case 'reactivate':
      return { type: 'reactivate', ticketId: pickTicket(state, op.pick, op.any, 'no_show') };
    case 'cancel':
      return { type: 'cancel', ticketId: pickTicket(state, op.pick, op.any, 'waiting') };
    case 'join': {
      const ticketId = nextId();
      return { type: 'issue', ticketId, serviceId: at0(SERVICES, op.s), lane: 'normal', remote: { code: `R${ticketId}` } };
    }
    case 'arrive':
      return { type: 'arrive', ticketId: pickTicket(state, op.pick, op.any, 'waiting'), via: 'kiosk' };
    case 'remote-sweep':
      return { type: 'remote-sweep' };
    case 'set-services':
      return {
        type: 'set-services',
        counterId,
        services: op.services.map((x) => ({ serviceId: at0(SERVICES, x.s), role: x.primary ? 'primary' : 'secondary' })),
        reason: 'rebalance',
      };
    default:
      return { type: op.k, counterId };
  }
}

// ---------------------------------------------------------------------------------------------
// Checks.

/** Which status a ticket may have before each ticket fact, and after. */
const TRANSITIONS: Record<string, [TicketStatus[] | null, TicketStatus]> = {
  'ticket:issued': [null, 'waiting'],
  'ticket:called': [['waiting'], 'called'],
  'ticket:recalled': [['called'], 'called'],
  'ticket:started': [['called'], 'serving'],
  'ticket:completed': [['called', 'serving'], 'done'],
  'ticket:no-show': [['called', 'waiting'], 'no_show'],
  'ticket:arrived': [['waiting'], 'waiting'],
  'ticket:held': [['waiting'], 'waiting'],
  'ticket:reactivated': [['no_show'], 'waiting'],
  'ticket:transferred': [['called', 'serving'], 'waiting'],
  'ticket:returned': [['done'], 'waiting'],
  'ticket:requeued': [['waiting'], 'waiting'],
  'ticket:cancelled': [['waiting'], 'cancelled'],
};
/** Set at issue, never changed: the number and the place in line survive transfers and reactivation (T2, N1, T4). */
const FIXED = ['id', 'centerId', 'day', 'issuedServiceId', 'seqNo', 'number', 'lane', 'categoryId', 'issuedAt', 'queuedAt'] as const;

/** A failed check throws with a message that says what broke (cheaper than `expect` in hot loops). */
function check(cond: boolean, message: () => string): asserts cond {
  if (!cond) throw new Error(message());
}

const isOpen = (t: Ticket) => t.status === 'waiting' || t.status === 'called' || t.status === 'serving';

/**
 * I2 as amended, computed from the tickets themselves (not the engine's index): the day's next
 * number after the last one issued, skipping exactly the numbers an open ticket shows.
 */
function expectedSeqNo(state: EngineState, t: Ticket): number {
  const prefix = state.services.get(t.issuedServiceId)?.prefix ?? '?';
  const shown = new Set([...state.tickets.values()].filter(isOpen).map((x) => x.number));
  const sameDay = [...state.tickets.values()].filter((x) => x.day === t.day && x.issuedServiceId === t.issuedServiceId);
  let seqNo = Math.max(0, ...sameDay.map((x) => x.seqNo)) + 1;
  while (shown.has(formatNumber(prefix, seqNo))) seqNo += 1;
  return seqNo;
}

function checkFact(state: EngineState, fact: FactBody): void {
  if (!('ticket' in fact)) return;
  const rule = TRANSITIONS[fact.type];
  check(rule !== undefined, () => `unexpected ticket fact ${fact.type}`);
  const [from, to] = rule;
  const t = fact.ticket;
  const prev = state.tickets.get(t.id);
  check(t.status === to, () => `${fact.type} leaves ${t.number} ${t.status}, not ${to}`);
  if (from === null) {
    check(prev === undefined, () => `${fact.type}: ticket id ${t.id} already exists`);
    const seqNo = expectedSeqNo(state, t);
    check(t.seqNo === seqNo, () => `${t.number} issued where the next free number is ${seqNo}`);
    return;
  }
  check(prev !== undefined, () => `${fact.type}: unknown ticket ${t.id}`);
  check(from.includes(prev.status), () => `${fact.type} from ${prev.status}`);
  // V3: a remote visitor who has not arrived is never called; V5: only they become a no-show while waiting.
  if (fact.type === 'ticket:called') check(!prev.remote || prev.remote.arrivedAt !== null, () => `${prev.number} called before its visitor arrived`);
  if (fact.type === 'ticket:no-show' && prev.status === 'waiting') {
    check(fact.reason === 'not-arrived' && prev.remote?.arrivedAt === null && prev.remote.heldAt !== null, () => `${prev.number} ended while waiting, not a held remote ticket`);
  }
  for (const key of FIXED) check(t[key] === prev[key], () => `${fact.type} changed ${key} of ${prev.number}: ${prev[key]} → ${t[key]}`);
}

function checkInvariants(state: EngineState, issued: number): void {
  const tickets = [...state.tickets.values()];
  const counters = [...state.counters.values()];

  // No ticket lost: as many as were issued, each in exactly one known status.
  check(tickets.length === issued, () => `${tickets.length} tickets for ${issued} issued`);
  for (const t of tickets) check(TICKET_STATUSES.includes(t.status), () => `${t.number} has status ${t.status}`);
  const waiting = tickets.filter((t) => t.status === 'waiting');
  check(waiting.length === state.waiting.size && waiting.every((t) => state.waiting.has(t.id)), () => 'the waiting set is not the waiting tickets');
  // I5, T6: every waiting ticket can be called by a counter that exists and is not closed, or by one that can be switched to its service.
  const stranded = strandedTickets(state);
  check(stranded.length === 0, () => `stranded: ${stranded.map((t) => `${t.number}→${t.targetCounterId ?? t.serviceId}`).join(', ')}`);

  // A ticket is never held by two counters, and every called/serving ticket is held by its counter.
  const holder = new Map<string, string>();
  for (const ctr of counters) {
    if (ctr.status === 'closed') {
      check(ctr.staffLogin === null && ctr.pauseReason === null && ctr.priorityStreak === 0, () => `closed counter ${ctr.id} keeps staff/pause/streak`);
    } else {
      check(ctr.staffLogin !== null, () => `${ctr.status} counter ${ctr.id} without staff`);
    }
    const held = ctr.currentTicketId;
    if (held === null) continue;
    check(!holder.has(held), () => `ticket ${held} held by counters ${holder.get(held)} and ${ctr.id}`);
    holder.set(held, ctr.id);
    check(ctr.status === 'open', () => `${ctr.status} counter ${ctr.id} holds ticket ${held}`);
    const t = state.tickets.get(held);
    check(t !== undefined && (t.status === 'called' || t.status === 'serving'), () => `counter ${ctr.id} holds a ${t?.status} ticket`);
    check(t.counterId === ctr.id, () => `counter ${ctr.id} holds ${t.number} whose counterId is ${t.counterId}`);
  }
  for (const t of tickets) {
    const active = t.status === 'called' || t.status === 'serving';
    check(active ? holder.get(t.id) === t.counterId : !holder.has(t.id), () => `${t.number} (${t.status}, counter ${t.counterId}) held by ${holder.get(t.id)}`);
    if (active) check(t.calledAt !== null && t.targetCounterId === null, () => `${t.number} ${t.status} without a call time or still directed`);
    if (t.status === 'waiting') {
      check(t.counterId === null && t.calledAt === null && t.startedAt === null && t.finishedAt === null, () => `waiting ${t.number} keeps call data`);
      check(t.targetCounterId === null || state.counters.has(t.targetCounterId), () => `${t.number} directed to unknown counter`);
    }
    if (t.status === 'done' || t.status === 'no_show' || t.status === 'cancelled') check(t.finishedAt !== null, () => `${t.number} ${t.status} without finishedAt`);
    if (t.status === 'serving' || t.status === 'done') check(t.startedAt !== null, () => `${t.number} ${t.status} without startedAt`);
  }

  // Numbers: well formed, never twice per issuing service per day, and no gap but the numbers
  // skipped at issue (checkFact: only those an open ticket showed); never two open tickets alike.
  checkNumbers(state);

  // Positions and ETAs: every waiting ticket has one; positions run 1..n in each queue.
  const etas = computeEtas(state, 0);
  check(Object.keys(etas).length === state.waiting.size && [...state.waiting].every((id) => id in etas), () => 'ETAs are not the waiting tickets');
  const positions = new Map<string, number[]>();
  for (const [id, eta] of Object.entries(etas)) {
    const t = state.tickets.get(id);
    const key = t?.targetCounterId ? `c:${t.targetCounterId}` : `s:${t?.serviceId}`;
    const list = positions.get(key) ?? [];
    list.push(eta.position);
    positions.set(key, list);
    check(eta.etaMin === null || eta.etaMin >= 0, () => `negative ETA ${eta.etaMin}`);
  }
  for (const [key, list] of positions) {
    list.sort((a, b) => a - b);
    check(
      list.every((n, i) => n === i + 1),
      () => `positions in ${key}: ${list.join(',')}`,
    );
  }
  const undirected = waiting.filter((t) => t.targetCounterId === null).length;
  check(serviceLoads(state, 0).reduce((sum, l) => sum + l.waiting, 0) === undirected, () => 'service loads miscount the waiting tickets');
}

/** I2: numbers are well formed and unique per service and day; no two open tickets show the same one; the engine's counts agree. */
function checkNumbers(state: EngineState): void {
  const seen = new Set<string>();
  const open = new Map<string, number>();
  const today = new Map<string, number>();
  for (const t of state.tickets.values()) {
    const prefix = state.services.get(t.issuedServiceId)?.prefix ?? '?';
    check(t.number === formatNumber(prefix, t.seqNo), () => `${t.number} is not ${prefix} + ${t.seqNo}`);
    const key = `${t.issuedServiceId}|${t.day}|${t.seqNo}`;
    check(!seen.has(key), () => `${t.number} issued twice on ${t.day}`);
    seen.add(key);
    if (isOpen(t)) {
      check(!open.has(t.number), () => `two open tickets show ${t.number}`);
      open.set(t.number, 1);
    }
    if (t.day === state.numberingDay) today.set(t.issuedServiceId, (today.get(t.issuedServiceId) ?? 0) + 1);
  }
  check(isDeepStrictEqual(state.openNumbers, open), () => `openNumbers ${JSON.stringify([...state.openNumbers])} for open ${JSON.stringify([...open.keys()])}`);
  check(isDeepStrictEqual(new Map([...state.issuedToday].sort()), new Map([...today].sort())), () => `issuedToday ${JSON.stringify([...state.issuedToday])}`);
}

/** Passport and property can be joined from outside (V1), a short grace so that V5 happens. */
const joinable = (cfg: CenterConfigInput) => {
  for (const svc of cfg.services.slice(0, 2)) svc.remote = { enabled: true, maxShare: 0.6, stopBeforeCloseMin: 0 };
  cfg.center.remote = { graceMin: 3 };
};

interface World {
  sim: Sim;
  issued: number;
  refused: Map<string, number>;
  facts: Map<string, number>;
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** One step: decide (which must not write the state), check every fact, apply it, check the invariants. */
function step(w: World, dt: number, op: Op): void {
  const { sim } = w;
  sim.advance(dt);
  const cmd = toCommand(sim.state, op, sim.nextId);
  const before = snapshotOf(sim.state);
  const d = decide(sim.state, cmd, sim.now);
  if (!isDeepStrictEqual(snapshotOf(sim.state), before)) {
    expect(snapshotOf(sim.state), `${JSON.stringify(cmd)}: decide wrote the state`).toEqual(before);
  }
  if (!d.ok) {
    // A refused command emits nothing; as nothing is applied, the state stays deep-equal (checked above).
    check(!('facts' in d) && typeof d.error.code === 'string', () => `${cmd.type} refused with facts`);
    bump(w.refused, d.error.code);
    return;
  }
  for (const f of d.facts) {
    checkFact(sim.state, f);
    bump(w.facts, f.type);
    if (f.type === 'ticket:issued') w.issued += 1;
    evolve(sim.state, f);
  }
  checkInvariants(sim.state, w.issued);
}

describe('engine properties', () => {
  it('random days keep the invariants: one holder per ticket, no lost ticket, gapless numbers, refusals change nothing', () => {
    const refused = new Map<string, number>();
    const facts = new Map<string, number>();
    fc.assert(
      fc.property(
        policyArb,
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        fc.subarray([...COUNTERS]),
        fc.array(stepArb, { minLength: 1, maxLength: 120, size: 'max' }),
        (policy, startMin, opened, plan) => {
          const w: World = { sim: new Sim({ policy, now: MIDNIGHT + min(startMin), edit: joinable }), issued: 0, refused, facts };
          checkInvariants(w.sim.state, 0);
          for (const id of opened) step(w, 0, { k: 'open', c: COUNTERS.indexOf(id), staff: 'a', takeover: false });
          for (const { dt, op } of plan) step(w, dt, op);
        },
      ),
      params(300),
    );
    // The generator reaches every kind of fact and the usual refusals.
    for (const type of Object.keys(TRANSITIONS)) expect(facts.get(type) ?? 0, type).toBeGreaterThan(0);
    for (const type of ['counter:opened', 'counter:paused', 'counter:resumed', 'counter:closed', 'counter:services-changed']) {
      expect(facts.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    for (const code of ['COUNTER_BUSY', 'COUNTER_IDLE', 'COUNTER_CLOSED', 'COUNTER_PAUSED', 'QUEUE_EMPTY', 'INVALID_TRANSITION']) {
      expect(refused.get(code) ?? 0, code).toBeGreaterThan(0);
    }
  });

  it('I2: numbering restarts at local midnight, whatever was issued before it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 600 }), (before, after, gap) => {
        const sim = new Sim({ now: MIDNIGHT + min(24 * 60) - min(gap) }); // `gap` minutes before the 3rd
        const first = Array.from({ length: before }, () => sim.issue('passport'));
        sim.now = MIDNIGHT + min(24 * 60) + min(gap);
        sim.run({ type: 'end-days-before', day: '2026-03-03' }); // D1, first thing in the new day (CenterRuntime)
        const second = Array.from({ length: after }, () => sim.issue('passport'));
        expect(first.map((t) => t.day)).toEqual(first.map(() => '2026-03-02'));
        expect(second.map((t) => t.day)).toEqual(second.map(() => '2026-03-03'));
        expect(second.map((t) => t.seqNo)).toEqual(second.map((_, i) => i + 1));
        checkInvariants(sim.state, before + after);
      }),
      params(50),
    );
  });

  it('I2: across day rollovers and restarts, no two open tickets of a center ever share a displayed number', () => {
    const config = engineConfig();
    const { timezone } = config.center;
    /** What CenterRuntime does at a restart and at a new day's first command: rebuild from storage, then D1. */
    const reload = (state: EngineState, now: number): EngineState => {
      const day = localTime(now, timezone).day;
      // LiveStore.liveTickets: today's tickets and any older one still open.
      const kept = [...state.tickets.values()].filter((t) => t.day === day || isOpen(t));
      const next = createEngineState(state.centerId, config, now, [...state.counters.values()], kept);
      const d1 = decide(next, { type: 'end-days-before', day }, now);
      if (d1.ok) for (const f of d1.facts) evolve(next, f);
      return next;
    };
    // Mostly minutes, sometimes hours: a few midnights in a run, with tickets still open across them.
    const dt = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 60, max: 14 * 60 }) });
    const step = fc.record({ dt, op: fc.oneof({ weight: 15, arbitrary: opArb }, { weight: 1, arbitrary: fc.constant({ k: 'restart' as const }) }) });
    let rollovers = 0;
    let skipped = 0;
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.array(step, { minLength: 1, maxLength: 200, size: 'max' }), (policy, startMin, plan) => {
        let now = MIDNIGHT + min(startMin);
        let state = createEngineState('c1', { ...config, center: { ...config.center, policy } }, now);
        const nextId = ticketIds();
        for (const id of COUNTERS) {
          const d = decide(state, { type: 'open', counterId: id, staffLogin: `staff-${id}` }, now);
          if (d.ok) for (const f of d.facts) evolve(state, f);
        }
        for (const { dt: minutes, op } of plan) {
          now += min(minutes);
          const newDay = localTime(now, timezone).day !== state.numberingDay;
          if (newDay) rollovers += 1;
          if (op.k === 'restart' || newDay) state = reload(state, now);
          if (op.k === 'restart') {
            checkNumbers(state);
            continue;
          }
          const cmd = toCommand(state, op, nextId);
          const d = decide(state, cmd, now);
          if (!d.ok) continue;
          for (const f of d.facts) {
            checkFact(state, f);
            if (f.type === 'ticket:issued' && f.ticket.seqNo !== (state.lastSeqNo.get(f.ticket.issuedServiceId) ?? 0) + 1) skipped += 1;
            evolve(state, f);
          }
          checkNumbers(state);
        }
      }),
      params(150, 20260310),
    );
    // The runs cross midnight and do skip numbers (else this proves little).
    expect(rollovers).toBeGreaterThan(50);
    expect(skipped).toBeGreaterThan(0);
  });

  it('F1: within a lane, one service is called first come, first served at a counter with a single primary service', () => {
    const fifoOp = fc.oneof(
      { weight: 3, arbitrary: fc.record({ k: fc.constant('issue' as const), lane: laneArb, dt: fc.integer({ min: 0, max: 4 }) }) },
      { weight: 2, arbitrary: fc.record({ k: fc.constantFrom('serve' as const, 'no-show' as const), dt: fc.integer({ min: 0, max: 8 }) }) },
    );
    fc.assert(
      fc.property(policyArb, fc.array(fifoOp, { minLength: 1, maxLength: 80, size: 'max' }), (policy, ops) => {
        const sim = new Sim({ policy });
        sim.open('1'); // passport, primary, nothing else
        const called: Ticket[] = [];
        for (const op of ops) {
          sim.advance(op.dt);
          if (op.k === 'issue') {
            sim.issue('passport', op.lane);
            continue;
          }
          const d = sim.tryRun({ type: 'call-next', counterId: '1' });
          if (!d.ok) {
            expect(d.error.code).toBe('QUEUE_EMPTY');
            expect(sim.state.waiting.size).toBe(0);
            continue;
          }
          const fact = d.facts[0];
          if (fact && 'ticket' in fact) called.push(fact.ticket);
          sim.run({ type: op.k === 'serve' ? 'complete' : 'no-show', counterId: '1' });
        }
        for (const lane of ['normal', 'priority', 'booked'] as const) {
          const seqs = called.filter((t) => t.lane === lane).map((t) => t.seqNo);
          expect(seqs, lane).toEqual([...seqs].sort((a, b) => a - b));
        }
        // Whatever was called came before every ticket of its lane still waiting.
        for (const id of sim.state.waiting) {
          const w = sim.ticket(id);
          for (const t of called) if (t.lane === w.lane) expect(t.seqNo).toBeLessThan(w.seqNo);
        }
      }),
      params(100),
    );
  });

  it('F1: with a single lane the calls follow the issue order exactly', () => {
    fc.assert(
      fc.property(policyArb, fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 10 })), { maxLength: 60, size: 'max' }), (policy, ops) => {
        const sim = new Sim({ policy });
        sim.open('1');
        const issued: string[] = [];
        const called: string[] = [];
        for (const [isIssue, dt] of ops) {
          sim.advance(dt);
          if (isIssue) issued.push(sim.issue('passport').number);
          else if (sim.state.waiting.size > 0) called.push(sim.serveNext('1'));
        }
        expect(called).toEqual(issued.slice(0, called.length));
      }),
      params(100),
    );
  });

  it('G1: with continuous priority arrivals a normal ticket is called within the guard plus one service', () => {
    fc.assert(
      fc.property(
        fc.record({
          priorityInterleave: fc.integer({ min: 1, max: 100 }),
          priorityHeadStartMin: fc.integer({ min: 0, max: 240 }),
          maxWaitGuardMin: fc.integer({ min: 1, max: 60 }),
        }),
        fc.boolean(),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 100, maxLength: 100 }), // priority arrivals per minute
        fc.infiniteStream(fc.nat()),
        (policy, twoCounters, maxServiceMin, arrivals, durations) => {
          const sim = new Sim({ policy });
          const counters = twoCounters ? ['1', '2'] : ['1'];
          const busyUntil = new Map<string, number>();
          for (const id of counters) sim.open(id);
          // Every counter is busy with a priority ticket when the normal ticket arrives.
          for (const id of counters) {
            sim.issue('passport', 'priority');
            sim.callNext(id);
            busyUntil.set(id, sim.now + min(1 + (durations.next().value % maxServiceMin)));
          }
          const normal = sim.issue('passport');
          const deadline = normal.queuedAt + min(policy.maxWaitGuardMin + maxServiceMin);
          for (let minute = 0; sim.ticket(normal.id).status === 'waiting'; minute++) {
            expect(sim.now, 'the normal ticket is still waiting past the guard plus one service').toBeLessThanOrEqual(deadline);
            for (let k = 0; k < (arrivals[minute % arrivals.length] ?? 0); k++) sim.issue('passport', 'priority');
            for (const id of counters) {
              if (sim.counter(id).currentTicketId !== null && (busyUntil.get(id) ?? 0) <= sim.now) sim.run({ type: 'complete', counterId: id });
              if (sim.counter(id).currentTicketId === null && sim.state.waiting.size > 0) {
                sim.callNext(id);
                busyUntil.set(id, sim.now + min(1 + (durations.next().value % maxServiceMin)));
              }
            }
            if (sim.ticket(normal.id).status !== 'waiting') break;
            sim.advance(1);
          }
          expect(sim.ticket(normal.id).calledAt).toBeLessThanOrEqual(deadline);
        },
      ),
      params(100),
    );
  });
});
