/**
 * Today's figures for the counter app and the supervisor: per operator and per counter from the
 * event log (who did what), per service from today's tickets. Pure over its inputs.
 */
import { MINUTE, type Fact, type ServiceFigures, type Ticket, type TodayStats, type WorkFigures } from '@qms/shared';

export type { TodayStats };
import { round1, waitMinOf, waitStats, withinTargetShare, type TargetOf } from './waits.js';

interface Acc {
  served: number;
  noShows: number;
  transfers: number;
  service: number[];
  wait: number[];
}

const mean = (xs: number[]) => (xs.length ? round1(xs.reduce((s, v) => s + v, 0) / xs.length) : null);

function figures(a: Acc): WorkFigures {
  return { served: a.served, noShows: a.noShows, transfers: a.transfers, avgServiceMin: mean(a.service), avgWaitMin: mean(a.wait) };
}

export function todayStats(
  day: string,
  facts: (Fact & { actor: string | null })[],
  tickets: Ticket[],
  serviceIds: string[],
  targetMin: TargetOf,
): TodayStats {
  const staff = new Map<string, Acc>();
  const counters = new Map<string, Acc>();
  const acc = (m: Map<string, Acc>, key: string) => m.get(key) ?? m.set(key, { served: 0, noShows: 0, transfers: 0, service: [], wait: [] }).get(key)!;

  for (const f of facts) {
    if (!('ticket' in f) || f.ticket.day !== day) continue;
    const t = f.ticket;
    const who = f.actor?.startsWith('staff:') ? [acc(staff, f.actor.slice(6))] : [];
    const where = f.counter ? [acc(counters, f.counter.id)] : [];
    for (const a of [...who, ...where]) {
      if (f.type === 'ticket:completed') {
        a.served += 1;
        if (t.startedAt !== null && t.finishedAt !== null) a.service.push((t.finishedAt - t.startedAt) / MINUTE);
      } else if (f.type === 'ticket:no-show') a.noShows += 1;
      else if (f.type === 'ticket:transferred') a.transfers += 1;
      else if (f.type === 'ticket:called' && t.calledAt !== null) a.wait.push((t.calledAt - t.queuedAt) / MINUTE);
    }
  }

  // Issued and first waits belong to the service the visitor chose; waiting and served to where
  // the ticket is now (a transfer moves it).
  const services: Record<string, ServiceFigures> = {};
  const todays = tickets.filter((t) => t.day === day);
  for (const serviceId of serviceIds) {
    const issued = todays.filter((t) => t.issuedServiceId === serviceId);
    const called = issued.flatMap((t) => {
      const waitMin = waitMinOf(t);
      return waitMin === null ? [] : [{ waitMin, targetMin: targetMin(serviceId, t.appointmentAt !== undefined) }];
    });
    const waits = called.map((c) => c.waitMin);
    const stats = waitStats(waits);
    services[serviceId] = {
      issued: issued.length,
      served: todays.filter((t) => t.serviceId === serviceId && t.status === 'done').length,
      waiting: todays.filter((t) => t.serviceId === serviceId && t.status === 'waiting').length,
      avgWaitMin: round1(stats.mean),
      p90WaitMin: round1(stats.p90),
      withinTargetShare: withinTargetShare(called),
    };
  }

  return {
    day,
    staff: Object.fromEntries([...staff].map(([k, a]) => [k, figures(a)])),
    counters: Object.fromEntries([...counters].map(([k, a]) => [k, figures(a)])),
    services,
  };
}


/**
 * The whole center's day so far (the public board): the waits of todayStats's services taken
 * together, each against the target of the service the visitor chose.
 */
export function centerWaits(day: string, tickets: Iterable<Ticket>, targetMin: TargetOf): { called: number; meanWaitMin: number | null; withinTargetShare: number | null } {
  const waits: { waitMin: number; targetMin: number }[] = [];
  for (const t of tickets) {
    const waitMin = t.day === day ? waitMinOf(t) : null;
    if (waitMin !== null) waits.push({ waitMin, targetMin: targetMin(t.issuedServiceId, t.appointmentAt !== undefined) });
  }
  return { called: waits.length, meanWaitMin: round1(waitStats(waits.map((w) => w.waitMin)).mean), withinTargetShare: withinTargetShare(waits) };
}
