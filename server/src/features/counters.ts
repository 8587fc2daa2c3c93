import { COUNTER_ACTIONS, counterActionBodies, emptyBody, setServicesBody, type CounterAction } from '@qms/shared';
import { route, type RouteDef } from '../http/registry.js';
import type { Deps } from './deps.js';
import { audienceOf, projectCounters } from '../realtime/audience.js';

const SUMMARIES: Record<CounterAction, string> = {
  claim: 'Take the counter for this staff session (opens it)',
  release: 'Give the counter up (closes it; it must hold no ticket)',
  'call-next': 'Call the next ticket by the queue rules (docs/SPEC.md)',
  recall: 'Call the current ticket again (R1)',
  start: 'The visitor arrived: start serving (R2)',
  complete: 'Finish the current ticket (R2, T4)',
  'no-show': 'The called visitor did not come (R2)',
  transfer: 'Send the current ticket to another service and/or counter, keeping its place (T2)',
  pause: 'Pause the counter with a reason (C1)',
  resume: 'Resume a paused counter (C1)',
  close: 'Close the counter (C1)',
};

export function counterRoutes({ hub, commands, auth }: Deps): RouteDef[] {
  return [
    route({
      method: 'get',
      path: '/api/counters',
      tag: 'counters',
      summary: "Every counter with its live state (a display: number, zone, status and services only; a kiosk: none)",
      access: 'device-or-staff',
      handler: ({ principal }) => (principal ? projectCounters([...hub.get(principal.centerId).state.counters.values()], audienceOf(principal)) : null),
    }),
    route({
      method: 'get',
      path: '/api/counters/holders',
      tag: 'counters',
      summary: 'Which counters a live staff session holds, and whose (a counter open in the name of an ended session can be taken over)',
      access: 'staff',
      handler: ({ principal }) => (principal ? auth.holders(principal.centerId) : []),
    }),
    ...COUNTER_ACTIONS.map((action) =>
      route({
        method: 'post',
        path: `/api/counters/:counterId/${action}`,
        tag: 'counters',
        summary: SUMMARIES[action],
        access: 'staff',
        body: action in counterActionBodies ? counterActionBodies[action as keyof typeof counterActionBodies] : emptyBody,
        handler: ({ principal, params, body }) => commands.counter(principal, params.counterId ?? '', action, body as object),
      }),
    ),
    route({
      method: 'put',
      path: '/api/counters/:counterId/services',
      tag: 'counters',
      summary: "Change a counter's live services (merge it into a congested service, or back) (C2)",
      access: 'supervisor',
      body: setServicesBody,
      handler: ({ principal, params, body }) => commands.setServices(principal, params.counterId ?? '', body.services, body.reason),
    }),
  ];
}
