/**
 * One center's live queue: the engine state in memory, storage underneath. Every command is
 * decided by the pure engine, committed in one SQLite transaction, then applied in memory and
 * published. better-sqlite3 is synchronous and nothing here awaits, so two commands can never
 * interleave: two counters calling at once get two different tickets.
 */
import {
  ErrorCode,
  localTime,
  startOfLocalDay,
  type AppErrorBody,
  type EngineConfig,
  type Fact,
  type FactType,
  type PausedBy,
  type Snapshot,
  type Ticket,
  type TicketEta,
} from '@qms/shared';
import { computeEtas, createEngineState, decide, etaOf, evolve, serviceLoads, type Command, type EngineState } from '../engine/index.js';
import { rememberServiceTimes, ticketChanging } from '../engine/eta.js';
import { Balancer } from './balancer.js';
import { centerWaits, todayStats, type TodayStats } from '../kpi/today.js';
import { targetsOf } from '../kpi/waits.js';
import type { ConfigStore } from '../storage/config-store.js';
import type { LiveStore } from '../storage/live-store.js';
import { notSaved } from '../storage/problems.js';

export type Clock = () => number;
export type FactListener = (facts: Fact[], runtime: CenterRuntime) => void;
export type Outcome = { ok: true; facts: Fact[]; seq: number } | { ok: false; error: AppErrorBody };

/** How many finished tickets a snapshot carries, for the "last calls" lists. */
const RECENT_FINISHED = 30;

export class CenterRuntime {
  state!: EngineState;
  private readonly listeners = new Set<FactListener>();
  readonly balancer: Balancer;

  constructor(
    readonly centerId: string,
    private readonly configs: ConfigStore,
    private readonly live: LiveStore,
    private readonly clock: Clock,
    private readonly onStorageError: (err: unknown) => void = () => {},
  ) {
    this.reload();
    this.balancer = new Balancer(this);
    this.endEarlierDays(this.clock());
  }

  /** (Re)build the in-memory state from storage: at start, after a config change, a new day or a failed write. */
  reload(): void {
    const cfg = this.configs.read(this.centerId);
    if (!cfg) throw new Error(`Center "${this.centerId}" does not exist.`);
    const config: EngineConfig = { center: cfg.center, services: cfg.services, priorityCategories: cfg.priorityCategories, counters: cfg.counters, categories: cfg.categories };
    const now = this.clock();
    const day = localTime(now, config.center.timezone).day;
    this.state = createEngineState(this.centerId, config, now, this.live.counterStates(this.centerId), this.live.liveTickets(this.centerId, day));
    // Every change to this state goes through commit(), which reports the ones that matter.
    rememberServiceTimes(this.state);
  }

  /** The expected wait the visitor was shown for a ticket just issued (the reports' ETA accuracy). */
  recordPromise(ticketId: string, minutes: number | null): void {
    this.live.recordPromise(this.centerId, ticketId, minutes);
  }

  get seq(): number {
    return this.live.seq(this.centerId);
  }

  get config(): EngineConfig {
    return this.state.config;
  }

  subscribe(listener: FactListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * `by`: the person behind a pause, put into its fact so that the counter's holder learns who it
   * was (issue 11). Who acted is the server's knowledge, not a queue rule: the engine never sees it.
   */
  execute(cmd: Command, actor: string | null, by?: PausedBy): Outcome {
    const now = this.clock();
    this.rolloverIfNewDay(now);
    const decision = decide(this.state, cmd, now);
    if (!decision.ok) return decision;
    if (decision.facts.length === 0) return { ok: true, facts: [], seq: this.seq };
    const facts = by ? decision.facts.map((f) => (f.type === 'counter:paused' ? { ...f, by } : f)) : decision.facts;
    return this.commit(facts, now, actor);
  }

  /** Record a configuration change as a fact so every client refetches its snapshot. */
  configChanged(actor: string | null): Outcome {
    this.reload();
    return this.commit([{ type: 'config:changed' }], this.clock(), actor);
  }

  /** Commit facts that are not the engine's (the balancer's proposals and their fate). */
  record(bodies: Parameters<LiveStore['commit']>[1], actor: string | null): Outcome {
    return this.commit(bodies, this.clock(), actor);
  }

  private commit(bodies: Parameters<LiveStore['commit']>[1], now: number, actor: string | null): Outcome {
    let facts: Fact[];
    try {
      facts = this.live.commit(this.centerId, bodies, now, actor);
    } catch (err) {
      this.onStorageError(err);
      return { ok: false, error: { code: ErrorCode.Unavailable, message: notSaved(err) } };
    }
    for (const f of facts) {
      if ('ticket' in f) ticketChanging(this.state, f.ticket);
      evolve(this.state, f);
    }
    for (const l of this.listeners) l(facts, this);
    return { ok: true, facts, seq: facts.at(-1)?.seq ?? this.seq };
  }

  /** At the first command of a new local day: numbering restarts (I2) and yesterday's queue closes (D1). */
  private rolloverIfNewDay(now: number): void {
    if (localTime(now, this.state.config.center.timezone).day === this.state.numberingDay) return;
    this.reload();
    this.endEarlierDays(now);
  }

  /**
   * D1, at the day's first command and at every start. An earlier day's ticket that waits again
   * because of a command of today (transferred or returned after midnight) stays: D1 ran before
   * that command, and a restart later in the day must not close what it kept.
   */
  private endEarlierDays(now: number): void {
    const day = this.state.numberingDay;
    const earlier = [...this.state.waiting].filter((id) => (this.state.tickets.get(id)?.day ?? day) < day);
    if (earlier.length === 0) return;
    const today = startOfLocalDay(now, this.state.config.center.timezone);
    const changedToday = new Set(this.live.factsFrom(this.centerId, today).flatMap((f) => ('ticket' in f ? [f.ticket.id] : [])));
    const keep = earlier.filter((id) => changedToday.has(id));
    const decision = decide(this.state, { type: 'end-days-before', day, keep }, now);
    if (decision.ok && decision.facts.length > 0) this.commit(decision.facts, now, 'system:day-end');
  }

  ticket(id: string): Ticket | undefined {
    return this.state.tickets.get(id) ?? this.live.ticket(id);
  }

  eta(ticketId: string): TicketEta {
    return etaOf(this.state, ticketId, this.clock());
  }

  snapshot(): Snapshot {
    const now = this.clock();
    this.rolloverIfNewDay(now);
    const open: Ticket[] = [];
    const finished: Ticket[] = [];
    for (const t of this.state.tickets.values()) {
      if (t.status === 'waiting' || t.status === 'called' || t.status === 'serving') open.push(t);
      else finished.push(t);
    }
    finished.sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    return {
      seq: this.seq,
      now,
      center: this.state.config.center,
      services: this.state.config.services,
      priorityCategories: this.state.config.priorityCategories,
      counters: [...this.state.counters.values()],
      tickets: [...open, ...finished.slice(0, RECENT_FINISHED)],
      etas: computeEtas(this.state, now),
      loads: serviceLoads(this.state, now),
      balance: { mode: this.state.config.center.balancing.mode, proposals: this.balancer.list() },
    };
  }

  /** Today's figures per operator, counter and service (the counter app, the supervisor). */
  todayStats(): TodayStats {
    const now = this.clock();
    this.rolloverIfNewDay(now);
    const { center, services } = this.state.config;
    const facts = this.live.factsFrom(this.centerId, startOfLocalDay(now, center.timezone));
    return todayStats(this.state.numberingDay, facts, [...this.state.tickets.values()], services.map((s) => s.id), targetsOf(this.state.config));
  }

  /**
   * The whole center's waits today (the public board): todayStats's definition, from the tickets in
   * memory alone. Rolls over first, as snapshot() does, so that a board read before the day's first
   * command does not show yesterday's queue; `now` is the instant it is as of.
   */
  todayWaits(): ReturnType<typeof centerWaits> & { now: number } {
    const now = this.clock();
    this.rolloverIfNewDay(now);
    return { ...centerWaits(this.state.numberingDay, this.state.tickets.values(), targetsOf(this.state.config)), now };
  }

  /** Every fact committed since `at` (epoch ms), oldest first; only those of `type` when given. */
  factsFrom(at: number, type?: FactType): Fact[] {
    return this.live.factsFrom(this.centerId, at, type);
  }

  factsSince(seq: number, limit: number): Fact[] {
    return this.live.factsSince(this.centerId, seq, limit);
  }
}

