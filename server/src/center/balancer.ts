/**
 * The live rebalancer of one center: it asks the pure rebalancer (engine/rebalance.ts) what to
 * merge or release. `auto` looks right after every change in the hall (before the next request is
 * handled, so a counter that has just become free is merged before its operator calls) and once a
 * minute, and carries the moves out; `suggest` looks once a minute at every open counter and turns
 * the moves into proposals a supervisor accepts or rejects; `off` does nothing. Every move and every proposal's fate is a
 * committed fact with its reason, so it reaches the counter, the supervisor and the display at
 * once and stays in the event log (the audit trail).
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, localTime, nameIn, openWindows, scheduleOf, startOfLocalDay, type BalanceProposal, type FactBody } from '@qms/shared';
import { DEFAULT_BALANCE, LOOK_AFTER, SwitchLog, proposeMoves, type Move } from '../engine/rebalance.js';
import type { CenterRuntime, Outcome } from './runtime.js';

const sameMove = (p: BalanceProposal, m: Move) => p.counterId === m.counterId && p.serviceId === m.serviceId && p.kind === m.kind;

export class Balancer {
  private readonly proposals = new Map<string, BalanceProposal>();
  /** Today's service changes per counter (B3), rebuilt from the event log at the first look of a day. */
  private log: { day: string; switches: SwitchLog } | undefined;
  private lookQueued = false;

  constructor(private readonly rt: CenterRuntime) {
    rt.subscribe((facts) => {
      for (const f of facts) {
        if (f.type === 'balance:proposed') this.proposals.set(f.proposal.id, f.proposal);
        if (f.type === 'balance:resolved') this.proposals.delete(f.proposalId);
        // Only service changes count (B3); the day is checked for those alone, a time-zone lookup being dear.
        if (f.type === 'counter:services-changed' && this.log?.day === localTime(f.at, rt.config.center.timezone).day) this.log.switches.record(f, f.at);
      }
      // A look of its own commits facts too: queue one look, after this commit has reached everyone.
      if (this.mode === 'auto' && !this.lookQueued && facts.some((f) => LOOK_AFTER.has(f.type))) {
        this.lookQueued = true;
        queueMicrotask(() => {
          this.lookQueued = false;
          this.tick(facts.at(-1)?.at ?? Date.now());
        });
      }
    });
  }

  get mode() {
    return this.rt.config.center.balancing.mode;
  }

  list(): BalanceProposal[] {
    return [...this.proposals.values()];
  }

  /** One look at the hall (the server calls this every minute). */
  tick(now: number): void {
    const moves = this.mode === 'off' ? [] : this.moves(now);
    if (this.mode === 'auto') {
      for (const m of moves) this.rt.execute({ type: 'set-services', counterId: m.counterId, services: m.services, reason: m.reason, why: m.why }, 'system:balancer');
    }
    const wanted = this.mode === 'suggest' ? moves : [];
    const facts: FactBody[] = [];
    for (const p of this.proposals.values()) {
      if (!wanted.some((m) => sameMove(p, m))) facts.push({ type: 'balance:resolved', proposalId: p.id, outcome: 'expired', by: null });
    }
    for (const m of wanted) {
      if ([...this.proposals.values()].some((p) => sameMove(p, m))) continue;
      const { kind, counterId, serviceId, services, reason, why, predictedWaitMin, targetMin } = m;
      const proposal: BalanceProposal = { id: randomBytes(8).toString('hex'), kind, counterId, serviceId, services, reason, why, predictedWaitMin, targetMin, createdAt: now };
      facts.push({ type: 'balance:proposed', proposal });
    }
    if (facts.length > 0) this.rt.record(facts, 'system:balancer');
  }

  /** A supervisor's answer to a proposal. */
  resolve(id: string, accept: boolean, actor: string): Outcome {
    const p = this.proposals.get(id);
    if (!p) return { ok: false, error: { code: ErrorCode.NotFound, message: 'That proposal is no longer open: the hall has changed since.' } };
    if (accept) {
      const out = this.rt.execute({ type: 'set-services', counterId: p.counterId, services: p.services, reason: p.reason, why: p.why }, actor);
      if (!out.ok) return out;
    }
    return this.rt.record([{ type: 'balance:resolved', proposalId: id, outcome: accept ? 'accepted' : 'rejected', by: actor }], actor);
  }

  private moves(now: number): Move[] {
    const { center, services } = this.rt.config;
    // The reasons are English sentences (the audit log's language), so English names where there are.
    const name = (id: string) => nameIn(services.find((s) => s.id === id)?.names ?? {}, 'en', center.defaultLanguage) || id;
    const params = { ...DEFAULT_BALANCE, freeCountersOnly: this.mode === 'auto' };
    return proposeMoves(this.rt.state, now, this.switchLog(now), params, name);
  }

  /** B3's count of today's service changes per counter; its budget runs from today's opening. */
  private switchLog(now: number): SwitchLog {
    const { center } = this.rt.config;
    const { day } = localTime(now, center.timezone);
    if (this.log?.day === day) return this.log.switches;
    const midnight = startOfLocalDay(now, center.timezone);
    // Today's first opening by the wall clock (shared/src/schedule.ts); midnight on a day without hours.
    const opens = openWindows(scheduleOf(center), now, center.timezone)[0]?.[0];
    const switches = new SwitchLog(opens ?? midnight);
    for (const f of this.rt.factsFrom(midnight, 'counter:services-changed')) switches.record(f, f.at);
    this.log = { day, switches };
    return switches;
  }
}
