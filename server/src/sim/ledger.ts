/**
 * What each counter did during a simulated day, kept from the engine's facts alone: time open,
 * time holding a visitor, time with live services beyond its plan, and changes of its live set.
 */
import type { CounterService, CounterState, FactBody } from '@qms/shared';

export interface CounterFigures {
  id: string;
  /** Ms open (on shift, plus any time spent finishing or emptying the queue after it). */
  openMs: number;
  /** Ms holding a visitor, from the call to completion or the no-show mark. */
  busyMs: number;
  /** Ms open while its live services reached beyond its planned `serves`. */
  mergedMs: number;
  /** Changes of its live (service, role) set. */
  switches: number;
}

interface Entry extends CounterFigures {
  serves: readonly string[];
  /** When it last became free (or opened): the longest idle calls first. */
  idleSince: number;
  openedAt: number;
  busySince: number;
  mergedSince: number | null;
}

const setKey = (xs: CounterService[]) =>
  xs
    .map((s) => `${s.serviceId}/${s.role}`)
    .sort()
    .join(',');

export class CounterLedger {
  private readonly entries = new Map<string, Entry>();

  constructor(counters: { id: string; serves: readonly string[] }[]) {
    for (const c of counters) {
      const zero = { openMs: 0, busyMs: 0, mergedMs: 0, switches: 0, idleSince: 0, openedAt: 0, busySince: 0, mergedSince: null };
      this.entries.set(c.id, { id: c.id, serves: c.serves, ...zero });
    }
  }

  idleSince(counterId: string): number {
    return this.entries.get(counterId)?.idleSince ?? 0;
  }

  /** Book one fact at `t` (ms); `counter` is the counter's state after it. */
  record(fact: FactBody, t: number): void {
    if (!('counter' in fact) || !fact.counter) return;
    const c = this.entries.get(fact.counter.id);
    if (!c) return;
    const merged = (s: CounterState) => s.services.some((x) => !c.serves.includes(x.serviceId));
    switch (fact.type) {
      case 'counter:opened':
        c.openedAt = t;
        c.idleSince = t;
        c.mergedSince = merged(fact.counter) ? t : null;
        return;
      case 'counter:closed':
        c.openMs += t - c.openedAt;
        this.endMerged(c, t);
        return;
      case 'counter:services-changed':
        if (setKey(fact.previous) !== setKey(fact.counter.services)) c.switches += 1;
        if (fact.counter.status === 'closed') return;
        if (!merged(fact.counter)) this.endMerged(c, t);
        else if (c.mergedSince === null) c.mergedSince = t;
        return;
      case 'ticket:called':
        c.busySince = t;
        return;
      case 'ticket:completed':
      case 'ticket:no-show':
        c.busyMs += t - c.busySince;
        c.idleSince = t;
        return;
      default:
        return;
    }
  }

  figures(): CounterFigures[] {
    return [...this.entries.values()].map(({ id, openMs, busyMs, mergedMs, switches }) => ({ id, openMs, busyMs, mergedMs, switches }));
  }

  private endMerged(c: Entry, t: number): void {
    if (c.mergedSince === null) return;
    c.mergedMs += t - c.mergedSince;
    c.mergedSince = null;
  }
}
