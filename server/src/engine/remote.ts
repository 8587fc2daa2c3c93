/**
 * Remote tickets (issue 14, docs/SPEC.md V1–V6): taken on the join page before the visitor comes,
 * called only once they have said they are in the hall. Pure, like the rest of the engine.
 */
import { ErrorCode, MINUTE, closedDayOn, isOpenAt, localTime, openWindows, scheduleOf, type CounterState, type FactBody, type Service, type Ticket } from '@qms/shared';
import { pickNext, type Pick } from './rules.js';
import { serviceQueue } from './state.js';
import { reject, type Command, type Decision, type EngineState } from './types.js';

/** V3: a remote ticket whose visitor has not confirmed arrival: never called. */
export const isAway = (t: Ticket): boolean => t.remote !== undefined && t.remote.arrivedAt === null;

export type RemoteRefusal = 'disabled' | 'closed' | 'closing-soon' | 'share-full' | 'daily-cap' | 'unstaffed';

/**
 * V1: may a remote ticket be taken for `service` now, and if not, why. One answer for the join
 * page's list and the engine's issue command, so the page never offers what the engine refuses.
 */
export function remoteRefusal(state: EngineState, service: Service, now: number): RemoteRefusal | null {
  const rules = service.remote;
  if (!rules?.enabled) return 'disabled';
  if (!state.servable.has(service.id)) return 'unstaffed';
  const { timezone } = state.config.center;
  const schedule = scheduleOf(state.config.center, service);
  const day = localTime(now, timezone).day;
  if (closedDayOn(schedule, day) || !isOpenAt(schedule, now, timezone)) return 'closed';
  // Those who join now come in later: the service must stay open long enough today for them.
  const lastClose = openWindows(schedule, now, timezone).at(-1)?.[1];
  if (lastClose !== undefined && lastClose - now < rules.stopBeforeCloseMin * MINUTE) return 'closing-soon';
  if (rules.dailyCap !== undefined && remoteIssuedToday(state, service.id, day) >= rules.dailyCap) return 'daily-cap';
  if (service.dailyCap !== undefined && day === state.numberingDay && (state.issuedToday.get(service.id) ?? 0) >= service.dailyCap) return 'daily-cap';
  let waiting = 0;
  let remote = 0;
  for (const id of state.queues.get(serviceQueue(service.id)) ?? []) {
    const t = state.tickets.get(id);
    if (!t) continue;
    waiting += 1;
    if (t.remote) remote += 1;
  }
  // At most `maxShare` of the line (counting the newcomer), and always room for one: a quiet hall
  // still takes a remote visitor, a crowded one keeps most places for the people standing in it.
  if (remote + 1 > Math.max(1, rules.maxShare * (waiting + 1))) return 'share-full';
  return null;
}

function remoteIssuedToday(state: EngineState, serviceId: string, day: string): number {
  let n = 0;
  for (const t of state.tickets.values()) if (t.remote && t.day === day && t.issuedServiceId === serviceId) n += 1;
  return n;
}

const REFUSAL_MESSAGE: Record<RemoteRefusal, (s: Service) => string> = {
  disabled: (s) => `Service "${s.id}" cannot be joined from outside: take a ticket at the kiosk when you come.`,
  unstaffed: (s) => `No counter serves "${s.id}" yet: no ticket can be issued for it.`,
  closed: (s) => `Service "${s.id}" is not taking tickets at this hour: join again when it opens.`,
  'closing-soon': (s) => `Service "${s.id}" closes soon, too soon to come in from outside: come to the center and take a ticket at the kiosk, or join tomorrow.`,
  'daily-cap': (s) => `Service "${s.id}" has given out all its tickets for joining from outside today: take a ticket at the kiosk when you come, or join tomorrow.`,
  'share-full': (s) =>
    `Many people have already joined "${s.id}" from outside and not all are here yet: try again in a few minutes, or take a ticket at the kiosk when you come.`,
};

/** V1: the refusal as the engine answers it (the join page words it in the visitor's language by `reason`). */
export function refuseRemote(reason: RemoteRefusal, service: Service): Decision {
  const code = reason === 'daily-cap' || reason === 'share-full' ? ErrorCode.RemoteLimit : reason === 'unstaffed' ? ErrorCode.ServiceClosed : ErrorCode.RemoteClosed;
  return reject(code, REFUSAL_MESSAGE[reason](service));
}

/**
 * V3/V4: whom counter `c` calls next, passing over remote tickets whose visitors are away, and
 * which of those it passed over for the first time (their turn has come: they are held, V4).
 * The same call-next rules (rules.ts) decide; away tickets are only taken out of the pool.
 */
export function passOver(state: EngineState, c: CounterState, now: number): { pick: Pick | undefined; held: Ticket[] } {
  const held: Ticket[] = [];
  const skipped = new Set<string>();
  let pick = pickNext(state, c, now);
  while (pick && isAway(pick.ticket)) {
    if (pick.ticket.remote?.heldAt === null) held.push(pick.ticket);
    skipped.add(pick.ticket.id);
    pick = pickNext(state, c, now, skipped);
  }
  return { pick, held };
}

export const heldFact = (t: Ticket, now: number): FactBody => ({ type: 'ticket:held', ticket: { ...t, remote: { ...t.remote!, heldAt: now } }, counter: null });

/** V2: the visitor of a remote ticket says they are in the hall. Again: nothing changes. */
export function arrive(state: EngineState, cmd: Extract<Command, { type: 'arrive' }>, now: number): Decision {
  const t = state.tickets.get(cmd.ticketId);
  if (!t) return reject(ErrorCode.UnknownTicket, `There is no ticket "${cmd.ticketId}".`);
  if (!t.remote) return reject(ErrorCode.InvalidTransition, `Ticket ${t.number} was taken in the hall: it needs no check-in.`);
  if (t.remote.arrivedAt !== null) return { ok: true, facts: [] };
  if (t.status !== 'waiting') {
    return reject(
      ErrorCode.InvalidTransition,
      t.status === 'no_show'
        ? `Ticket ${t.number} was not checked in in time after its turn came: ask at the information desk, or take a new ticket at the kiosk.`
        : `Ticket ${t.number} is no longer waiting (${t.status.replace('_', '-')}).`,
    );
  }
  return { ok: true, facts: [{ type: 'ticket:arrived', ticket: { ...t, remote: { ...t.remote, arrivedAt: now } }, counter: null, via: cmd.via }] };
}

/**
 * V4 and V5, looked at every few seconds: every free open counter would call now, so the away
 * tickets it would pass over are held; a held ticket whose visitor has not come `graceMin` after
 * its turn came becomes a no-show (staff may still put it back, N1).
 */
export function sweepRemote(state: EngineState, now: number): Decision {
  const facts: FactBody[] = [];
  const held = new Set<string>();
  for (const c of state.counters.values()) {
    if (c.status !== 'open' || c.currentTicketId !== null) continue;
    for (const t of passOver(state, c, now).held) {
      if (held.has(t.id)) continue;
      held.add(t.id);
      facts.push(heldFact(t, now));
    }
  }
  const grace = state.config.center.remote.graceMin * MINUTE;
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (!t || !isAway(t) || t.remote!.heldAt === null || now - t.remote!.heldAt < grace) continue;
    facts.push({ type: 'ticket:no-show', ticket: { ...t, status: 'no_show', finishedAt: now }, counter: null, reason: 'not-arrived' });
  }
  return { ok: true, facts };
}
