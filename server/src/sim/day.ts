/**
 * One simulated day: visitors arrive, counters open and close on their shifts, and every queue
 * decision is the real engine's (`decide` then `evolve`, as the server does), on a virtual clock.
 *
 * Semantics (SIMULATION.md): a called visitor is served for their drawn service time, or, as a
 * no-show, costs the counter `noShowCostMin` before being marked; at the end of a shift a counter
 * finishes the visitor in hand, then closes; at the end of its last shift it keeps calling until
 * nobody waits for it. Visitors still waiting at closing for a service that nobody on shift serves
 * any more are served by the counters assigned to it, called back (callBackForOrphans).
 */
import { assertNever, ErrorCode, formatHHMM, MINUTE, type FactBody } from '@qms/shared';
import { createEngineState, decide, etaOf, evolve, type Command, type Decision, type EngineState } from '../engine/index.js';
import { rememberServiceTimes, ticketChanging } from '../engine/eta.js';
import { engineConfigFor, epochOf, PRIORITY_CATEGORY, SIM_CENTER_ID, SIM_DAY0 } from './config.js';
import { EventQueue } from './kernel.js';
import { CounterLedger, type CounterFigures } from './ledger.js';
import type { PolicyController, PolicyView, SimPolicy } from './policies.js';
import type { Scenario, ScenarioCounter } from './scenario.js';
import { drawDay, type Booking, type Visitor } from './visitors.js';

export interface VisitorOutcome extends Visitor {
  /** Ms after 00:00 when first called. */
  calledMs: number;
  counterId: string;
  outcome: 'served' | 'no-show';
  /** The expected wait the engine gave the visitor when the ticket was issued (the kiosk's figure), minutes. */
  promisedWaitMin: number | null;
}

export interface DayRun {
  scenario: Scenario;
  policy: string;
  seed: number;
  visitors: VisitorOutcome[];
  /** The day's bookings and what became of them (issue 13); none in a replay. */
  bookings: Booking[];
  counters: CounterFigures[];
  /** Ms after 00:00 when the last visitor left. */
  lastServiceEndMs: number;
  /** Visitors served by counters called back after closing (see callBackForOrphans). */
  calledBack: number;
  /** The engine's state at the end of the day. */
  state: EngineState;
}

export type { CounterFigures };

export interface DayOptions {
  /** Every fact the engine produced, with its time in ms after 00:00 (for tests and traces). */
  observe?: (fact: FactBody, ms: number) => void;
  /**
   * Trace-driven replay (issue 12): these visitors instead of drawn ones, e.g. a real day's from
   * the log, so that the same people can meet another policy. Sorted by arrival, `index` 0..n-1.
   */
  visitors?: Visitor[];
  /**
   * Whether each visitor is promised a wait at issue (the kiosk's figure, W1–W6), for the ETA
   * accuracy in the results. Default yes; the staffing advisor's search, which never reads it,
   * turns it off: it is a sixth of a replayed city-mfc day.
   */
  promises?: boolean;
}

type SimEvent =
  | { kind: 'arrive'; visitor: Visitor }
  | { kind: 'shift-start'; counter: CounterRun }
  | { kind: 'shift-end'; counter: CounterRun; last: boolean }
  | { kind: 'finish'; counter: CounterRun; noShow: boolean }
  /** Nothing happens but time: a ticket reaches the wait guard (G1), or the center closes. */
  | { kind: 'wake' }
  /** The controller's periodic tick, or a wake-up it asked for. */
  | { kind: 'tick'; periodic: boolean };

interface CounterRun {
  id: string;
  plan: ScenarioCounter;
  /** After the current visitor: close, keep calling until nobody waits, or stay. */
  leaving: 'no' | 'after-current' | 'when-empty';
  futureShifts: number;
}

/** Safety net against a controller that answers its own commands forever. */
const MAX_COMMANDS_PER_EVENT = 10_000;

export function simulateDay(scenario: Scenario, policy: SimPolicy, seed: number, options: DayOptions = {}): DayRun {
  return new Day(scenario, policy, seed, options).run();
}

class Day {
  private readonly state: EngineState;
  private readonly queue = new EventQueue<SimEvent>();
  private readonly counters: CounterRun[];
  private readonly byId = new Map<string, CounterRun>();
  private readonly ledger: CounterLedger;
  private readonly visitors: Visitor[];
  private readonly bookings: Booking[];
  private readonly visitorOf = new Map<string, Visitor>();
  /** By visitor index: the first call and how it ended. */
  private readonly called: { calledMs: number; counterId: string; outcome?: 'served' | 'no-show' }[] = [];
  /** By visitor index: the expected wait the engine gave at issue. */
  private readonly promised: (number | null)[] = [];
  private readonly controller: PolicyController | undefined;
  private readonly guardMs: number | null;
  private now = 0;
  private lastEnd = 0;
  /** Tickets that waited for a service nobody on shift served at closing. */
  private readonly calledBack = new Set<string>();
  private commandsThisEvent = 0;
  /** Controller commands not applied yet, and whether `commit` is already applying them. */
  private readonly answers: Command[] = [];
  private committing = false;
  private policyView: PolicyView | undefined;

  constructor(
    private readonly scenario: Scenario,
    private readonly policy: SimPolicy,
    private readonly seed: number,
    private readonly options: DayOptions,
  ) {
    const config = engineConfigFor(scenario, policy);
    this.state = createEngineState(SIM_CENTER_ID, config, SIM_DAY0);
    // W2's service times kept up to date fact by fact, as the live server does (CenterRuntime),
    // instead of learned afresh from the whole day at every expected wait the kiosk shows.
    rememberServiceTimes(this.state);
    this.controller = policy.controller?.(config);
    const guard = config.center.policy.maxWaitGuardMin;
    this.guardMs = guard < 1440 ? guard * MINUTE : null;
    this.counters = scenario.counters.map((plan) => ({ id: plan.id, plan, leaving: 'no', futureShifts: plan.shifts.length }));
    this.ledger = new CounterLedger(scenario.counters);
    for (const c of this.counters) this.byId.set(c.id, c);
    const drawn = options.visitors ? { visitors: options.visitors, bookings: [] } : drawDay(scenario, seed);
    this.visitors = drawn.visitors;
    this.bookings = drawn.bookings;
    for (const v of this.visitors) this.visitorOf.set(ticketIdOf(v), v);
  }

  run(): DayRun {
    // Shifts first: a counter opening at 08:00 is there for a visitor arriving at 08:00.
    for (const c of this.counters) {
      c.plan.shifts.forEach((s, i) => {
        this.queue.push(s.from * MINUTE, { kind: 'shift-start', counter: c });
        this.queue.push(s.to * MINUTE, { kind: 'shift-end', counter: c, last: i === c.plan.shifts.length - 1 });
      });
    }
    for (const v of this.visitors) this.queue.push(v.arriveMs, { kind: 'arrive', visitor: v });
    // Closing: visitors nobody left on shift can serve are seen to (callBackForOrphans).
    this.queue.push(this.scenario.close * MINUTE, { kind: 'wake' });
    if (this.controller?.tickMin) this.queue.push(this.scenario.open * MINUTE, { kind: 'tick', periodic: true });

    for (let e = this.queue.pop(); e; e = this.queue.pop()) {
      this.now = e.time;
      this.commandsThisEvent = 0;
      // A tick whose controller changed nothing leaves the hall as the last event's dispatch did:
      // idle counters found nobody to call then, and nobody since.
      if (!this.handle(e.event)) continue;
      this.dispatch();
      this.callBackForOrphans();
    }
    return this.result();
  }

  /** Handle one event; false: it changed nothing (a controller's tick that moved no counter). */
  private handle(ev: SimEvent): boolean {
    switch (ev.kind) {
      case 'arrive': {
        const v = ev.visitor;
        this.apply({
          type: 'issue',
          ticketId: ticketIdOf(v),
          serviceId: v.serviceId,
          lane: v.lane,
          ...(v.lane === 'priority' ? { categoryId: PRIORITY_CATEGORY } : {}),
          // A1: checked in as the live kiosk does it, the ticket carrying its slot.
          ...(v.slotMs !== undefined ? { appointmentAt: epochOf(v.slotMs) } : {}),
        });
        // What the kiosk would show (W1–W4), kept to measure it against the wait the visitor had.
        if (this.options.promises !== false) this.promised[v.index] = etaOf(this.state, ticketIdOf(v), epochOf(this.now)).etaMin;
        // G1 counts from the place in line, for an early appointment its slot (A2).
        if (this.guardMs !== null) this.queue.push(Math.max(this.now, v.slotMs ?? 0) + this.guardMs, { kind: 'wake' });
        return true;
      }
      case 'shift-start': {
        const c = ev.counter;
        c.futureShifts -= 1;
        c.leaving = 'no';
        if (this.counterState(c).status === 'closed') this.apply({ type: 'open', counterId: c.id, staffLogin: `sim-${c.id}` });
        return true;
      }
      case 'shift-end':
        ev.counter.leaving = ev.last ? 'when-empty' : 'after-current';
        return true;
      case 'finish':
        this.apply({ type: ev.noShow ? 'no-show' : 'complete', counterId: ev.counter.id });
        return true;
      case 'wake':
        return true;
      case 'tick': {
        const ctl = this.controller;
        const commands = ctl?.onTick?.(this.view()) ?? [];
        this.applyAll(commands);
        // Keep ticking while anything is left to happen.
        const more = this.queue.size > 0 || this.counters.some((c) => this.counterState(c).status !== 'closed');
        if (ev.periodic && ctl?.tickMin && more) this.queue.push(this.now + ctl.tickMin * MINUTE, { kind: 'tick', periodic: true });
        return commands.length > 0;
      }
      default:
        return assertNever(ev);
    }
  }

  /**
   * Idle open counters call next, the longest idle first (who would press first in a real hall
   * is not knowable; this is fair and deterministic). A counter whose shift is over closes instead.
   */
  private dispatch(): void {
    const idle = this.counters
      .filter((c) => {
        const s = this.counterState(c);
        return s.status === 'open' && s.currentTicketId === null;
      })
      .sort((a, b) => this.ledger.idleSince(a.id) - this.ledger.idleSince(b.id));
    for (const c of idle) {
      if (c.leaving === 'after-current') this.apply({ type: 'close', counterId: c.id });
      else if (!this.tryCall(c) && c.leaving === 'when-empty') this.apply({ type: 'close', counterId: c.id });
    }
  }

  private tryCall(c: CounterRun): boolean {
    // Nobody waiting: the engine would answer QUEUE_EMPTY (E1); no need to ask it.
    if (this.state.waiting.size === 0) return false;
    const d = decide(this.state, { type: 'call-next', counterId: c.id }, epochOf(this.now));
    if (!d.ok && d.error.code === ErrorCode.QueueEmpty) return false;
    this.commit({ type: 'call-next', counterId: c.id }, d);
    return true;
  }

  /**
   * After closing, visitors may wait for a service that no counter still here (or still to come)
   * serves: a plan with a gap at the end of the day, like a static plan whose only vehicle counter
   * works the early shift. The contract serves everyone who arrived before closing, so the counters
   * whose live services include it, or failing that those planned for it, are called back at
   * closing and empty that queue. The count is reported so that such a gap is visible. Under a
   * policy that moves counters, a service some open counter is trained for is not a gap while that
   * counter is there: the policy may still move it (adaptive does when that visitor is next).
   */
  private callBackForOrphans(): void {
    if (this.now < this.scenario.close * MINUTE || this.state.waiting.size === 0) return;
    const covered = new Set<string>();
    for (const c of this.counters) {
      const s = this.counterState(c);
      if (s.status === 'closed' && c.futureShifts === 0) continue;
      for (const x of s.services) covered.add(x.serviceId);
      // A policy that moves counters may still move this one to them: it is not a gap yet.
      if (this.controller) for (const id of this.state.config.counters.find((x) => x.id === c.id)?.canServe ?? []) covered.add(id);
    }
    const orphans = new Set<string>();
    for (const id of this.state.waiting) {
      const t = this.state.tickets.get(id);
      if (!t || t.targetCounterId !== null || covered.has(t.serviceId)) continue;
      orphans.add(t.serviceId);
      this.calledBack.add(id);
    }
    for (const sid of orphans) {
      // Counters still assigned the service are all closed for good: they come back.
      const assigned = this.counters.filter((c) => this.counterState(c).services.some((s) => s.serviceId === sid));
      for (const c of assigned) this.reopen(c);
      if (assigned.length > 0) continue;
      // Nobody is assigned it any more (a controller moved it away): its planned counters take it back.
      for (const c of this.counters.filter((x) => x.plan.serves.includes(sid))) {
        const s = this.counterState(c);
        const planned = this.state.config.counters.find((x) => x.id === c.id)?.services ?? [];
        const services = s.status === 'closed' ? planned : [...s.services, { serviceId: sid, role: 'primary' as const }];
        this.apply({ type: 'set-services', counterId: c.id, services, reason: 'called back after closing' });
        if (s.status === 'closed') this.reopen(c);
      }
    }
    if (orphans.size > 0) this.dispatch();
  }

  private reopen(c: CounterRun): void {
    c.leaving = 'when-empty';
    this.apply({ type: 'open', counterId: c.id, staffLogin: `sim-${c.id}` });
  }

  // ---------------------------------------------------------------------------------------------
  // Commands and facts

  private apply(cmd: Command): void {
    this.commit(cmd, decide(this.state, cmd, epochOf(this.now)));
  }

  private applyAll(cmds: Command[]): void {
    for (const cmd of cmds) this.apply(cmd);
  }

  /**
   * Apply a decision's facts, then the controller's answers to them, in order. Answers wait in a
   * queue rather than recursing, so a controller that keeps answering hits the limit, not the stack.
   */
  private commit(cmd: Command, d: Decision): void {
    if (!d.ok) {
      const where = `at ${clock(this.now)} (${this.policy.name}, seed ${this.seed})`;
      throw new Error(`simulator: the engine refused ${cmd.type} ${where}: ${d.error.code} ${d.error.message}`);
    }
    if (++this.commandsThisEvent > MAX_COMMANDS_PER_EVENT) {
      throw new Error(`simulator: more than ${MAX_COMMANDS_PER_EVENT} commands at ${clock(this.now)}; a controller loops`);
    }
    for (const fact of d.facts) {
      if ('ticket' in fact) ticketChanging(this.state, fact.ticket);
      evolve(this.state, fact);
      this.ledger.record(fact, this.now);
      this.follow(fact);
      this.options.observe?.(fact, this.now);
      const more = this.controller?.onEvent?.(this.view(), fact);
      if (more) this.answers.push(...more);
    }
    if (this.committing) return;
    this.committing = true;
    try {
      for (let next = this.answers.shift(); next; next = this.answers.shift()) this.commit(next, decide(this.state, next, epochOf(this.now)));
    } finally {
      this.committing = false;
    }
  }

  /** A called visitor's service (or no-show) is scheduled; the end of it is noted for the results. */
  private follow(fact: FactBody): void {
    if (fact.type === 'ticket:called') {
      const v = this.visitorOf.get(fact.ticket.id);
      const c = fact.counter && this.byId.get(fact.counter.id);
      if (!v || !c) throw new Error(`simulator: the engine called an unknown ticket ${fact.ticket.id}`);
      this.called[v.index] = { calledMs: (fact.ticket.firstCalledAt ?? epochOf(this.now)) - SIM_DAY0, counterId: c.id };
      this.queue.push(this.now + (v.noShow ? this.scenario.noShowCostMin * MINUTE : v.serviceMs), { kind: 'finish', counter: c, noShow: v.noShow });
    } else if (fact.type === 'ticket:completed' || fact.type === 'ticket:no-show') {
      this.lastEnd = Math.max(this.lastEnd, this.now);
      const v = this.visitorOf.get(fact.ticket.id);
      const rec = v && this.called[v.index];
      if (rec) rec.outcome = fact.type === 'ticket:completed' ? 'served' : 'no-show';
    }
  }

  private counterState(c: CounterRun) {
    const s = this.state.counters.get(c.id);
    if (!s) throw new Error(`simulator: no counter ${c.id} in the engine state`);
    return s;
  }

  /** What the controller sees: one object for the day (it is handed over after every fact), its `now` the instant it is read at. */
  private view(): PolicyView {
    if (this.policyView) return this.policyView;
    const now = () => epochOf(this.now);
    return (this.policyView = {
      get now() {
        return now();
      },
      state: this.state,
      wakeAt: (epochMs) => {
        if (epochMs > now()) this.queue.push(epochMs - SIM_DAY0, { kind: 'tick', periodic: false });
      },
    });
  }

  private result(): DayRun {
    const visitors: VisitorOutcome[] = this.visitors.map((v) => {
      const rec = this.called[v.index];
      if (!rec?.outcome) throw new Error(`simulator: visitor ${ticketIdOf(v)} (${v.serviceId}, ${clock(v.arriveMs)}) was never served`);
      return { ...v, calledMs: rec.calledMs, counterId: rec.counterId, outcome: rec.outcome, promisedWaitMin: this.promised[v.index] ?? null };
    });
    return {
      scenario: this.scenario,
      policy: this.policy.name,
      seed: this.seed,
      visitors,
      bookings: this.bookings,
      counters: this.ledger.figures(),
      lastServiceEndMs: this.lastEnd,
      calledBack: this.calledBack.size,
      state: this.state,
    };
  }
}

export const ticketIdOf = (v: Visitor): string => `v${v.index}`;

/** "17:05" (or "25:10" past midnight) for messages. */
function clock(ms: number): string {
  return formatHHMM(Math.floor(ms / MINUTE));
}
