/** Which operator actions are valid right now: the buttons and the shortcuts both ask this. */
import type { CounterState, Ticket } from '@qms/shared';

export const OPERATOR_ACTIONS = ['call-next', 'recall', 'start', 'complete', 'no-show', 'transfer', 'pause', 'resume', 'release', 'logout'] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export interface OperatorContext {
  counter: Pick<CounterState, 'status' | 'currentTicketId'> | undefined;
  ticket: Pick<Ticket, 'status'> | undefined;
  /** Waiting tickets this counter could call. */
  waiting: number;
  /** A command is in flight: nothing else may start (no double call-next). */
  busy: boolean;
  connected: boolean;
}

export type Enabled = Record<OperatorAction, boolean>;

/** Mirrors the engine's transitions (docs/SPEC.md R1, R2, T2, C1) so invalid buttons stay grey. */
export function enabledActions(ctx: OperatorContext): Enabled {
  const { counter, ticket } = ctx;
  const live = ctx.connected && !ctx.busy && counter !== undefined;
  // A ticket id whose ticket has not reached us yet still means "busy" to the server.
  const holding = counter?.currentTicketId != null;
  const called = live && holding && ticket?.status === 'called';
  const serving = live && holding && ticket?.status === 'serving';
  const open = live && counter?.status === 'open';
  return {
    'call-next': open && !holding && ctx.waiting > 0,
    recall: called,
    start: called,
    complete: called || serving,
    'no-show': called,
    transfer: called || serving,
    pause: open && !holding,
    resume: live && counter?.status === 'paused',
    release: live && !holding,
    logout: !ctx.busy,
  };
}
