/**
 * Webhooks (issue 14, docs/webhooks.md): what app.ts builds and other features call.
 *
 * For other features: `webhooks.enqueue(centerId, event, data, phone?)` publishes an event that
 * is not a queue fact (appointment.booked / .cancelled / .checked-in, rating.given,
 * complaint.answered). Call it synchronously inside the same SQLite transaction as the change it
 * reports (or right after it in the same turn, while the group commit's batch is open), so the
 * delivery is written with the change or not at all. `data` is flat JSON about the change, with
 * nothing that identifies a person; `phone` (a visitor's number, if one was given) is added as
 * `data.phone` only for webhooks that asked for it. Queue facts need nothing: the outbox hears
 * them from the hub.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCode, type DeliveryStatus, type DeliveryView, type WebhookEvent, type WebhookInput, type WebhookView } from '@qms/shared';
import type { Logger } from 'pino';
import type { Hub } from '../center/hub.js';
import { AppError } from '../http/errors.js';
import type { Db } from '../storage/db.js';
import type { LiveStore } from '../storage/live-store.js';
import { DEFAULT_DISPATCH, Dispatcher, type DispatcherOptions } from './dispatcher.js';
import { Outbox } from './outbox.js';
import { newSecret, secretHint } from './signature.js';
import { WebhookStore, type WebhookRow } from './store.js';

/** Enough for a CRM, a gateway and a portal with room to spare; a runaway script stops here. */
export const MAX_WEBHOOKS = 20;

export interface WebhooksDeps {
  db: Db;
  hub: Hub;
  live: LiveStore;
  clock: () => number;
  settled: () => Promise<void>;
  log: Logger;
  dispatch?: Partial<DispatcherOptions>;
}

const viewOf = (h: WebhookRow, showSecret = false): WebhookView => ({
  id: h.id,
  url: h.url,
  events: h.events,
  description: h.description,
  enabled: h.enabled,
  includePhone: h.includePhone,
  ...(showSecret ? { secret: h.secret } : {}),
  secretHint: secretHint(h.secret),
  createdAt: h.createdAt,
});

export class Webhooks {
  readonly dispatcher: Dispatcher;
  private readonly store: WebhookStore;
  private readonly outbox: Outbox;
  private readonly clock: () => number;
  private readonly unsubscribe: () => void;
  private readonly atomically: (write: () => void) => void;

  constructor(deps: WebhooksDeps) {
    this.clock = deps.clock;
    this.atomically = deps.db.transaction((write: () => void) => write());
    this.store = new WebhookStore(deps.db);
    this.outbox = new Outbox(deps.db, this.store, deps.hub, deps.live, deps.clock, deps.log);
    this.dispatcher = new Dispatcher(this.store, deps.clock, deps.settled, deps.log, { ...DEFAULT_DISPATCH, ...deps.dispatch });
    this.outbox.recover();
    this.unsubscribe = deps.hub.subscribe((facts, rt) => this.outbox.onFacts(facts, rt.centerId));
  }

  /** See the file's header. */
  enqueue(centerId: string, event: WebhookEvent, data: Record<string, unknown>, phone?: string | null): void {
    this.outbox.enqueue(centerId, event, data, phone);
  }

  start(tickMs: number): void {
    this.dispatcher.start(tickMs);
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.dispatcher.stop();
  }

  list(centerId: string): WebhookView[] {
    return this.store.hooks(centerId).map((h) => viewOf(h));
  }

  /** The secret is in the answer, this once. */
  create(centerId: string, input: WebhookInput): WebhookView {
    if (this.store.hooks(centerId).length >= MAX_WEBHOOKS) {
      throw new AppError(ErrorCode.Conflict, `This center has ${MAX_WEBHOOKS} webhooks, the most allowed; remove one you no longer use.`);
    }
    const hook: WebhookRow = {
      id: `wh_${randomBytes(9).toString('base64url')}`,
      centerId,
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      enabled: input.enabled,
      includePhone: input.includePhone,
      secret: newSecret(),
      createdAt: this.clock(),
    };
    this.change(centerId, () => this.store.insertHook(hook));
    return viewOf(hook, true);
  }

  /** Replace what an admin edits; switched off, what it still had to send is given up. */
  update(centerId: string, id: string, input: WebhookInput): WebhookView {
    const old = this.hook(centerId, id);
    const hook: WebhookRow = { ...old, url: input.url, events: [...new Set(input.events)], description: input.description ?? null, enabled: input.enabled, includePhone: input.includePhone };
    this.change(centerId, () => {
      this.store.updateHook(hook);
      if (old.enabled && !hook.enabled) this.store.giveUpPending(id, 'the webhook was disabled before this was delivered');
    });
    return viewOf(hook);
  }

  remove(centerId: string, id: string): void {
    this.hook(centerId, id);
    this.change(centerId, () => this.store.deleteHook(centerId, id));
  }

  /** A new secret, in the answer this once; every delivery sent from now on is signed with it, retries included. */
  rotateSecret(centerId: string, id: string): WebhookView {
    const hook = { ...this.hook(centerId, id), secret: newSecret() };
    this.store.setSecret(centerId, id, hook.secret);
    return viewOf(hook, true);
  }

  test(centerId: string, id: string, by: string | null): DeliveryView {
    const hook = this.hook(centerId, id);
    if (!hook.enabled) throw new AppError(ErrorCode.Conflict, 'This webhook is disabled: enable it to send a test.');
    return this.store.delivery(centerId, this.outbox.enqueueTest(hook, by))!;
  }

  deliveries(centerId: string, id: string, status: DeliveryStatus | null, limit: number): DeliveryView[] {
    this.hook(centerId, id);
    return this.store.deliveries(centerId, id, status, limit);
  }

  /** A failed delivery is tried again now, with the whole schedule of retries ahead of it. */
  retry(centerId: string, deliveryId: number): DeliveryView {
    const d = this.store.delivery(centerId, deliveryId);
    if (!d) throw new AppError(ErrorCode.NotFound, `There is no delivery ${deliveryId} here.`);
    if (d.status !== 'failed') throw new AppError(ErrorCode.Conflict, d.status === 'pending' ? 'This delivery is still being tried.' : 'This delivery was delivered already.');
    if (!this.hook(centerId, d.webhookId).enabled) throw new AppError(ErrorCode.Conflict, 'Its webhook is disabled: enable it first.');
    this.store.retry(centerId, deliveryId, this.clock());
    return this.store.delivery(centerId, deliveryId)!;
  }

  /** Another center's webhook is as unknown as one that never was. */
  private hook(centerId: string, id: string): WebhookRow {
    const hook = this.store.hook(centerId, id);
    if (!hook) throw new AppError(ErrorCode.UnknownWebhook, `There is no webhook "${id}" in this center.`);
    return hook;
  }

  private change(centerId: string, write: () => void): void {
    const had = this.outbox.hasEnabled(centerId);
    try {
      this.atomically(() => {
        write();
        this.outbox.reload(centerId, had);
      });
    } finally {
      // Rolled back or not, the cache is read again from what the database holds.
      this.outbox.reload(centerId, true);
    }
  }
}
