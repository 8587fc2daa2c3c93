/**
 * What a configuration change may not do to the live day, whichever way it comes (the item API,
 * the admin screens, a whole-file import, the CLI on a stopped server): leave an open ticket
 * without a service or a counter that could ever call it, drop a counter that is open, or leave
 * the center without an admin. Pure: the caller reads the open work and says who acts.
 */
import type { CenterConfig, CounterState, Ticket } from '@qms/shared';
import { servableServices } from '../engine/state.js';

export interface OpenWork {
  /** Tickets waiting, called or being served (any day). */
  tickets: Ticket[];
  counters: CounterState[];
}

export interface Problem {
  path: (string | number)[];
  message: string;
}

const listed = (numbers: string[]) => (numbers.length > 5 ? `${numbers.slice(0, 5).join(', ')} …` : numbers.join(', '));


export function changeProblems(current: CenterConfig | undefined, next: CenterConfig, work: OpenWork, actor?: string): Problem[] {
  const problems: Problem[] = [];
  const services = new Set(next.services.map((s) => s.id));
  const counters = new Set(next.counters.map((c) => c.id));
  const servable = servableServices(next);

  const byService = new Map<string, string[]>();
  for (const t of work.tickets) {
    for (const sid of [t.serviceId, t.returnServiceId]) {
      if (sid && !services.has(sid)) byService.set(sid, [...(byService.get(sid) ?? []), t.number]);
    }
  }
  for (const [sid, numbers] of byService) {
    problems.push({ path: ['services'], message: `Service "${sid}" is left out, but tickets ${listed(numbers)} are still open for it: serve, transfer or cancel them first.` });
  }

  const unreachable = new Map<string, string[]>();
  for (const t of work.tickets) {
    const sid = t.status === 'waiting' && t.targetCounterId === null ? t.serviceId : t.returnServiceId;
    if (sid && services.has(sid) && !servable.has(sid)) unreachable.set(sid, [...(unreachable.get(sid) ?? []), t.number]);
  }
  for (const [sid, numbers] of unreachable) {
    problems.push({ path: ['counters'], message: `No counter would serve or could be switched to service "${sid}", but tickets ${listed(numbers)} wait for it: keep a counter for it.` });
  }

  for (const c of work.counters) {
    if (counters.has(c.id)) continue;
    if (c.status !== 'closed') problems.push({ path: ['counters'], message: `Counter ${c.number} is ${c.status}: close it first.` });
    const waiting = work.tickets.filter((t) => t.targetCounterId === c.id || t.counterId === c.id).map((t) => t.number);
    if (waiting.length) problems.push({ path: ['counters'], message: `Counter ${c.number} is left out, but tickets ${listed(waiting)} were sent to it: serve or transfer them first.` });
  }

  const admins = (cfg: CenterConfig | undefined) => cfg?.staff.filter((s) => s.role === 'admin').length ?? 0;
  if (admins(current) > 0 && admins(next) === 0) problems.push({ path: ['staff'], message: 'The center needs at least one admin.' });
  if (actor) {
    const before = current?.staff.find((s) => s.login === actor);
    const after = next.staff.find((s) => s.login === actor);
    if (before && !after) problems.push({ path: ['staff'], message: 'You cannot remove yourself: ask another admin.' });
    else if (before && after && after.role !== before.role) problems.push({ path: ['staff'], message: 'You cannot change your own role: ask another admin.' });
  }
  return problems;
}
