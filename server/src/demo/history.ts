/**
 * The demo's past (issue 12): so that a newcomer's first Reports screen has weeks to show, the
 * simulator drives the real engine through each of the last N days with the demo's day shape
 * (weekdays with a Monday peak, a short Saturday, Sundays closed), and every fact it produces is
 * stored as an ordinary fact of the demo center, at that day's local times, through the live
 * store (so the log, the tickets and the report rows are what a real day would have left).
 *
 * It runs once, on an empty database, before the server starts: the log's sequence numbers then
 * precede anything a client will ever see, so no client mistakes the past for news.
 */
import { addCalendarDays, calendarWeekday, localMidnight, localTime, type CenterConfig, type FactBody } from '@qms/shared';
import { newTicketId } from '../center/commands.js';
import { addDemoRatings } from '../ratings/demo.js';
import { RatingStore } from '../ratings/store.js';
import { findPolicy } from '../sim/policies.js';
import { parseScenario, type Scenario } from '../sim/scenario.js';
import { simulateDay } from '../sim/day.js';
import { SIM_DAY0 } from '../sim/config.js';
import type { Db } from '../storage/db.js';
import { LiveStore } from '../storage/live-store.js';

const DAY_MS = 86_400_000;

/** Arrivals per hour by service over a weekday (the reference day provincial-peak's shape). */
const SHAPE: Record<string, { from: string; to: string; perHour: number }[]> = {
  justice: [{ from: '07:30', to: '09:00', perHour: 24 }, { from: '09:00', to: '11:00', perHour: 52 }, { from: '11:00', to: '11:30', perHour: 20 }, { from: '13:00', to: '15:00', perHour: 36 }, { from: '15:00', to: '16:30', perHour: 14 }],
  land: [{ from: '07:30', to: '11:30', perHour: 13 }, { from: '13:00', to: '16:30', perHour: 9 }],
  business: [{ from: '07:30', to: '11:30', perHour: 9 }, { from: '13:00', to: '16:30', perHour: 8 }],
  transport: [{ from: '07:30', to: '10:00', perHour: 26 }, { from: '10:00', to: '11:30', perHour: 14 }, { from: '13:00', to: '16:30', perHour: 12 }],
  labour: [{ from: '07:30', to: '11:30', perHour: 9 }, { from: '13:00', to: '16:30', perHour: 7 }],
  construction: [{ from: '07:30', to: '11:30', perHour: 5 }, { from: '13:00', to: '16:30', perHour: 4 }],
  health: [{ from: '07:30', to: '11:30', perHour: 5 }, { from: '13:00', to: '16:30', perHour: 4 }],
};
const CV: Record<string, number> = { justice: 0.6, land: 0.8, business: 0.7, transport: 0.5, labour: 0.7, construction: 0.7, health: 0.6 };
const PRIORITY: Record<string, number> = { justice: 0.08, land: 0.05, business: 0.02, transport: 0.04, labour: 0.3, construction: 0.02, health: 0.03 };
/** Mondays bring the weekend's backlog; Saturday is a morning. Index: Date.getUTCDay(). */
const WEEKDAY_LOAD = [0, 1.3, 1.1, 1, 1, 0.9, 0.55];

/** The demo's day as a scenario, for a weekday (0 Sunday … 6 Saturday); null when closed. */
export function demoDay(config: CenterConfig, weekday: number, wobble: number): Scenario | null {
  const load = (WEEKDAY_LOAD[weekday] ?? 0) * wobble;
  if (load === 0) return null;
  const saturday = weekday === 6;
  const close = saturday ? '12:00' : '17:00';
  const raw = {
    format: 'qms-scenario/1',
    name: `${config.center.id} history`,
    day: { open: '07:30', close },
    targetWaitMin: config.center.targetWaitMin,
    noShowShare: 0.05,
    services: config.services.map((s) => ({
      id: s.id,
      serviceTimeMin: { mean: s.serviceTimeMin, cv: CV[s.id] ?? 0.6 },
      arrivals: (SHAPE[s.id] ?? [{ from: '08:00', to: '16:00', perHour: 4 }])
        .filter((a) => !saturday || a.to <= '11:30')
        .map((a) => ({ ...a, perHour: Math.round(a.perHour * load * 10) / 10 })),
      priorityShare: PRIORITY[s.id] ?? 0.05,
    })),
    counters: config.counters.map((c) => ({
      id: c.id,
      serves: c.services.map((x) => x.serviceId),
      canServe: c.canServe ?? c.services.map((x) => x.serviceId),
      shifts: [{ from: '07:30', to: close }],
    })),
  };
  return parseScenario(raw, 'demo history');
}

/** Small deterministic noise per day, so that the weeks are not copies of each other. */
function wobbleOf(seed: number): number {
  const x = Math.sin(seed * 12.9898) * 43758.5453;
  return 0.9 + (x - Math.floor(x)) * 0.2;
}

export interface HistoryResult {
  days: number;
  tickets: number;
  facts: number;
  /** Of the tickets, how many their visitors rated (issue 14). */
  ratings: number;
}

/**
 * Store `days` past days of the center (yesterday and before; today stays the live day). The
 * simulated day runs in UTC from SIM_DAY0; its instants are moved to the same local clock time of
 * the real day in the center's zone, its ticket ids replaced by fresh unguessable ones.
 */
export function generateHistory(db: Db, config: CenterConfig, days: number, now: number, onDay?: (done: number, of: number) => void): HistoryResult {
  const live = new LiveStore(db);
  const policy = findPolicy('adaptive')!;
  const tz = config.center.timezone;
  const today = localTime(now, tz).day;
  const categories = config.priorityCategories.map((c) => c.id);
  let tickets = 0;
  let facts = 0;
  let ratings = 0;
  const ratingStore = new RatingStore(db);
  const supervisor = config.staff.find((s) => s.role === 'supervisor')?.login ?? config.staff[0]?.login ?? 'system';
  const write = db.transaction(() => {
    for (let back = days; back >= 1; back -= 1) {
      const day = addCalendarDays(today, -back);
      const weekday = calendarWeekday(day);
      const seed = Date.parse(`${day}T00:00:00Z`) / DAY_MS;
      const scenario = demoDay(config, weekday, wobbleOf(seed));
      onDay?.(days - back + 1, days);
      if (!scenario) continue;
      const midnight = localMidnight(day, tz);
      const shift = (t: number) => t - SIM_DAY0 + midnight;
      const ids = new Map<string, string>();
      const idOf = (simId: string) => ids.get(simId) ?? ids.set(simId, newTicketId()).get(simId)!;
      const promised = new Map<string, number | null>();
      const moved: { body: FactBody; at: number; actor: string | null }[] = [];
      const run = simulateDay(scenario, policy, seed, {
        observe: (fact, ms) => moved.push({ body: relocate(fact, { day, shift, idOf, categories }), at: shift(SIM_DAY0 + ms), actor: actorOf(fact) }),
      });
      for (const v of run.visitors) promised.set(idOf(`v${v.index}`), v.promisedWaitMin);
      // Facts of one instant and one actor go in one commit, as the live server would write them.
      for (let i = 0; i < moved.length; ) {
        const { at, actor } = moved[i]!;
        let j = i;
        while (j < moved.length && moved[j]!.at === at && moved[j]!.actor === actor) j += 1;
        live.commit(config.center.id, moved.slice(i, j).map((m) => m.body), at, actor);
        i = j;
      }
      for (const [id, minutes] of promised) live.recordPromise(config.center.id, id, minutes);
      ratings += addDemoRatings(ratingStore, config, moved.map((m) => m.body), now, supervisor);
      tickets += run.visitors.length;
      facts += moved.length;
    }
    // The past leaves every counter closed; the live day starts from the plan.
    db.prepare('DELETE FROM counter_state WHERE center_id = ?').run(config.center.id);
  });
  write();
  return { days, tickets, facts, ratings };
}

interface Relocation {
  day: string;
  shift: (t: number) => number;
  idOf: (simId: string) => string;
  categories: string[];
}

const TIME_KEYS = new Set(['issuedAt', 'queuedAt', 'calledAt', 'startedAt', 'finishedAt', 'firstCalledAt', 'changedAt', 'at', 'createdAt', 'expiresAt']);
const TICKET_ID_KEYS = new Set(['currentTicketId', 'ticketId']);

/** A simulated fact as the demo center's: its times, day, ticket ids, staff and categories. */
function relocate(fact: FactBody, r: Relocation): FactBody {
  const walk = (v: unknown, key: string, parent: Record<string, unknown> | null): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key, null));
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, walk(x, k, o)]));
    }
    if (typeof v === 'number' && TIME_KEYS.has(key)) return r.shift(v);
    if (typeof v !== 'string') return v;
    if (key === 'centerId') return 'demo';
    if (key === 'day') return r.day;
    if (TICKET_ID_KEYS.has(key) || (key === 'id' && parent && 'seqNo' in parent)) return r.idOf(v);
    if (key === 'staffLogin') return v.replace(/^sim-/, 'op');
    if (key === 'categoryId' && parent && 'seqNo' in parent) return r.categories[Number(String(parent.id).slice(1)) % Math.max(1, r.categories.length)] ?? v;
    return v;
  };
  return walk(fact, '', null) as FactBody;
}

/** Who would have done it: the kiosk issues (every fifteenth at a counter), the counter's operator acts, the rebalancer moves counters. */
function actorOf(fact: FactBody): string | null {
  if (fact.type === 'ticket:issued') return Number(fact.ticket.id.slice(1)) % 15 === 0 ? 'staff:op16' : 'device:kiosk-1';
  if (fact.type === 'counter:services-changed') return null;
  const login = 'counter' in fact ? fact.counter?.staffLogin : null;
  return login ? `staff:${login.replace(/^sim-/, 'op')}` : null;
}
