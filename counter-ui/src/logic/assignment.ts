/** The supervisor's "services of a counter" editor: one row per service the counter may serve. */
import type { Counter, CounterService } from '@qms/shared';
import { servable } from './alerts';

export type ServiceRole = 'off' | 'primary' | 'secondary';

export interface AssignmentRow {
  serviceId: string;
  role: ServiceRole;
  /** The configured plan's role, to show what "restore plan" goes back to. */
  planned: ServiceRole;
}

const roleIn = (list: CounterService[], serviceId: string): ServiceRole => list.find((s) => s.serviceId === serviceId)?.role ?? 'off';

export function assignmentRows(live: CounterService[], plan: Counter | undefined): AssignmentRow[] {
  const ids = [...new Set([...(plan ? servable(plan) : []), ...live.map((s) => s.serviceId)])];
  return ids.map((serviceId) => ({ serviceId, role: roleIn(live, serviceId), planned: plan ? roleIn(plan.services, serviceId) : 'off' }));
}

export function assignmentOf(rows: AssignmentRow[]): CounterService[] {
  return rows.flatMap((r) => (r.role === 'off' ? [] : [{ serviceId: r.serviceId, role: r.role }]));
}

/** Same services with the same roles, in any order. */
export function sameAssignment(a: CounterService[], b: CounterService[]): boolean {
  return a.length === b.length && a.every((s) => roleIn(b, s.serviceId) === s.role);
}
