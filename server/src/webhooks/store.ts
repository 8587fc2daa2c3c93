/**
 * The webhooks' SQL (migration 8): the registered webhooks, the outbox of deliveries and each
 * center's cursor into its event log. Statements are prepared once; the multi-step writes are the
 * callers' transactions (outbox.ts, dispatcher.ts).
 */
import type { DeliveryEvent, DeliveryStatus, DeliveryView, WebhookEvent } from '@qms/shared';
import type { Db } from '../storage/db.js';

export interface WebhookRow {
  id: string;
  centerId: string;
  url: string;
  events: WebhookEvent[];
  description: string | null;
  enabled: boolean;
  includePhone: boolean;
  secret: string;
  createdAt: number;
}

interface RawHook {
  id: string;
  center_id: string;
  url: string;
  events: string;
  description: string | null;
  enabled: number;
  include_phone: number;
  secret: string;
  created_at: number;
}

const hookOf = (r: RawHook): WebhookRow => ({
  id: r.id,
  centerId: r.center_id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEvent[],
  description: r.description,
  enabled: r.enabled === 1,
  includePhone: r.include_phone === 1,
  secret: r.secret,
  createdAt: r.created_at,
});

interface RawDelivery {
  id: number;
  center_id: string;
  webhook_id: string;
  event: string;
  body: string;
  status: DeliveryStatus;
  attempts: number;
  next_at: number | null;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

/** A delivery as the dispatcher sends it. */
export interface DueDelivery {
  id: number;
  centerId: string;
  webhookId: string;
  event: DeliveryEvent;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  includePhone: boolean;
}

const viewOf = (r: RawDelivery): DeliveryView => ({
  id: r.id,
  webhookId: r.webhook_id,
  event: r.event as DeliveryEvent,
  status: r.status,
  attempts: r.attempts,
  nextAt: r.status === 'pending' ? r.next_at : null,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

export class WebhookStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      hooks: db.prepare<[string], RawHook>('SELECT * FROM webhooks WHERE center_id = ? ORDER BY created_at, id'),
      hook: db.prepare<[string, string], RawHook>('SELECT * FROM webhooks WHERE center_id = ? AND id = ?'),
      insertHook: db.prepare<[string, string, string, string, string | null, number, number, string, number]>(
        'INSERT INTO webhooks (id, center_id, url, events, description, enabled, include_phone, secret, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateHook: db.prepare<[string, string, string | null, number, number, string, string]>(
        'UPDATE webhooks SET url = ?, events = ?, description = ?, enabled = ?, include_phone = ? WHERE center_id = ? AND id = ?',
      ),
      setSecret: db.prepare<[string, string, string]>('UPDATE webhooks SET secret = ? WHERE center_id = ? AND id = ?'),
      deleteHook: db.prepare<[string, string]>('DELETE FROM webhooks WHERE center_id = ? AND id = ?'),
      insertDelivery: db.prepare<[string, string, string, string, number, number]>(
        `INSERT INTO webhook_deliveries (center_id, webhook_id, event, body, status, attempts, next_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
      ),
      due: db.prepare<[number, number], RawDelivery & { url: string; secret: string; include_phone: number }>(
        `SELECT d.*, w.url, w.secret, w.include_phone FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND d.next_at <= ? AND w.enabled = 1 ORDER BY d.next_at, d.id LIMIT ?`,
      ),
      delivered: db.prepare<[number | null, number, number]>(
        `UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, next_at = NULL, last_status = ?, last_error = NULL, delivered_at = ? WHERE id = ? AND status = 'pending'`,
      ),
      attemptFailed: db.prepare<[string, number | null, number | null, string, number]>(
        `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_at = ?, last_status = ?, last_error = ? WHERE id = ? AND status = 'pending'`,
      ),
      giveUpPending: db.prepare<[string, string]>(
        `UPDATE webhook_deliveries SET status = 'failed', next_at = NULL, last_error = ?, body = json_remove(body, '$.data.phone') WHERE webhook_id = ? AND status = 'pending'`,
      ),
      // A finished delivery keeps no phone number: the log is kept 30 days, the number only as long as its source keeps it.
      forgetPhone: db.prepare<[number]>(
        `UPDATE webhook_deliveries SET body = json_remove(body, '$.data.phone') WHERE id = ? AND status != 'pending' AND json_extract(body, '$.data.phone') IS NOT NULL`,
      ),
      retry: db.prepare<[number, number, string]>(
        `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_at = ? WHERE id = ? AND center_id = ? AND status = 'failed'`,
      ),
      delivery: db.prepare<[number, string], RawDelivery>('SELECT * FROM webhook_deliveries WHERE id = ? AND center_id = ?'),
      deliveries: db.prepare<[string, string, string | null, string | null, number], RawDelivery>(
        'SELECT * FROM webhook_deliveries WHERE center_id = ? AND webhook_id = ? AND (? IS NULL OR status = ?) ORDER BY id DESC LIMIT ?',
      ),
      sweep: db.prepare<[number]>(`DELETE FROM webhook_deliveries WHERE status IN ('delivered', 'failed') AND created_at < ?`),
      cursor: db.prepare<[string], { seq: number }>('SELECT seq FROM webhook_cursors WHERE center_id = ?'),
      setCursor: db.prepare<[string, number]>(
        'INSERT INTO webhook_cursors (center_id, seq) VALUES (?, ?) ON CONFLICT (center_id) DO UPDATE SET seq = excluded.seq',
      ),
      phone: db.prepare<[string, string], { phone: string | null }>('SELECT phone FROM remote_joins WHERE center_id = ? AND ticket_id = ?'),
      channel: db.prepare<[string, string], { channel: string }>('SELECT channel FROM report_tickets WHERE center_id = ? AND id = ?'),
    };
  }

  hooks(centerId: string): WebhookRow[] {
    return this.q.hooks.all(centerId).map(hookOf);
  }

  hook(centerId: string, id: string): WebhookRow | undefined {
    const r = this.q.hook.get(centerId, id);
    return r && hookOf(r);
  }

  insertHook(h: WebhookRow): void {
    this.q.insertHook.run(h.id, h.centerId, h.url, JSON.stringify(h.events), h.description, h.enabled ? 1 : 0, h.includePhone ? 1 : 0, h.secret, h.createdAt);
  }

  updateHook(h: WebhookRow): void {
    this.q.updateHook.run(h.url, JSON.stringify(h.events), h.description, h.enabled ? 1 : 0, h.includePhone ? 1 : 0, h.centerId, h.id);
  }

  setSecret(centerId: string, id: string, secret: string): void {
    this.q.setSecret.run(secret, centerId, id);
  }

  /** Its deliveries go with it (ON DELETE CASCADE). */
  deleteHook(centerId: string, id: string): boolean {
    return this.q.deleteHook.run(centerId, id).changes > 0;
  }

  insertDelivery(centerId: string, webhookId: string, event: DeliveryEvent, body: string, now: number): number {
    return Number(this.q.insertDelivery.run(centerId, webhookId, event, body, now, now).lastInsertRowid);
  }

  /** Pending deliveries of enabled webhooks due by `now`, oldest first. */
  due(now: number, limit: number): DueDelivery[] {
    return this.q.due.all(now, limit).map((r) => ({
      id: r.id,
      centerId: r.center_id,
      webhookId: r.webhook_id,
      event: r.event as DeliveryEvent,
      body: r.body,
      attempts: r.attempts,
      url: r.url,
      secret: r.secret,
      includePhone: r.include_phone === 1,
    }));
  }

  markDelivered(id: number, httpStatus: number, now: number): void {
    this.q.delivered.run(httpStatus, now, id);
    this.q.forgetPhone.run(id);
  }

  /** One more failed attempt: pending again at `nextAt`, or failed for good when `nextAt` is null. */
  markFailed(id: number, nextAt: number | null, httpStatus: number | null, error: string): void {
    this.q.attemptFailed.run(nextAt === null ? 'failed' : 'pending', nextAt, httpStatus, error, id);
    this.q.forgetPhone.run(id);
  }

  /** A webhook switched off: what it still had to send is given up (an admin may retry each). */
  giveUpPending(webhookId: string, why: string): void {
    this.q.giveUpPending.run(why, webhookId);
  }

  /** A failed delivery pending again at once, with a fresh schedule; false if it was not failed. */
  retry(centerId: string, id: number, now: number): boolean {
    return this.q.retry.run(now, id, centerId).changes > 0;
  }

  delivery(centerId: string, id: number): DeliveryView | undefined {
    const r = this.q.delivery.get(id, centerId);
    return r && viewOf(r);
  }

  deliveries(centerId: string, webhookId: string, status: DeliveryStatus | null, limit: number): DeliveryView[] {
    return this.q.deliveries.all(centerId, webhookId, status, status, limit).map(viewOf);
  }

  /** Finished deliveries made before `before` are forgotten; pending ones stay whatever their age. */
  sweep(before: number): number {
    return this.q.sweep.run(before).changes;
  }

  cursor(centerId: string): number | undefined {
    return this.q.cursor.get(centerId)?.seq;
  }

  setCursor(centerId: string, seq: number): void {
    this.q.setCursor.run(centerId, seq);
  }

  /** A remote ticket's phone number, if its visitor gave one (and it has not been erased yet). */
  phoneOf(centerId: string, ticketId: string): string | null {
    return this.q.phone.get(centerId, ticketId)?.phone ?? null;
  }

  /** Who issued the ticket, as the reports say it: kiosk, staff or remote. */
  channelOf(centerId: string, ticketId: string): string | null {
    return this.q.channel.get(centerId, ticketId)?.channel ?? null;
  }
}
