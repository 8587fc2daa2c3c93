/**
 * Commands in, facts out (docs/SPEC.md). Pure: the state is read, never written; `now` and the
 * new ticket's id come from the caller. A refused command returns an error and no facts.
 */
import {
  ErrorCode,
  MINUTE,
  assertNever,
  closedDayOn,
  isOpenAt,
  localTime,
  nextOpening,
  scheduleOf,
  type CounterState,
  type FactBody,
  type Ticket,
} from '@qms/shared';
import { arrive, heldFact, passOver, refuseRemote, remoteRefusal, sweepRemote } from './remote.js';
import { counterQueue, issuedTicket } from './state.js';
import { reject, type Command, type Decision, type EngineState } from './types.js';

export function formatNumber(prefix: string, seqNo: number): string {
  return `${prefix}${String(seqNo).padStart(3, '0')}`;
}

const ok = (...facts: FactBody[]): Decision => ({ ok: true, facts });

/** "Service "passport" is closed on 2026-01-01 (New Year): it opens again on 2026-01-02 at 08:00." */
function closedDayMessage(serviceId: string, day: string, reason: string | undefined, opens: number | null, timeZone: string): string {
  const next = opens === null ? null : localTime(opens, timeZone);
  const at = next && `${String(Math.floor(next.minute / 60)).padStart(2, '0')}:${String(next.minute % 60).padStart(2, '0')}`;
  return `Service "${serviceId}" is closed on ${day}${reason ? ` (${reason})` : ''}: ${next ? `it opens again on ${next.day} at ${at}.` : 'no opening is planned.'}`;
}

export function decide(state: EngineState, cmd: Command, now: number): Decision {
  switch (cmd.type) {
    case 'issue':
      return issue(state, cmd, now);
    case 'reactivate':
    case 'cancel':
      return ticketCommand(state, cmd, now);
    case 'set-services':
      return setServices(state, cmd, now);
    case 'end-days-before':
      return endDaysBefore(state, cmd, now);
    case 'arrive':
      return arrive(state, cmd, now);
    case 'remote-sweep':
      return sweepRemote(state, now);
    case 'open':
    case 'call-next':
    case 'recall':
    case 'start':
    case 'complete':
    case 'no-show':
    case 'transfer':
    case 'pause':
    case 'resume':
    case 'close':
      return counterCommand(state, cmd, now);
    default:
      return assertNever(cmd);
  }
}

function issue(state: EngineState, cmd: Extract<Command, { type: 'issue' }>, now: number): Decision {
  const { center } = state.config;
  // I4: a retried request (its answer was lost) issues nothing new; the caller returns the first ticket.
  if (cmd.clientRef && state.clientRefs.has(cmd.clientRef)) return ok();
  const service = state.services.get(cmd.serviceId);
  if (!service) return reject(ErrorCode.UnknownService, `There is no service "${cmd.serviceId}".`);
  // I5: a ticket no counter would ever call is not issued.
  if (!state.servable.has(service.id)) return reject(ErrorCode.ServiceClosed, `No counter serves "${service.id}" yet: no ticket can be issued for it.`);
  if (cmd.appointmentAt !== undefined && cmd.lane !== 'booked') return reject(ErrorCode.BadRequest, 'Only a booked-lane ticket carries an appointment time.');
  if (cmd.remote) {
    // V1: the normal lane only (a priority category is shown at the kiosk, a booking checked in there).
    if (cmd.lane !== 'normal') return reject(ErrorCode.BadRequest, 'A remote ticket is in the normal lane.');
    const refused = remoteRefusal(state, service, now);
    if (refused) return refuseRemote(refused, service);
  }
  if (cmd.lane === 'priority') {
    if (!cmd.categoryId) return reject(ErrorCode.BadRequest, 'A priority-lane ticket needs a priority category.');
    if (!state.config.priorityCategories.some((c) => c.id === cmd.categoryId)) {
      return reject(ErrorCode.UnknownCategory, `There is no priority category "${cmd.categoryId}".`);
    }
  }
  const day = localTime(now, center.timezone).day;
  const schedule = scheduleOf(center, service);
  // I6: a holiday or a one-off closure, named with its reason and the next opening.
  const closed = closedDayOn(schedule, day);
  if (closed) return reject(ErrorCode.ServiceClosed, closedDayMessage(service.id, day, closed.reason, nextOpening(schedule, now, center.timezone), center.timezone));
  if (!isOpenAt(schedule, now, center.timezone)) {
    return reject(ErrorCode.ServiceClosed, `Service "${cmd.serviceId}" is not taking tickets at this hour.`);
  }
  const today = day === state.numberingDay;
  const issued = today ? (state.issuedToday.get(service.id) ?? 0) : 0;
  if (service.dailyCap !== undefined && issued >= service.dailyCap) {
    return reject(ErrorCode.DailyCapReached, `Service "${service.id}" has issued its ${service.dailyCap} tickets for today.`);
  }
  if (state.tickets.has(cmd.ticketId)) return reject(ErrorCode.Conflict, 'Ticket id already in use.');
  // I2: the day's next number, skipping any an open ticket still shows (an earlier day's A001 at
  // a counter after midnight, or transferred and waiting): the hall never shows two A001.
  let seqNo = (today ? (state.lastSeqNo.get(service.id) ?? 0) : 0) + 1;
  while (state.openNumbers.has(formatNumber(service.prefix, seqNo))) seqNo += 1;
  const ticket: Ticket = {
    ...issuedTicket(
      {
        id: cmd.ticketId,
        centerId: state.centerId,
        day,
        serviceId: service.id,
        seqNo,
        number: formatNumber(service.prefix, seqNo),
        lane: cmd.lane,
        categoryId: cmd.lane === 'priority' ? (cmd.categoryId ?? null) : null,
        language: cmd.language ?? null,
        clientRef: cmd.clientRef ?? null,
      },
      now,
    ),
    ...(cmd.appointmentAt !== undefined ? { appointmentAt: cmd.appointmentAt } : {}),
    ...(cmd.remote ? { remote: { code: cmd.remote.code, arrivedAt: null, heldAt: null } } : {}),
  };
  return ok({ type: 'ticket:issued', ticket, counter: null });
}

function ticketCommand(state: EngineState, cmd: Extract<Command, { type: 'reactivate' | 'cancel' }>, now: number): Decision {
  const t = state.tickets.get(cmd.ticketId);
  if (!t) return reject(ErrorCode.UnknownTicket, `There is no ticket "${cmd.ticketId}".`);
  if (cmd.type === 'cancel') {
    if (t.status !== 'waiting') return reject(ErrorCode.InvalidTransition, `Ticket ${t.number} is ${t.status}; only a waiting ticket can be cancelled.`);
    return ok({ type: 'ticket:cancelled', ticket: { ...t, status: 'cancelled', finishedAt: now }, counter: null, reason: 'cancelled' });
  }
  if (t.status !== 'no_show') return reject(ErrorCode.InvalidTransition, `Ticket ${t.number} is ${t.status}, not a no-show.`);
  const limit = state.config.center.policy.noShowReactivateMin * MINUTE;
  if (now - (t.finishedAt ?? 0) > limit) {
    return reject(ErrorCode.ReactivationExpired, `Ticket ${t.number} was marked a no-show more than ${state.config.center.policy.noShowReactivateMin} minutes ago.`);
  }
  // I2: an earlier day's no-show whose number a new ticket shows now cannot come back under it.
  if (state.openNumbers.has(t.number)) {
    return reject(ErrorCode.ReactivationExpired, `Number ${t.number} has been issued again since; give the visitor a new ticket.`);
  }
  const ticket: Ticket = { ...t, status: 'waiting', counterId: null, calledAt: null, startedAt: null, finishedAt: null, recalls: 0 };
  return ok({ type: 'ticket:reactivated', ticket, counter: null });
}

function endDaysBefore(state: EngineState, cmd: Extract<Command, { type: 'end-days-before' }>, now: number): Decision {
  const facts: FactBody[] = [];
  const keep = new Set(cmd.keep);
  for (const id of state.waiting) {
    const t = state.tickets.get(id);
    if (t && t.day < cmd.day && !keep.has(id)) facts.push({ type: 'ticket:cancelled', ticket: { ...t, status: 'cancelled', finishedAt: now }, counter: null, reason: 'day-ended' });
  }
  return ok(...facts);
}

function setServices(state: EngineState, cmd: Extract<Command, { type: 'set-services' }>, now: number): Decision {
  const counter = state.counters.get(cmd.counterId);
  const plan = state.config.counters.find((c) => c.id === cmd.counterId);
  if (!counter || !plan) return reject(ErrorCode.UnknownCounter, `There is no counter "${cmd.counterId}".`);
  const allowed = new Set([...(plan.canServe ?? []), ...plan.services.map((s) => s.serviceId)]);
  const seen = new Set<string>();
  for (const s of cmd.services) {
    if (!state.services.has(s.serviceId)) return reject(ErrorCode.UnknownService, `There is no service "${s.serviceId}".`);
    if (!allowed.has(s.serviceId)) {
      return reject(ErrorCode.NotQualified, `Counter ${counter.number} is not trained for service "${s.serviceId}" (canServe).`);
    }
    if (seen.has(s.serviceId)) return reject(ErrorCode.BadRequest, `Service "${s.serviceId}" is listed twice.`);
    seen.add(s.serviceId);
  }
  const next: CounterState = { ...counter, services: cmd.services.map((s) => ({ ...s })), changedAt: now };
  return ok({ type: 'counter:services-changed', counter: next, previous: counter.services, reason: cmd.reason, ...(cmd.why ? { why: cmd.why } : {}) });
}

type CounterCommand = Extract<Command, { counterId: string }>;

function counterCommand(state: EngineState, cmd: Exclude<CounterCommand, { type: 'set-services' }>, now: number): Decision {
  const c = state.counters.get(cmd.counterId);
  if (!c) return reject(ErrorCode.UnknownCounter, `There is no counter "${cmd.counterId}".`);
  const current = c.currentTicketId ? state.tickets.get(c.currentTicketId) : undefined;
  const busy = () => reject(ErrorCode.CounterBusy, `Counter ${c.number} holds ticket ${current?.number ?? ''}; complete it, transfer it or mark a no-show first.`);
  const idle = () => reject(ErrorCode.CounterIdle, `Counter ${c.number} holds no ticket.`);
  const notOpen = () =>
    c.status === 'paused'
      ? reject(ErrorCode.CounterPaused, `Counter ${c.number} is paused (${c.pauseReason ?? c.pauseReasonId ?? ''}); resume it first.`)
      : reject(ErrorCode.CounterClosed, `Counter ${c.number} is closed.`);
  const counterAt = (patch: Partial<CounterState>): CounterState => ({ ...c, ...patch, changedAt: now });
  const freed = counterAt({ currentTicketId: null });

  switch (cmd.type) {
    case 'open':
      if (c.status !== 'closed') {
        if (c.staffLogin === cmd.staffLogin) return ok();
        if (cmd.takeover) return ok({ type: 'counter:opened', counter: counterAt({ staffLogin: cmd.staffLogin }) });
        return reject(ErrorCode.CounterHeld, `Counter ${c.number} is held by ${c.staffLogin ?? 'someone else'}.`);
      }
      return ok({ type: 'counter:opened', counter: counterAt({ status: 'open', staffLogin: cmd.staffLogin, pauseReason: null, pauseReasonId: null }) });
    case 'pause':
      if (c.status !== 'open') return c.status === 'paused' ? reject(ErrorCode.InvalidTransition, `Counter ${c.number} is already paused.`) : notOpen();
      if (current) return busy();
      return ok({ type: 'counter:paused', counter: counterAt({ status: 'paused', pauseReason: cmd.reasonId ? null : cmd.reason, pauseReasonId: cmd.reasonId ?? null }) });
    case 'resume':
      if (c.status !== 'paused') return reject(ErrorCode.InvalidTransition, `Counter ${c.number} is ${c.status}, not paused.`);
      return ok({ type: 'counter:resumed', counter: counterAt({ status: 'open', pauseReason: null, pauseReasonId: null }) });
    case 'close': {
      if (c.status === 'closed') return reject(ErrorCode.InvalidTransition, `Counter ${c.number} is already closed.`);
      if (current) return busy();
      const closed: FactBody = { type: 'counter:closed', counter: counterAt({ status: 'closed', staffLogin: null, pauseReason: null, pauseReasonId: null, priorityStreak: 0 }) };
      // T6: visitors sent to this counter go back to their service's queue, keeping their place.
      const sentHere = [...(state.queues.get(counterQueue(c.id)) ?? [])].flatMap((id) => state.tickets.get(id) ?? []);
      return ok(closed, ...sentHere.map((t): FactBody => ({ type: 'ticket:requeued', ticket: { ...t, targetCounterId: null }, counter: null, fromCounterId: c.id })));
    }
    case 'call-next': {
      if (c.status !== 'open') return notOpen();
      if (current) return busy();
      // T5: an operator retrained after taking the counter calls only what they are trained for.
      const only = cmd.only && new Set(cmd.only);
      // V3/V4: remote visitors not yet here are passed over, keeping their place; those whose turn
      // this is for the first time are held (the remote sweep holds them too when nobody else waits).
      const { pick, held } = passOver(state, only ? { ...c, services: c.services.filter((s) => only.has(s.serviceId)) } : c, now);
      if (!pick) return reject(ErrorCode.QueueEmpty, `Nobody is waiting for counter ${c.number}'s services${only ? ' that you are trained for' : ''}${held.length > 0 ? ' who is in the hall yet' : ''}.`);
      const t = pick.ticket;
      const ticket: Ticket = { ...t, status: 'called', counterId: c.id, calledAt: now, targetCounterId: null, recalls: 0, firstCalledAt: t.firstCalledAt ?? now };
      const streak = t.lane === 'priority' ? c.priorityStreak + 1 : 0;
      return ok(...held.map((h) => heldFact(h, now)), { type: 'ticket:called', ticket, counter: counterAt({ currentTicketId: t.id, priorityStreak: streak }) });
    }
  }

  // The rest act on the ticket the counter holds.
  if (!current) return idle();
  switch (cmd.type) {
    case 'recall': {
      if (current.status !== 'called') return reject(ErrorCode.InvalidTransition, `Ticket ${current.number} is already being served.`);
      if (current.recalls >= state.config.center.policy.recallLimit) {
        return ok({ type: 'ticket:no-show', ticket: { ...current, status: 'no_show', finishedAt: now }, counter: freed, reason: 'recall-limit' });
      }
      return ok({ type: 'ticket:recalled', ticket: { ...current, recalls: current.recalls + 1, calledAt: now }, counter: c });
    }
    case 'start':
      if (current.status !== 'called') return reject(ErrorCode.InvalidTransition, `Ticket ${current.number} is already being served.`);
      return ok({ type: 'ticket:started', ticket: { ...current, status: 'serving', startedAt: now }, counter: c });
    case 'no-show':
      if (current.status !== 'called') return reject(ErrorCode.InvalidTransition, `Ticket ${current.number} is being served; it cannot be a no-show.`);
      return ok({ type: 'ticket:no-show', ticket: { ...current, status: 'no_show', finishedAt: now }, counter: freed, reason: 'marked' });
    case 'complete': {
      const done: Ticket = { ...current, status: 'done', startedAt: current.startedAt ?? current.calledAt, finishedAt: now };
      const facts: FactBody[] = [{ type: 'ticket:completed', ticket: done, counter: freed }];
      if (current.returnServiceId) {
        // T4: back to the first service, with the original place in line.
        const back: Ticket = { ...done, status: 'waiting', serviceId: current.returnServiceId, returnServiceId: null, counterId: null, calledAt: null, startedAt: null, finishedAt: null, recalls: 0 };
        facts.push({ type: 'ticket:returned', ticket: back, counter: null, fromServiceId: current.serviceId });
      }
      return ok(...facts);
    }
    case 'transfer':
      return transfer(state, cmd, c, current, freed);
    default:
      return assertNever(cmd);
  }
}

function transfer(
  state: EngineState,
  cmd: Extract<Command, { type: 'transfer' }>,
  c: CounterState,
  current: Ticket,
  freed: CounterState,
): Decision {
  const toServiceId = cmd.toServiceId ?? current.serviceId;
  if (!state.services.has(toServiceId)) return reject(ErrorCode.UnknownService, `There is no service "${toServiceId}".`);
  const toCounterId = cmd.toCounterId ?? null;
  const target = toCounterId === null ? null : state.counters.get(toCounterId);
  if (toCounterId !== null && !target) return reject(ErrorCode.UnknownCounter, `There is no counter "${toCounterId}".`);
  // I5: never to where nobody will call the visitor.
  if (target?.status === 'closed') return reject(ErrorCode.CounterClosed, `Counter ${target.number} is closed: send the visitor to an open counter or to a service's queue.`);
  if (toCounterId === null && !state.servable.has(toServiceId)) return reject(ErrorCode.ServiceClosed, `No counter serves "${toServiceId}": choose another service or a counter.`);
  if (toCounterId === c.id) return reject(ErrorCode.InvalidTransition, 'A ticket cannot be transferred to the counter that holds it.');
  if (toCounterId === null && toServiceId === current.serviceId) {
    return reject(ErrorCode.InvalidTransition, `Ticket ${current.number} is already in service "${toServiceId}"; choose another service or a counter.`);
  }
  const ticket: Ticket = {
    ...current,
    status: 'waiting',
    serviceId: toServiceId,
    targetCounterId: toCounterId,
    returnServiceId: cmd.returnToService ? current.serviceId : current.returnServiceId,
    counterId: null,
    calledAt: null,
    startedAt: null,
    recalls: 0,
    transfers: current.transfers + 1,
  };
  return ok({
    type: 'ticket:transferred',
    ticket,
    counter: freed,
    fromServiceId: current.serviceId,
    fromCounterId: c.id,
    toServiceId,
    toCounterId,
  });
}
