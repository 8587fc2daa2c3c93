/**
 * The hall in Prometheus terms. Gauges are computed from the live engine state when scraped (a
 * command never pays for them); counters and the wait histogram are fed by the committed facts,
 * so they count exactly what happened, whichever transport (HTTP or Socket.IO) asked for it.
 * Labels are ids from the configuration (center, service, lane, status): never a person, a
 * ticket or a number.
 */
import { COUNTER_STATUSES, LANES, type Fact } from '@qms/shared';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Hub } from '../center/hub.js';
import type { CenterRuntime, Clock } from '../center/runtime.js';
import { serviceLoads } from '../engine/index.js';

/** Around the usual 10–20 minute targets, so "share called within target" is a bucket ratio. */
const WAIT_BUCKETS = [60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 5400, 7200];

export function registerQueueMetrics(registry: Registry, hub: Hub, clock: Clock): () => void {
  const registers = [registry];
  const centers = () => hub.ids().map((id) => hub.get(id));
  /** Set a gauge afresh at each scrape, so a removed service or counter does not linger. */
  const live = (name: string, help: string, labelNames: string[], fill: (g: Gauge, rt: CenterRuntime, now: number) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers,
      collect() {
        this.reset();
        const now = clock();
        for (const rt of centers()) fill(this, rt, now);
      },
    });

  live('qms_waiting_tickets', 'Tickets waiting now, per service and lane.', ['center', 'service', 'lane'], (g, rt) => {
    for (const s of rt.config.services) for (const lane of LANES) g.set({ center: rt.centerId, service: s.id, lane }, 0);
    for (const t of waiting(rt)) g.inc({ center: rt.centerId, service: t.serviceId, lane: t.lane });
  });
  live('qms_oldest_wait_seconds', 'How long the longest-waiting ticket of a service has waited; 0 when none waits.', ['center', 'service'], (g, rt, now) => {
    const oldest = new Map(rt.config.services.map((s) => [s.id, now]));
    for (const t of waiting(rt)) oldest.set(t.serviceId, Math.min(oldest.get(t.serviceId) ?? now, t.queuedAt));
    for (const [service, at] of oldest) g.set({ center: rt.centerId, service }, Math.max(0, (now - at) / 1000));
  });
  live('qms_expected_wait_seconds', 'Expected wait of a normal-lane ticket issued now; absent while no open counter serves the service.', ['center', 'service'], (g, rt, now) => {
    for (const l of serviceLoads(rt.state, now)) if (l.expectedWaitMin !== null) g.set({ center: rt.centerId, service: l.serviceId }, l.expectedWaitMin * 60);
  });
  live('qms_target_wait_seconds', 'The configured wait target of a service, to compare waits against.', ['center', 'service'], (g, rt, now) => {
    for (const l of serviceLoads(rt.state, now)) g.set({ center: rt.centerId, service: l.serviceId }, l.targetWaitMin * 60);
  });
  live('qms_service_open_counters', 'Open counters serving a service now.', ['center', 'service'], (g, rt, now) => {
    for (const l of serviceLoads(rt.state, now)) g.set({ center: rt.centerId, service: l.serviceId }, l.openCounters);
  });
  live('qms_counters', 'Counters by status (open, paused, closed).', ['center', 'status'], (g, rt) => {
    for (const status of COUNTER_STATUSES) g.set({ center: rt.centerId, status }, 0);
    for (const c of rt.state.counters.values()) g.inc({ center: rt.centerId, status: c.status });
  });
  live('qms_counters_serving', 'Counters holding a called or in-service ticket.', ['center'], (g, rt) => {
    g.set({ center: rt.centerId }, [...rt.state.counters.values()].filter((c) => c.currentTicketId !== null).length);
  });

  const issued = new Counter({ name: 'qms_tickets_issued_total', help: 'Tickets issued, per service and lane.', labelNames: ['center', 'service', 'lane'], registers });
  const called = new Counter({ name: 'qms_tickets_called_total', help: 'Calls of a ticket to a counter (recalls excluded), per service called for.', labelNames: ['center', 'service'], registers });
  const completed = new Counter({ name: 'qms_tickets_completed_total', help: 'Services completed, per service.', labelNames: ['center', 'service'], registers });
  const noShows = new Counter({ name: 'qms_tickets_no_show_total', help: 'Tickets marked no-show (by staff or after the recall limit), per service.', labelNames: ['center', 'service'], registers });
  const waitAtCall = new Histogram({
    name: 'qms_wait_at_call_seconds',
    help: "From issue to a ticket's first call, per service chosen at the kiosk and lane (the same wait as today's KPIs).",
    labelNames: ['center', 'service', 'lane'],
    buckets: WAIT_BUCKETS,
    registers,
  });

  /** Zero series for every configured service, so rates and alerts work before the first event. */
  const declare = (rt: CenterRuntime) => {
    for (const s of rt.config.services) {
      const l = { center: rt.centerId, service: s.id };
      for (const lane of LANES) issued.inc({ ...l, lane }, 0);
      called.inc(l, 0);
      completed.inc(l, 0);
      noShows.inc(l, 0);
    }
  };
  centers().forEach(declare);

  return hub.subscribe((facts: Fact[], rt) => {
    for (const f of facts) {
      if (f.type === 'config:changed') declare(rt);
      if (!('ticket' in f)) continue;
      const t = f.ticket;
      const l = { center: rt.centerId, service: t.serviceId };
      if (f.type === 'ticket:issued') issued.inc({ ...l, lane: t.lane });
      else if (f.type === 'ticket:completed') completed.inc(l);
      else if (f.type === 'ticket:no-show') noShows.inc(l);
      else if (f.type === 'ticket:called') {
        called.inc(l);
        // Only the first call measures the visitor's wait; a call after a transfer or a
        // reactivation is the same visitor waiting again.
        if (t.firstCalledAt === f.at) waitAtCall.observe({ center: rt.centerId, service: t.issuedServiceId, lane: t.lane }, Math.max(0, (f.at - t.issuedAt) / 1000));
      }
    }
  });
}

function* waiting(rt: CenterRuntime) {
  for (const id of rt.state.waiting) {
    const t = rt.state.tickets.get(id);
    if (t) yield t;
  }
}
