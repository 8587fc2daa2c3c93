/**
 * Counter commands over the socket with an ack and a timeout (STYLE 2), and the supervisor's
 * REST-only change of a counter's services. One command at a time: `busy` guards double calls.
 */
import type { AppErrorBody, CommandResult, CounterAction, CounterActionPayload, CounterService, Response } from '@qms/shared';
import { api } from '@qms/shared/client';
import { getSocket } from './socket';
import { store } from './store';

export const COMMAND_TIMEOUT_MS = 8000;

type Emit = (event: string, payload: object, ack: (err: Error | null, res: Response<CommandResult>) => void) => void;

const fail = (code: AppErrorBody['code'], message: string): Response<CommandResult> => ({ ok: false, error: { code, message } });

export function sendCounterCommand<A extends CounterAction>(action: A, counterId: string, payload: CounterActionPayload<A>): Promise<Response<CommandResult>> {
  const socket = getSocket();
  // Never queue a command while offline: a "call next" sent minutes later would surprise everyone.
  if (!socket?.connected) return Promise.resolve(fail('UNAVAILABLE', 'Not connected to the server; the command was not sent.'));
  return new Promise((resolve) => {
    const timed = socket.timeout(COMMAND_TIMEOUT_MS) as unknown as { emit: Emit };
    timed.emit(`counter:${action}`, { counterId, ...payload }, (err, res) =>
      resolve(err ? fail('UNAVAILABLE', `No answer from the server within ${COMMAND_TIMEOUT_MS / 1000} s; check the counter's state before repeating.`) : res),
    );
  });
}

/**
 * The sequence number of this window's last answered command. The server answers before it
 * broadcasts, so a fact at or below it that names this user is this window's own doing.
 */
let lastAcked = 0;
export const lastAckedSeq = (): number => lastAcked;

/** Run a counter command for the UI: busy flag, error banner, session bookkeeping, fresh figures. */
export async function runCounterCommand<A extends CounterAction>(action: A, counterId: string, payload: CounterActionPayload<A>): Promise<boolean> {
  const s = store.getState();
  if (s.busy) return false;
  s.setBusy(action);
  const res = await sendCounterCommand(action, counterId, payload);
  const after = store.getState();
  after.setBusy(null);
  if (!res.ok) {
    // Revoked or expired (a new password, an admin removed the person): back to the login.
    if (res.error.code === 'UNAUTHORIZED') after.sessionEnded();
    else after.showError(res.error);
    return false;
  }
  after.showError(null);
  lastAcked = Math.max(lastAcked, res.data.seq);
  if (action === 'claim') after.setCounter(res.data.counter?.id ?? counterId);
  // Closing a counter also ends the session's hold on it (server: releaseHolder).
  if ((action === 'release' || action === 'close') && after.counterId === counterId) after.setCounter(null);
  void after.refreshStats();
  return true;
}

/** Merge a counter into other services, or back (C2). Supervisor and admin only. */
export async function setCounterServices(counterId: string, services: CounterService[], reason: string): Promise<boolean> {
  const s = store.getState();
  if (s.busy) return false;
  s.setBusy('services');
  const res = await api<CommandResult>(`/api/counters/${encodeURIComponent(counterId)}/services`, { token: s.token, method: 'PUT', body: { services, reason } });
  store.getState().setBusy(null);
  if (!res.ok && res.error.code === 'UNAUTHORIZED') store.getState().sessionEnded();
  else store.getState().showError(res.ok ? null : res.error);
  return res.ok;
}
