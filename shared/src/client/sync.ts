/**
 * A hall connection that never needs F5: snapshot on connect, facts in sequence order, a gap
 * (a missed seq) filled with `sync:since`, a periodic check for silently lost facts, and
 * Socket.IO's own reconnection with backoff underneath.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Fact, ServerToClientEvents, SyncResult } from '../events.js';
import { applyFact, fromSnapshot, type HallState } from './hall.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized';

export interface HallConnectionOptions {
  token: string;
  /** Server URL; default: the page's origin. */
  url?: string;
  onState: (state: HallState) => void;
  onStatus: (status: ConnectionStatus) => void;
  /** Every fact once, in order, as it is applied (live or caught up). */
  onFact?: (fact: Fact, state: HallState) => void;
  /** How often to ask the server whether anything was missed, ms. */
  checkEveryMs?: number;
  now?: () => number;
}

export interface HallConnection {
  socket: ClientSocket;
  close(): void;
}

export function connectHall(opts: HallConnectionOptions): HallConnection {
  const now = opts.now ?? Date.now;
  const socket: ClientSocket = io(opts.url ?? '', {
    auth: { token: opts.token },
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 10_000,
  });
  let state: HallState | null = null;
  let syncing = false;
  /** The connection dropped: the next snapshot is the one every connection starts with. */
  let returning = false;
  const pending: Fact[] = [];

  const publish = () => state && opts.onState(state);

  const apply = (facts: Fact[]) => {
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
      catchUp(res.data);
    });
  };

  const catchUp = (res: SyncResult) => {
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
    state = fromSnapshot(snap, now());
    pending.length = 0;
    opts.onStatus('live');
    publish();
  });
  socket.on('fact', (fact) => {
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
