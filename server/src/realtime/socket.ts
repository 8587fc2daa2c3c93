/**
 * Socket.IO transport. Rooms per center and per role; a client gets a snapshot on connect, then
 * facts. Commands are acked with `Response<T>`; facts are broadcast only by the hub, after the
 * commit, so a refused command broadcasts nothing.
 */
import {
  AUDIENCES,
  COUNTER_ACTIONS,
  ErrorCode,
  counterActionBodies,
  issueTicketBody,
  syncSinceBody,
  type ClientToServerEvents,
  type Fact,
  type Snapshot,
  type Response,
  type ServerToClientEvents,
  type Audience,
} from '@qms/shared';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { serviceLoads } from '../engine/index.js';
import { AppError, toErrorBody } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import type { CenterRuntime } from '../center/runtime.js';
import type { Deps } from '../features/deps.js';
import { catchUp } from '../features/queue.js';
import { audienceOf, projectFact, projectSnapshot, projectSync } from './audience.js';

export interface SocketData {
  token: string;
  centerId: string;
}
export type QmsServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type QmsSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** How often a hall's waiting counts go out at most (see loadsAfter). */
const LOADS_EVERY_MS = 100;

export const centerRoom = (centerId: string) => `center:${centerId}`;
/** Each audience has its room and receives its own projection of every fact (audience.ts). */
export const audienceRoom = (centerId: string, audience: Audience) => `center:${centerId}:${audience}`;

const counterIdOnly = z.object({ counterId: z.string().min(1).max(64) });

export function attachSocket(io: QmsServer, deps: Deps): () => void {
  const { hub, auth, commands, settled } = deps;

  io.use((socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    const p = typeof token === 'string' && token.length < 200 ? auth.resolve(token) : undefined;
    if (!p) return next(new Error(ErrorCode.Unauthorized));
    socket.data.token = token as string;
    socket.data.centerId = p.centerId;
    next();
  });

  io.on('connection', (socket: QmsSocket) => {
    const p = auth.resolve(socket.data.token);
    if (!p) return void socket.disconnect(true);
    const audience = audienceOf(p);
    void socket.join([centerRoom(p.centerId), audienceRoom(p.centerId, audience)]);
    // Every connection, a returning one too, starts from a snapshot (once it is on the disk).
    const snapshot = projectSnapshot(hub.get(p.centerId).snapshot(), audience) as Snapshot;
    void settled().then(() => socket.emit('snapshot', snapshot), () => {});

    /** Re-resolve the token on every command: a revoked session stops at once. */
    const handle = <T>(ack: unknown, run: (p: Principal) => T) => {
      if (typeof ack !== 'function') return;
      const reply = ack as (r: Response<T>) => void;
      let data: T;
      try {
        const principal = auth.resolve(socket.data.token);
        if (!principal) throw new AppError(ErrorCode.Unauthorized, 'Your session has ended: log in again.');
        data = run(principal);
      } catch (err) {
        return reply({ ok: false, error: toErrorBody(err) });
      }
      // As over HTTP: answered once what it changed is on the disk.
      settled().then(
        () => reply({ ok: true, data }),
        (err: unknown) => reply({ ok: false, error: toErrorBody(err) }),
      );
    };

    /**
     * Socket.IO passes the ack last, after whatever arguments the client sent: a client that sent
     * only an ack sent no payload, and is answered (BAD_REQUEST) rather than left waiting.
     */
    const command = <T>(event: string, run: (payload: unknown, p: Principal) => T) =>
      (socket as unknown as Socket).on(event, (...args: unknown[]) => {
        const ack = args.at(-1);
        handle(ack, (pr) => run(typeof ack === 'function' && args.length === 1 ? undefined : args[0], pr));
      });

    command('ticket:issue', (payload, pr) => commands.issue(pr, parseInput(issueTicketBody, payload, 'payload')));
    command('sync:since', (payload, pr) => projectSync(catchUp(hub.get(pr.centerId), parseInput(syncSinceBody, payload, 'payload').seq), audienceOf(pr)));
    for (const action of COUNTER_ACTIONS) {
      const schema: z.ZodType<object> = action in counterActionBodies ? counterActionBodies[action as keyof typeof counterActionBodies] : z.object({}).strict();
      command(`counter:${action}`, (payload, pr) => {
        const { counterId } = parseInput(counterIdOnly, payload, 'payload');
        const { counterId: _drop, ...rest } = (payload ?? {}) as Record<string, unknown>;
        return commands.counter(pr, counterId, action, parseInput(schema, rest, 'payload'));
      });
    }
  });

  /** Close the sockets whose token no longer works (logout, re-pairing, a removed device or person). */
  const sweep = async () => {
    for (const s of await io.fetchSockets()) if (!auth.resolve(s.data.token)) s.disconnect(true);
  };
  const stopSweeping = auth.onRevoke(() => void sweep());

  /**
   * Facts go out once they are on the disk (the commit's fsync, storage/group-sync.ts), in the
   * order they were committed; a disk that refuses stops the server, and clients resync from the
   * restarted one. They go out in the turn after the fsync returned, so the people who acted
   * (whose answers were waiting for the same fsync) are answered before a thousand screens are
   * written to, and the commits one fsync covers go out together, followed by the waiting counts.
   */
  const due: { rt: CenterRuntime; facts: Fact[]; snapshot: Snapshot | undefined }[] = [];
  const broadcast = () => {
    const lastOf = new Map<CenterRuntime, Fact>();
    for (const { rt, facts, snapshot } of due.splice(0)) {
      for (const audience of AUDIENCES) {
        const name = audienceRoom(rt.centerId, audience);
        // Nobody of this audience is connected: no projection to build.
        if (!io.sockets.adapter.rooms.get(name)?.size) continue;
        const room = io.to(name);
        for (const fact of facts) room.emit('fact', projectFact(fact, audience) as Fact);
        if (snapshot) room.emit('snapshot', projectSnapshot(snapshot, audience) as Snapshot);
      }
      const last = facts.at(-1);
      if (last) lastOf.set(rt, last);
      if (snapshot) void sweep();
    }
    for (const [rt, last] of lastOf) loadsAfter(rt, last);
  };

  /**
   * The waiting counts by service (kiosk and display estimates) go out after the facts, at most
   * every LOADS_EVERY_MS per hall and always after the last change: a burst of commands costs
   * one count of the queue, not one each, and no screen can tell 100 ms apart.
   */
  const loads = new Map<CenterRuntime, { last: Fact | null; sentAt: number; timer: NodeJS.Timeout | null }>();
  const sendLoads = (rt: CenterRuntime) => {
    const l = loads.get(rt);
    if (!l?.last) return;
    io.to(centerRoom(rt.centerId)).emit('queue:loads', { seq: l.last.seq, loads: serviceLoads(rt.state, l.last.at) });
    l.last = null;
    l.sentAt = performance.now();
  };
  const loadsAfter = (rt: CenterRuntime, last: Fact) => {
    const l = loads.get(rt) ?? loads.set(rt, { last: null, sentAt: -Infinity, timer: null }).get(rt)!;
    l.last = last;
    if (l.timer) return;
    const wait = l.sentAt + LOADS_EVERY_MS - performance.now();
    if (wait <= 0) return sendLoads(rt);
    l.timer = setTimeout(() => {
      l.timer = null;
      sendLoads(rt);
    }, wait);
  };
  const stopBroadcasting = hub.subscribe((facts, rt) => {
    // Facts do not carry configuration: everyone gets a fresh snapshot at the new sequence number.
    const snapshot = facts.some((f) => f.type === 'config:changed') ? rt.snapshot() : undefined;
    settled().then(() => {
      if (due.push({ rt, facts, snapshot }) === 1) setImmediate(broadcast);
    }, () => {});
  });

  return () => {
    stopSweeping();
    stopBroadcasting();
    for (const l of loads.values()) if (l.timer) clearTimeout(l.timer);
  };
}
