/**
 * The HTTP server's own limits (issue 10, section 5): every connection ends, and there are never
 * more of them than file descriptors to spare.
 *
 * Node keeps a socket until both sides have closed it. A client that sends half a request, or
 * stops reading, or never closes after an error answer, would hold a descriptor for ever; a few
 * thousand of them exhausted the process (and the WAL fsync failed with EMFILE). So: explicit
 * timeouts for the headers, the request and idle connections; error answers written by this
 * module are followed by a destroy, not only a half-close; and a cap on connections below the
 * descriptor limit, beyond which Node closes a new connection at once.
 */
import { ErrorCode } from '@qms/shared';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, Server as HttpServer, ServerOptions, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export interface ConnectionLimits {
  /** The request line and headers must have arrived within this (Node's default: 60 s). */
  headersTimeoutMs: number;
  /** The whole request, body included (Node's: 300 s); bodies are 1 MB at most. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (Node's: 5 s). */
  keepAliveTimeoutMs: number;
  /** Nothing moving either way for this long (a client that stopped reading an answer): destroyed. Node's: never. */
  idleTimeoutMs: number;
  /** After an error answer written here, how long the client has to read it before the socket is destroyed. */
  closeGraceMs: number;
  /** Open connections at most, HTTP and Socket.IO together; beyond it Node closes new ones at once. 0 = no cap. */
  maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  closeGraceMs: 1_000,
  maxConnections: 0,
};

/** Options that only createServer takes. Node checks the timeouts every 30 s by default: far too coarse for a 20 s limit. */
export function serverOptions(l: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: l.headersTimeoutMs,
    requestTimeout: l.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(5_000, Math.max(25, Math.floor(l.headersTimeoutMs / 4))),
  };
}

/**
 * The default cap on connections: what the descriptor limit leaves after a reserve for the
 * database, the logs and Node itself, and never more than 5,000 (about 400 MB of Socket.IO clients;
 * a center has tens of screens). `limits` is /proc/self/limits (Linux); without it, 1,000.
 */
export function defaultMaxConnections(limits: string | undefined = readProcLimits()): number {
  const soft = limits && /^Max open files\s+(\d+|unlimited)\s/m.exec(limits)?.[1];
  if (!soft) return 1_000;
  const n = soft === 'unlimited' ? Infinity : Number(soft);
  return Math.max(16, Math.min(5_000, Math.floor(n * 0.9) - 64));
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

export interface ConnectionEvents {
  /** accept() failed for want of descriptors (EMFILE, ENFILE). */
  acceptFailed: () => void;
  warn: (obj: object, msg: string) => void;
  /** Socket.IO's path: its upgrades are its own, any other upgrade request is refused here. */
  upgradePath: string;
}

/** An answer in the one error shape, written straight to the socket, then the socket is closed for good. */
function refuse(socket: Duplex, status: number, reason: string, message: string, graceMs: number): void {
  const body = JSON.stringify({ error: { code: status === 404 ? ErrorCode.NotFound : ErrorCode.BadRequest, message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  // end() only half-closes: a client that never reads nor closes would keep the descriptor.
  const timer = setTimeout(() => socket.destroy(), graceMs);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

function clientErrorAnswer(code: string | undefined): [status: number, reason: string, message: string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large', 'The URL or headers are too long (16 KB at most).'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout', 'The request did not arrive in time; send it again.'];
  return [400, 'Bad Request', 'The request is malformed.'];
}

export function guardConnections(http: HttpServer, l: ConnectionLimits, events: ConnectionEvents): void {
  http.keepAliveTimeout = l.keepAliveTimeoutMs;
  http.timeout = l.idleTimeoutMs;
  if (l.maxConnections > 0) http.maxConnections = l.maxConnections;

  // Requests Node refuses before Express sees them (a URL or headers over 16 KB, a malformed request
  // line, headers or a body too slow to arrive) still get the one error shape, so a client can
  // always read what went wrong.
  http.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (!socket.writable || err.code === 'ECONNRESET' || answering) return void socket.destroy();
    refuse(socket, ...clientErrorAnswer(err.code), l.closeGraceMs);
  });

  // An Upgrade request to any other path: engine.io would end() it a second later, unanswered and half-open.
  http.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (req.url?.startsWith(events.upgradePath)) return;
    refuse(socket, 404, 'Not Found', 'Only Socket.IO accepts a protocol upgrade here.', l.closeGraceMs);
  });

  // `Expect:` other than 100-continue: Node's own answer is an empty 417.
  http.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({ error: { code: ErrorCode.BadRequest, message: 'Only "Expect: 100-continue" is supported.' } });
    res.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' }).end(body);
  });

  // Without a listener an accept() error (EMFILE) is thrown and stops the process. Logged at most every 10 s.
  let warnedAt = -Infinity;
  const warnSometimes = (obj: object, msg: string) => {
    if (performance.now() - warnedAt < 10_000) return;
    warnedAt = performance.now();
    events.warn(obj, msg);
  };
  http.on('error', (err: NodeJS.ErrnoException) => {
    // Errors of listen() itself belong to whoever called it.
    if (!http.listening) return;
    if (err.code === 'EMFILE' || err.code === 'ENFILE') events.acceptFailed();
    warnSometimes({ code: err.code }, 'cannot accept connections (out of file descriptors?): refusing changes until it passes');
  });
  http.on('drop', () => warnSometimes({ maxConnections: l.maxConnections }, 'connection limit reached: new connections are closed at once'));
}
