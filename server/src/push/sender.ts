/**
 * What the phone is told with its page closed (issue 14): after every batch of facts, the tickets
 * of that center that some phone subscribed for are looked at, and each alert goes out once per
 * subscription (PushStore.claim). Sending is asynchronous and never holds a command up: facts are
 * committed and answered first, and a push service that is slow or down only delays its own alert.
 *
 * Kinds: `near` the first time the ticket is within the center's alert (shared/src/near.ts),
 * `called` and `recalled` at each call (keyed by calledAt), `held` when a remote ticket's turn came
 * while away (V4), `no-show`, `rate` once it is done, and whatever another part asks for through
 * notify() (`answered`: a complaint answered).
 */
import { createHash } from 'node:crypto';
import { isNear, localTime, type Fact, type PushPayload, type PushSubscriptionBody, type Ticket } from '@qms/shared';
import type { Logger } from 'pino';
import type { Hub } from '../center/hub.js';
import { findTicket } from '../center/public-ticket.js';
import type { Clock, CenterRuntime } from '../center/runtime.js';
import { deliver, serviceOf, type SendOptions } from './deliver.js';
import { vapidSubject, type VapidKeys } from './keys.js';
import type { PushRow, PushStore } from './store.js';

type Kind = PushPayload['kind'];

/** How long a push service keeps each kind for a phone that is off (s), and how urgently it delivers it. */
const DELIVERY: Record<Kind, { ttlSec: number; urgency: SendOptions['urgency'] }> = {
  near: { ttlSec: 15 * 60, urgency: 'normal' },
  called: { ttlSec: 10 * 60, urgency: 'high' },
  recalled: { ttlSec: 10 * 60, urgency: 'high' },
  held: { ttlSec: 30 * 60, urgency: 'high' },
  'no-show': { ttlSec: 60 * 60, urgency: 'normal' },
  answered: { ttlSec: 24 * 60 * 60, urgency: 'normal' },
  rate: { ttlSec: 12 * 60 * 60, urgency: 'low' },
};

export interface PushSenderDeps {
  hub: Hub;
  store: PushStore;
  keys: VapidKeys;
  /** QMS_VAPID_SUBJECT; unset: each center's public https address, else a placeholder (keys.ts). */
  subject: string | undefined;
  clock: Clock;
  /** Alerts wait until the facts behind them are on the disk, as answers and broadcasts do. */
  settled: () => Promise<void>;
  log: Logger;
}

/** The alerts a ticket's open page is showing now: a phone subscribing from it is not pushed them again. */
export function alertsShowing(rt: CenterRuntime, t: Ticket): string[] {
  const keys: string[] = [];
  if (t.status === 'waiting' && isNear(rt.eta(t.id), alertOf(rt))) keys.push('near');
  if (t.status === 'called' && t.calledAt !== null) keys.push(`called:${t.calledAt}`);
  if (t.remote?.heldAt != null && t.remote.arrivedAt === null) keys.push(`held:${t.remote.heldAt}`);
  return keys;
}

const alertOf = (rt: CenterRuntime) => ({ people: rt.config.center.remote.alertPeople, minutes: rt.config.center.remote.alertMinutes });

export class PushSender {
  private readonly inflight = new Set<Promise<void>>();
  /** Tickets whose every subscription has had `near`: not looked at again after each batch. */
  private readonly nearDone = new Set<string>();
  private readonly abort = new AbortController();
  private closed = false;
  private readonly stopListening: () => void;

  constructor(private readonly deps: PushSenderDeps) {
    this.stopListening = deps.hub.subscribe((facts, rt) => this.onFacts(facts, rt));
  }

  get publicKey(): string {
    return this.deps.keys.publicKey;
  }

  /**
   * Store a phone's subscription for a ticket that is not over. What its page shows now (alertsShowing)
   * counts as told. Returns how many subscriptions the ticket has.
   */
  subscribe(rt: CenterRuntime, t: Ticket, sub: PushSubscriptionBody): number {
    this.nearDone.delete(t.id);
    return this.deps.store.add(rt.centerId, t.id, sub, alertsShowing(rt, t), this.deps.clock());
  }

  unsubscribe(ticketId: string, endpoint: string): boolean {
    return this.deps.store.remove(ticketId, endpoint);
  }

  /**
   * Push `kind` to the ticket's phones, once per `key` (default: the kind). For the parts that own
   * an event the sender does not follow (a complaint's answer). False: nobody subscribed for it.
   */
  notify(ticketId: string, kind: Kind, key: string = kind): boolean {
    if (this.closed || !this.deps.store.forTicket(ticketId).length) return false;
    const found = findTicket(this.deps.hub, ticketId);
    if (!found) return false;
    this.queue(found.rt, found.ticket, kind, key);
    return true;
  }

  /** `near` for the center's subscribed waiting tickets; after each batch of facts, and on a timer as time passes. */
  checkNear(rt: CenterRuntime): void {
    const alert = alertOf(rt);
    for (const id of this.deps.store.tickets(rt.centerId)) {
      const t = rt.state.tickets.get(id);
      if (this.nearDone.has(id) || t?.status !== 'waiting' || !isNear(rt.eta(id), alert)) continue;
      this.nearDone.add(id);
      this.queue(rt, t, 'near', 'near');
    }
  }

  /** Every center: `near` as waits shrink with time alone, and subscriptions of days that are over dropped. */
  tick(): void {
    if (this.closed) return;
    for (const id of this.deps.hub.ids()) {
      const rt = this.deps.hub.get(id);
      const dropped = this.deps.store.sweep(id, localTime(this.deps.clock(), rt.config.center.timezone).day);
      if (dropped > 0) this.deps.log.info({ centerId: id, dropped }, 'push subscriptions of past days dropped');
      this.checkNear(rt);
    }
    for (const id of this.nearDone) if (!this.deps.store.has(id)) this.nearDone.delete(id);
  }

  /** Resolves once every alert decided so far has been sent and answered (tests; a clean stop). */
  async idle(): Promise<void> {
    await this.deps.settled();
    // The alerts queued behind that settle run first; then the requests they started.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Stop listening, cancel the requests under way and wait for them. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopListening();
    this.abort.abort();
    await Promise.allSettled([...this.inflight]);
  }

  private onFacts(facts: Fact[], rt: CenterRuntime): void {
    const subscribed = this.deps.store.tickets(rt.centerId);
    if (subscribed.size === 0) return;
    for (const f of facts) {
      if (!('ticket' in f) || !subscribed.has(f.ticket.id)) continue;
      const t = f.ticket;
      if (f.type === 'ticket:called') this.queue(rt, t, 'called', `called:${t.calledAt}`);
      else if (f.type === 'ticket:recalled') this.queue(rt, t, 'recalled', `recalled:${t.calledAt}`);
      else if (f.type === 'ticket:held') this.queue(rt, t, 'held', `held:${t.remote?.heldAt ?? f.at}`);
      else if (f.type === 'ticket:no-show') this.queue(rt, t, 'no-show', `no-show:${t.finishedAt ?? f.at}`);
      // A completion that sends the visitor back to another service (T4) is not the end of the visit.
      else if (f.type === 'ticket:completed' && rt.state.tickets.get(t.id)?.status === 'done') this.queue(rt, t, 'rate', 'rate');
      else if (f.type === 'ticket:cancelled') this.afterSettled(() => this.deps.store.removeTicket(t.id));
    }
    this.checkNear(rt);
  }

  /** The payload as of now (the ticket's counter, place and wait); claimed and sent once the facts are on the disk. */
  private queue(rt: CenterRuntime, t: Ticket, kind: Kind, key: string): void {
    const eta = t.status === 'waiting' ? rt.eta(t.id) : null;
    const language = t.language ?? rt.config.center.defaultLanguage;
    const payload: PushPayload = {
      kind,
      ticketId: t.id,
      number: t.number,
      counterNumber: t.counterId ? (rt.state.counters.get(t.counterId)?.number ?? null) : null,
      position: eta?.position ?? null,
      etaMin: eta?.etaMin === undefined || eta.etaMin === null ? null : Math.round(eta.etaMin),
      language,
      // Relative: the service worker opens it on the origin the phone subscribed from.
      url: `/kiosk/t/${encodeURIComponent(t.id)}?lang=${encodeURIComponent(language)}`,
    };
    const subject = vapidSubject(this.deps.subject, rt.config.center.publicUrl);
    this.afterSettled(() => {
      for (const row of this.deps.store.claim(t.id, key)) this.send(row, payload, subject, t.number);
    });
  }

  private afterSettled(run: () => void): void {
    void this.deps.settled().then(
      () => {
        if (!this.closed) run();
      },
      (err: unknown) => this.deps.log.warn({ err }, 'push alerts skipped: the facts behind them could not be saved'),
    );
  }

  private send(row: PushRow, payload: PushPayload, subject: string, number: string): void {
    const { ttlSec, urgency } = DELIVERY[payload.kind];
    const options: SendOptions = { vapid: { ...this.deps.keys, subject }, ttlSec, urgency, topic: topicOf(row.ticketId) };
    const p = deliver(row, payload, options, this.abort.signal).then((d) => {
      if (d.ok || this.closed) return;
      // The endpoint's path is the subscription's secret: only the push service's origin is logged.
      const where = { service: serviceOf(row.endpoint), status: d.status, kind: payload.kind, centerId: row.centerId, number };
      if (d.gone) {
        this.deps.store.remove(row.ticketId, row.endpoint);
        this.deps.log.info(where, 'push subscription expired at its push service; dropped');
      } else this.deps.log.warn({ ...where, error: d.error }, 'push alert not delivered');
    }).catch((err: unknown) => this.deps.log.error({ err }, 'push subscription could not be dropped'));
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }
}

/** One topic per ticket (RFC 8030 §5.4: at most 32 base64url characters): a newer alert replaces one still undelivered. */
function topicOf(ticketId: string): string {
  return createHash('sha256').update(ticketId).digest('base64url').slice(0, 32);
}
