/**
 * Sends the outbox: due pending deliveries are POSTed, a few at a time, signed; a 2xx marks one
 * delivered, anything else (another status, a refused connection, a timeout) schedules the next
 * try with exponential backoff, until MAX_ATTEMPTS have failed.
 *
 * At least once: a delivery is marked only after its answer, so a server stopped (or killed)
 * while one is in flight sends it again at the next start, with the same `Qms-Delivery` and body
 * `id`; receivers drop repeats by either. Order is not guaranteed: a retried delivery arrives
 * after newer ones. The same row is never in flight twice (this process is the only sender).
 *
 * Any URL an admin registers is called, LAN addresses included: a center's text message gateway
 * often lives on its own network, and only an admin of the center can register one. Redirects
 * are not followed (a 3xx is a failed attempt), so a URL cannot lead the server elsewhere.
 */
import { deadline } from '../ops/deadline.js';
import type { Logger } from 'pino';
import { sign } from './signature.js';
import type { DueDelivery, WebhookStore } from './store.js';

export const MAX_ATTEMPTS = 10;
const DAY = 24 * 3_600_000;
/** Delivered and failed deliveries are kept this long for the log, then swept. */
export const KEEP_MS = 30 * DAY;
const SWEEP_EVERY_MS = 3_600_000;
const MAX_ERROR = 200;

export interface DispatcherOptions {
  /** How long a receiver has to answer, ms (10 s). */
  timeoutMs: number;
  /** The wait before the second attempt, ms; doubles each time (30 s). */
  firstRetryMs: number;
  /** The longest wait between attempts, ms (1 h). */
  maxRetryMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
}

export const DEFAULT_DISPATCH: DispatcherOptions = { timeoutMs: 10_000, firstRetryMs: 30_000, maxRetryMs: 3_600_000, concurrency: 4 };

/**
 * The wait after the `attempts`-th failed attempt: first × 2^(attempts−1), at most `max`, plus up
 * to 10 % so that a receiver coming back is not hit by every retry in the same second. With the
 * defaults the ten attempts span about eight hours.
 */
export function backoffMs(attempts: number, o: Pick<DispatcherOptions, 'firstRetryMs' | 'maxRetryMs'>, random = Math.random): number {
  const base = Math.min(o.maxRetryMs, o.firstRetryMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (1 + 0.1 * random()));
}

export class Dispatcher {
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Aborts whatever is in flight when the server stops. */
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: WebhookStore,
    private readonly clock: () => number,
    /** Resolves once what was committed so far is on the disk: nobody hears of a change a power cut could take back. */
    private readonly settled: () => Promise<void>,
    private readonly log: Logger,
    private readonly opts: DispatcherOptions = DEFAULT_DISPATCH,
  ) {}

  /** Tick every `everyMs` (0: never; tests call tick() themselves). */
  start(everyMs: number): void {
    // A tick that fails (a busy or full disk) is logged and tried again at the next one.
    if (everyMs > 0) this.timer = setInterval(() => void this.tick().catch((err: unknown) => this.log.error({ err }, 'webhooks: a dispatcher tick failed')), everyMs);
  }

  /** Stop ticking and abort what is in flight; those deliveries stay pending for the next start. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await Promise.all(this.inFlight.values());
  }

  /** Send what is due now (up to the free places in flight); resolves when those attempts are over. */
  async tick(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const now = this.clock();
    if (now - this.lastSweep >= SWEEP_EVERY_MS) this.sweep(now);
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const due = this.store.due(now, free + this.inFlight.size).filter((d) => !this.inFlight.has(d.id)).slice(0, free);
    await Promise.all(due.map((d) => this.track(d)));
  }

  /** Forget finished deliveries older than KEEP_MS. */
  sweep(now = this.clock()): number {
    this.lastSweep = now;
    return this.store.sweep(now - KEEP_MS);
  }

  get busy(): number {
    return this.inFlight.size;
  }

  private track(d: DueDelivery): Promise<void> {
    const p = this.attempt(d)
      .catch((err: unknown) => this.log.error({ err, delivery: d.id }, 'webhooks: a delivery attempt could not be recorded'))
      .finally(() => this.inFlight.delete(d.id));
    this.inFlight.set(d.id, p);
    return p;
  }

  private withPhone(d: DueDelivery): string {
    const phone = ticketPhone(this.store, d);
    if (phone === null) return d.body;
    const body = JSON.parse(d.body) as { data: Record<string, unknown> };
    return JSON.stringify({ ...body, data: { ...body.data, phone } });
  }

  private async attempt(d: DueDelivery): Promise<void> {
    let status: number | null = null;
    let error: string;
    // Refused: the batch that wrote this row may have been rolled back. Whatever is still there is tried at the next tick.
    if (!(await this.settled().then(() => true, () => false))) return;
    const body = this.withPhone(d);
    const limit = deadline(this.opts.timeoutMs, this.stopping.signal);
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Qms-Signature': sign(d.secret, body, Math.floor(this.clock() / 1000)),
          'Qms-Event': d.event,
          'Qms-Delivery': String(d.id),
          'User-Agent': 'qms-webhooks/1',
        },
        body,
        redirect: 'manual',
        signal: limit.signal,
      });
      status = res.status;
      // The answer's body is not read, only let go of, so the connection can be reused.
      await res.body?.cancel().catch(() => {});
      if (status >= 200 && status < 300) {
        this.store.markDelivered(d.id, status, this.clock());
        return;
      }
      error = `HTTP ${status}${res.statusText ? ` ${res.statusText}` : ''}`;
    } catch (err) {
      // Stopping: not an attempt of the receiver's making; it stays pending for the next start.
      if (this.stopping.signal.aborted) return;
      error = describe(err, this.opts.timeoutMs);
    } finally {
      limit.done();
    }
    const attempts = d.attempts + 1;
    const next = attempts >= MAX_ATTEMPTS ? null : this.clock() + backoffMs(attempts, this.opts);
    this.store.markFailed(d.id, next, status, error.slice(0, MAX_ERROR));
  }
}

/**
 * A remote ticket's phone number, for a webhook that asked for it, read when the delivery is sent:
 * the outbox never holds it, so once remote_joins erases it (its day over) it is sent no more.
 */
function ticketPhone(store: WebhookStore, d: DueDelivery): string | null {
  if (!d.includePhone || !d.event.startsWith('ticket.') || !d.body.includes('"channel":"remote"')) return null;
  const ticketId = (JSON.parse(d.body) as { data?: { ticketId?: unknown } }).data?.ticketId;
  return typeof ticketId === 'string' ? store.phoneOf(d.centerId, ticketId) : null;
}

/** A network failure in a few words (fetch wraps the system error in `cause`). */
function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = e.cause;
  if (cause?.code) return cause.message?.includes(cause.code) ? cause.message : `${cause.code}${cause.message ? `: ${cause.message}` : ''}`;
  return cause?.message ?? e.message ?? 'request failed';
}
