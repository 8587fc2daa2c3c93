/**
 * The durable outbox: every event a webhook should hear of becomes a row of webhook_deliveries
 * before anyone tries to send it, in the same SQLite transaction as the change it reports.
 *
 * Queue facts: the hub's listener runs synchronously after a command's facts are written, inside
 * the group commit's open batch (storage/group-sync.ts), so the deliveries and the facts are
 * committed together or not at all. The center's cursor (webhook_cursors) moves with them, in
 * the same transaction, to the last fact turned into deliveries. Whatever lies beyond it at the
 * next start (facts committed outside a listener, or by a process killed in between) is read
 * back from the event log and enqueued then: nothing is lost and nothing enqueued twice.
 *
 * The cursor only matters while the center has an enabled webhook: without one nothing is
 * written per command (the common case costs a Map lookup), and the first webhook to be enabled
 * starts the cursor at the current fact, so that nobody is flooded with the center's history.
 */
import { randomUUID } from 'node:crypto';
import type { DeliveryEvent, Fact, WebhookBody, WebhookEvent } from '@qms/shared';
import type { Logger } from 'pino';
import type { Hub } from '../center/hub.js';
import type { LiveStore } from '../storage/live-store.js';
import type { Db } from '../storage/db.js';
import { eventOf, ticketData } from './events.js';
import type { WebhookRow, WebhookStore } from './store.js';

/** Facts read back per transaction at start. */
const RECOVERY_PAGE = 500;

export class Outbox {
  /** Enabled webhooks per center, read once and again after every admin change. */
  private readonly enabled = new Map<string, WebhookRow[]>();
  private readonly enqueueFacts: (centerId: string, facts: Fact[]) => void;

  constructor(
    db: Db,
    private readonly store: WebhookStore,
    private readonly hub: Hub,
    private readonly live: LiveStore,
    private readonly clock: () => number,
    private readonly log: Logger,
  ) {
    this.enqueueFacts = db.transaction((centerId: string, facts: Fact[]) => {
      const last = facts.at(-1);
      if (!last) return;
      // Facts the cursor has not reached yet (a listener that failed) come first, from the log.
      const cursor = this.store.cursor(centerId) ?? facts[0]!.seq - 1;
      if (cursor >= last.seq) return;
      const missed = cursor < facts[0]!.seq - 1 ? this.live.factsSince(centerId, cursor, facts[0]!.seq - 1 - cursor) : [];
      for (const fact of [...missed, ...facts]) if (fact.seq > cursor) this.enqueueFact(centerId, fact);
      this.store.setCursor(centerId, last.seq);
    });
  }

  /** At start, for every center: what was committed after the cursor is enqueued now. */
  recover(): void {
    for (const centerId of this.hub.ids()) {
      const seq = this.live.seq(centerId);
      const cursor = this.store.cursor(centerId);
      if (cursor === undefined || this.hooks(centerId).length === 0) {
        // A first start, or a center nobody listens to: its history is nobody's news.
        this.store.setCursor(centerId, seq);
        continue;
      }
      let from = cursor;
      while (from < seq) {
        const page = this.live.factsSince(centerId, from, RECOVERY_PAGE);
        if (page.length === 0) break;
        this.enqueueFacts(centerId, page);
        from = page.at(-1)!.seq;
      }
      if (from > cursor) this.log.info({ centerId, facts: from - cursor }, 'webhooks: enqueued the facts committed after the last start');
    }
  }

  /** The hub's listener: runs right after a command's facts are written. */
  onFacts(facts: Fact[], centerId: string): void {
    if (this.hooks(centerId).length === 0) return;
    try {
      this.enqueueFacts(centerId, facts);
    } catch (err) {
      // The cursor stayed behind: the next command's facts, or the next start, bring these along.
      this.log.error({ err, centerId }, 'webhooks: could not enqueue deliveries');
    }
  }

  /**
   * An event that is not a queue fact (appointments, ratings, complaints), for every enabled
   * webhook of the center that chose it. Call it inside the transaction of the change it reports.
   * `phone` goes only to webhooks with includePhone.
   */
  enqueue(centerId: string, event: WebhookEvent, data: Record<string, unknown>, phone?: string | null): void {
    const hooks = this.hooks(centerId).filter((h) => h.events.includes(event));
    if (hooks.length === 0) return;
    this.insertFor(hooks, centerId, event, `evt_${randomUUID()}`, this.clock(), data, phone ?? null);
  }

  /** Settings' "Send a test": one delivery to this webhook alone, whatever events it chose. */
  enqueueTest(hook: WebhookRow, by: string | null): number {
    const now = this.clock();
    const body: WebhookBody = { id: `evt_${randomUUID()}`, event: 'webhook.test', centerId: hook.centerId, at: now, data: { webhookId: hook.id, sentBy: by, message: 'A test delivery sent from Settings.' } };
    return this.store.insertDelivery(hook.centerId, hook.id, 'webhook.test', JSON.stringify(body), now);
  }

  /**
   * Call with what `hasEnabled` said before an admin change, after it: the first enabled webhook
   * starts the cursor at the current fact.
   */
  reload(centerId: string, hadEnabled: boolean): void {
    this.enabled.delete(centerId);
    if (!hadEnabled && this.hooks(centerId).length > 0) this.store.setCursor(centerId, this.live.seq(centerId));
  }

  hasEnabled(centerId: string): boolean {
    return this.hooks(centerId).length > 0;
  }

  private hooks(centerId: string): WebhookRow[] {
    let hooks = this.enabled.get(centerId);
    if (!hooks) this.enabled.set(centerId, (hooks = this.store.hooks(centerId).filter((h) => h.enabled)));
    return hooks;
  }

  private enqueueFact(centerId: string, fact: Fact): void {
    const event = eventOf(fact);
    if (!event || !('ticket' in fact)) return;
    const hooks = this.hooks(centerId).filter((h) => h.events.includes(event));
    if (hooks.length === 0) return;
    const t = fact.ticket;
    const counters = () => (this.hub.ids().includes(centerId) ? this.hub.get(centerId).config.counters : []);
    const data = ticketData(fact, this.store.channelOf(centerId, t.id), (id) => counters().find((c) => c.id === id)?.number ?? null);
    // A remote ticket's phone is not written here: the dispatcher reads it when it sends (withPhone).
    this.insertFor(hooks, centerId, event, `evt_${centerId}_${fact.seq}`, fact.at, data as Record<string, unknown>, null);
  }

  private insertFor(hooks: WebhookRow[], centerId: string, event: DeliveryEvent, id: string, at: number, data: Record<string, unknown>, phone: string | null): void {
    const now = this.clock();
    const plain = JSON.stringify({ id, event, centerId, at, data } satisfies WebhookBody);
    const withPhone = phone === null ? plain : JSON.stringify({ id, event, centerId, at, data: { ...data, phone } } satisfies WebhookBody);
    for (const h of hooks) this.store.insertDelivery(centerId, h.id, event, h.includePhone ? withPhone : plain, now);
  }
}
