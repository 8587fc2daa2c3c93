/**
 * Refusing new work while the server is short of file descriptors (issue 10, section 6).
 *
 * A flood of connections can use up the process's descriptors. That is an overload, not a broken
 * disk: the server keeps running and serving reads, says 503 to new changes (before they run, so
 * that nothing half-happens), and takes them again once descriptors are back. Two signs of it:
 * the group commit cannot fsync the WAL (storage/group-sync.ts retries it), or the HTTP server
 * could not accept a connection (EMFILE in accept, reported by http/connections.ts).
 */
import { ErrorCode, type AppErrorBody } from '@qms/shared';
import type { RequestHandler } from 'express';
import type { Socket } from 'socket.io';

/** An accept that failed for want of descriptors counts as "short" for this long after. */
const ACCEPT_QUIET_MS = 2_000;

export const OVERLOADED: AppErrorBody = {
  code: ErrorCode.Unavailable,
  message: 'The server has too many connections open at once and is refusing changes for a moment. Nothing was changed; try again in a few seconds.',
};

/** Reads go on while short: they open nothing and they are what a hall display needs. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The one socket event that changes nothing. */
const SOCKET_READS = new Set(['sync:since']);

export class Overload {
  private acceptFailedAt = -Infinity;

  constructor(
    private readonly storageShort: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The HTTP server could not accept a connection for want of descriptors. */
  acceptFailed(): void {
    this.acceptFailedAt = this.now();
  }

  get active(): boolean {
    return this.storageShort() || this.now() - this.acceptFailedAt < ACCEPT_QUIET_MS;
  }

  /** Express: refuse requests that would change something while short (503, `Retry-After`). */
  refuseChanges(): RequestHandler {
    return (req, res, next) => {
      if (READS.has(req.method) || !this.active) return next();
      res.setHeader('Retry-After', '5');
      res.status(503).json({ error: OVERLOADED });
    };
  }

  /** Socket.IO: answer commands with the same refusal while short (the ack is the packet's last argument). */
  guardCommands(socket: Socket): void {
    socket.use((packet, next) => {
      if (SOCKET_READS.has(String(packet[0])) || !this.active) return next();
      const ack = packet.at(-1);
      if (typeof ack === 'function') (ack as (r: unknown) => void)({ ok: false, error: OVERLOADED });
    });
  }
}
