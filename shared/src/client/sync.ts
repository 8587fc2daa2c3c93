/**
 * A hall connection that never needs F5: snapshot on connect, facts in sequence order, a gap
 * (a missed seq) filled with `sync:since`, a periodic check for silently lost facts, and
 * Socket.IO's own reconnection with backoff underneath.
 */
import { io, type Socket } from 'socket.io-client';
import type { DisplayCounter, DisplayTicket, FactOf } from '../audience.js';
import type { CounterState, Ticket } from '../domain.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../events.js';
import type { Snapshot } from '../snapshot.js';
import { applyFact, fromSnapshot, type HallState } from './hall.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

/**
 * T and C: what this client's audience receives (audience.ts): staff the whole tickets and
 * counters, a display their projection. The socket's event map is the staff one; a device's
 * payloads are read through these narrower types.
 */
export interface HallConnectionOptions<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState> {
  token: string;
  /** Server URL; default: the page's origin. */
  url?: string;
  onState: (state: HallState<T, C>) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Every fact once, in order, as it is applied (live or caught up). */
  onFact?: (fact: FactOf<T, C>, state: HallState<T, C>) => void;
  /** How often to ask the server whether anything was missed, ms. */
  checkEveryMs?: number;
  now?: () => number;
}

export interface HallConnection {
  socket: ClientSocket;
  close(): void;
}

type SyncOf<T extends DisplayTicket, C extends DisplayCounter> = { kind: 'facts'; facts: FactOf<T, C>[] } | { kind: 'snapshot'; snapshot: Snapshot<T, C> };

export function connectHall<T extends DisplayTicket = Ticket, C extends DisplayCounter = CounterState>(opts: HallConnectionOptions<T, C>): HallConnection {
  const now = opts.now ?? Date.now;
  const socket: ClientSocket = io(opts.url ?? '', {
    auth: { token: opts.token },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
  });
  let state: HallState<T, C> | null = null;
  let syncing = false;
  /** The connection dropped: the next snapshot is the one every connection starts with. */
  let returning = false;
  const pending: FactOf<T, C>[] = [];

  const publish = () => state && opts.onState(state);

  const apply = (facts: FactOf<T, C>[]) => {
    for (const f of facts.sort((a, b) => a.seq - b.seq)) {
      if (!state || f.seq <= state.seq) continue;
      if (f.seq !== state.seq + 1) return false;
      state = applyFact(state, f);
      opts.onFact?.(f, state);
    }
    return true;
  };

  const resync = () => {
    if (!state || syncing || !socket.connected) return;
    syncing = true;
    socket.timeout(10_000).emit('sync:since', { seq: state.seq }, (err: Error | null, res) => {
      syncing = false;
      if (!err && !res.ok && res.error.code === 'UNAUTHORIZED') return unauthorized();
      if (err || !res.ok) return; // the next fact or check retries
      catchUp(res.data as unknown as SyncOf<T, C>);
    });
  };

  const catchUp = (res: SyncOf<T, C>) => {
    if (res.kind === 'snapshot') state = fromSnapshot(res.snapshot, now());
    else apply(res.facts);
    const queued = pending.splice(0);
    if (!apply(queued)) resync();
    publish();
  };

  socket.on('snapshot', (snap) => {
    // Back after a dropped connection, with a state of its own: catch up by the facts it missed,
    // so that what happened meanwhile reaches onFact in order (a display announces the calls made
    // while it was cut off). sync:since answers with a snapshot itself when that is needed.
    if (returning && state) {
      returning = false;
      opts.onStatus('live');
      return resync();
    }
    state = fromSnapshot(snap as unknown as Snapshot<T, C>, now());
    pending.length = 0;
    opts.onStatus('live');
    publish();
  });
  socket.on('fact', (staffFact) => {
    const fact = staffFact as unknown as FactOf<T, C>;
    if (!state) return;
    if (syncing) return void pending.push(fact);
    if (apply([fact])) publish();
    else {
      pending.push(fact);
      resync();
    }
  });
  socket.on('queue:loads', ({ seq, loads }) => {
    if (state && seq >= state.seq) {
      state = { ...state, loads };
      publish();
    }
  });
  socket.on('disconnect', (reason) => {
    returning = true;
    opts.onStatus('reconnecting');
    // The server closes a socket whose token was revoked; reconnecting tells us whether it was.
    if (reason === 'io server disconnect') socket.connect();
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  const unauthorized = () => {
    opts.onStatus('unauthorized');
    socket.disconnect();
  };
  socket.on('connect_error', (err) => {
    if (err.message === 'UNAUTHORIZED') return unauthorized();
    opts.onStatus('reconnecting');
    // Socket.IO gives up when a middleware refuses; a TV must keep trying, with backoff.
    if (!socket.active) {
      failures += 1;
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), Math.min(30_000, 1000 * 2 ** Math.min(failures, 5)));
    }
  });
  socket.on('connect', () => {
    failures = 0;
  });
  opts.onStatus('connecting');
  const timer = setInterval(resync, opts.checkEveryMs ?? 30_000);

  return {
    socket,
    close() {
      clearInterval(timer);
      clearTimeout(retry);
      socket.disconnect();
    },
  };
}
