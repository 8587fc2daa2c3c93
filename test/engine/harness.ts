/**
 * A tiny driver for the pure engine: a state built from the test center, commands decided and
 * their facts applied, a controllable clock in minutes and ticket ids t1, t2, …
 */
import {
  MINUTE,
  centerConfigSchema,
  type CenterConfigInput,
  type CounterState,
  type EngineConfig,
  type FactBody,
  type Lane,
  type Policy,
  type Ticket,
} from '@qms/shared';
import { createEngineState, decide, evolve, type Command, type Decision, type EngineState } from '../../server/src/engine/index.js';
import { testCenter } from '../helpers/center.js';

/** 2026-03-02 10:00 in Moscow (UTC+3), a Monday. */
export const T0 = Date.UTC(2026, 2, 2, 7, 0, 0);

/** `n` minutes in milliseconds. */
export const min = (n: number): number => n * MINUTE;

/** The instant `minutes` after T0. */
export const at = (minutes: number): number => T0 + min(minutes);

export interface ConfigOptions {
  /** Overrides of `center.policy`. */
  policy?: Partial<Policy>;
  /** Any other change to the raw test center before validation. */
  edit?: (cfg: CenterConfigInput) => void;
}

export function engineConfig(opts: ConfigOptions = {}): EngineConfig {
  const raw = testCenter();
  if (opts.policy) raw.center.policy = { ...raw.center.policy, ...opts.policy };
  opts.edit?.(raw);
  const cfg = centerConfigSchema.parse(raw);
  return { center: cfg.center, services: cfg.services, priorityCategories: cfg.priorityCategories, counters: cfg.counters };
}

export function makeState(opts: ConfigOptions & { now?: number } = {}): EngineState {
  const config = engineConfig(opts);
  return createEngineState(config.center.id, config, opts.now ?? T0);
}

export class EngineError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** Decide; when accepted, apply every fact. Returns the decision either way. */
export function tryRun(state: EngineState, cmd: Command, now: number): Decision {
  const decision = decide(state, cmd, now);
  if (decision.ok) for (const f of decision.facts) evolve(state, f);
  return decision;
}

/** Decide and apply; throws an `EngineError` carrying the code when the command is refused. */
export function run(state: EngineState, cmd: Command, now: number): FactBody[] {
  const decision = tryRun(state, cmd, now);
  if (!decision.ok) throw new EngineError(decision.error.code, decision.error.message);
  return decision.facts;
}

/** Ticket ids t1, t2, … */
export function ticketIds(): () => string {
  let n = 0;
  return () => `t${++n}`;
}

/** A deep copy of everything `evolve` could change, to compare before and after a command. */
export function snapshotOf(state: EngineState) {
  return structuredClone({
    counters: state.counters,
    tickets: state.tickets,
    waiting: state.waiting,
    numberingDay: state.numberingDay,
    lastSeqNo: state.lastSeqNo,
    issuedToday: state.issuedToday,
    openNumbers: state.openNumbers,
  });
}

/** A state, a clock and ticket ids together, with shorthands for the usual commands. */
export class Sim {
  readonly state: EngineState;
  now: number;
  readonly nextId = ticketIds();

  constructor(opts: ConfigOptions & { now?: number } = {}) {
    this.now = opts.now ?? T0;
    this.state = makeState({ ...opts, now: this.now });
  }

  advance(minutes: number): this {
    this.now += min(minutes);
    return this;
  }

  run(cmd: Command): FactBody[] {
    return run(this.state, cmd, this.now);
  }

  tryRun(cmd: Command): Decision {
    return tryRun(this.state, cmd, this.now);
  }

  /** The refusal code of `cmd` (fails the test if it is accepted). */
  errorOf(cmd: Command): string {
    const d = this.tryRun(cmd);
    if (d.ok) throw new Error(`expected ${cmd.type} to be refused, got ${d.facts.map((f) => f.type).join(', ') || 'no facts'}`);
    return d.error.code;
  }

  issue(serviceId: string, lane: Lane = 'normal', categoryId: string | undefined = lane === 'priority' ? 'disability' : undefined): Ticket {
    const id = this.nextId();
    this.run({ type: 'issue', ticketId: id, serviceId, lane, categoryId });
    return this.ticket(id);
  }

  open(counterId: string, staffLogin = `staff-${counterId}`): CounterState {
    this.run({ type: 'open', counterId, staffLogin });
    return this.counter(counterId);
  }

  /** The number `counterId` would call now, without applying anything (undefined: refused). */
  wouldCall(counterId: string): string | undefined {
    const d = decide(this.state, { type: 'call-next', counterId }, this.now);
    if (!d.ok) return undefined;
    const called = d.facts.find((f) => f.type === 'ticket:called');
    return called && 'ticket' in called ? called.ticket.number : undefined;
  }

  /** Call the next ticket at `counterId` and return it (as called). */
  callNext(counterId: string): Ticket {
    const facts = this.run({ type: 'call-next', counterId });
    const called = facts.find((f) => f.type === 'ticket:called');
    if (!called || !('ticket' in called)) throw new Error('call-next emitted no ticket:called fact');
    return called.ticket;
  }

  /** Call the next ticket at `counterId`, complete it at once and return its number. */
  serveNext(counterId: string): string {
    const t = this.callNext(counterId);
    this.run({ type: 'complete', counterId });
    return t.number;
  }

  ticket(id: string): Ticket {
    const t = this.state.tickets.get(id);
    if (!t) throw new Error(`no ticket ${id}`);
    return t;
  }

  counter(id: string): CounterState {
    const c = this.state.counters.get(id);
    if (!c) throw new Error(`no counter ${id}`);
    return c;
  }
}
