/**
 * How many Socket.IO connections one token and one client address may hold at once (issue 10,
 * section 5). A probe opened 2,000 connections with one display token: all were accepted, the
 * server grew by 220 MB and /api/health took 1–2 s. A display or a kiosk needs one connection
 * (a few while a reloading TV's old one times out), a counter app one per tab; a center's devices
 * behind one address need tens, not thousands.
 *
 * Over a limit the new connection is refused in the handshake (the client's `connect_error`
 * carries a sentence a person can act on, and `data.code`), its transport closed, and the ones
 * already open are untouched; the hall apps retry by themselves with backoff. The address is the
 * one the login rate limit uses (X-Forwarded-For only from loopback, validated).
 *
 * Registered after the authentication middleware (socket.ts), so `socket.data.token` is set.
 */
import { ErrorCode } from '@qms/shared';
import type { Principal } from '../auth/principal.js';
import { clientAddress } from '../http/client-address.js';
import { OVERLOADED, type Overload } from '../http/overload.js';
import type { QmsServer } from './socket.js';

export interface SocketLimits {
  /** Connections at once with one kiosk or display token; 0 = no limit. */
  perDevice: number;
  /** Connections at once with one staff session token; 0 = no limit. */
  perSession: number;
  /** Connections at once from one client address; 0 = no limit. */
  perAddress: number;
}

export const NO_SOCKET_LIMITS: SocketLimits = { perDevice: 0, perSession: 0, perAddress: 0 };

/** How many connections each key holds now (also the phone page's, ticket-socket.ts). */
export class Tally {
  private readonly counts = new Map<string, number>();
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  add(key: string): void {
    this.counts.set(key, this.get(key) + 1);
  }
  remove(key: string): void {
    const n = this.get(key) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}

export type Refusal = Error & { data: { code: ErrorCode } };
export const refusal = (code: ErrorCode, message: string): Refusal => Object.assign(new Error(message), { data: { code } });

function overLimit(p: Principal, limits: SocketLimits, tokenCount: number, addressCount: number): Refusal | undefined {
  if (p.kind === 'device' && limits.perDevice > 0 && tokenCount >= limits.perDevice) {
    return refusal(ErrorCode.RateLimited, `This device is already connected ${tokenCount} times, the most allowed: close it on the other screen or tab. A connection that dropped is let go within a minute.`);
  }
  if (p.kind === 'staff' && limits.perSession > 0 && tokenCount >= limits.perSession) {
    return refusal(ErrorCode.RateLimited, `This login is already open in ${tokenCount} tabs or windows, the most allowed: close one of them.`);
  }
  if (limits.perAddress > 0 && addressCount >= limits.perAddress) {
    return refusal(ErrorCode.RateLimited, `Too many connections from this network address (${limits.perAddress} at most): close some screens or tabs, or ask the administrator to raise QMS_SOCKETS_PER_ADDRESS.`);
  }
  return undefined;
}

export function limitSockets(io: QmsServer, resolve: (token: string) => Principal | undefined, limits: SocketLimits, overload: Overload): void {
  const byToken = new Tally();
  const byAddress = new Tally();

  io.use((socket, next) => {
    const refuse = (err: Refusal) => {
      next(err);
      // The refusal goes out first (Socket.IO sends it on the next tick); a client that would keep the
      // transport open anyway does not keep a descriptor.
      setImmediate(() => socket.conn.close());
    };
    if (overload.active) return refuse(refusal(ErrorCode.Unavailable, OVERLOADED.message));
    const token = socket.data.token;
    const p = resolve(token);
    // Refused (or about to be disconnected) by the authentication itself.
    if (!p) return next();
    const address = clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
    const over = overLimit(p, limits, byToken.get(token), byAddress.get(address));
    if (over) return refuse(over);

    byToken.add(token);
    byAddress.add(address);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      byToken.remove(token);
      byAddress.remove(address);
    };
    // `disconnect` for a socket that connected; the transport's `close` also for one that never did.
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    overload.guardCommands(socket);
    next();
  });
}
