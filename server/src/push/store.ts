/**
 * Phones' push subscriptions, per ticket (`push_subscriptions`, migration 8). Each row remembers
 * the alerts already pushed to it (`sent`, keys such as "near" or "called:<calledAt>"), written
 * before the push leaves, so that neither a restart nor a second look ever sends one twice.
 * The ids of the tickets that have subscriptions are kept in memory too: the sender looks at those
 * after every batch of facts, and a center where nobody subscribed costs one map look-up.
 */
import type { PushSubscriptionBody } from '@qms/shared';
import type { Db } from '../storage/db.js';

/** A visitor may use a phone and a tablet, or subscribe again after clearing the browser; not a hundred. */
export const MAX_PER_TICKET = 5;

export interface PushRow {
  ticketId: string;
  centerId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  sent: string[];
}

interface Raw {
  ticket_id: string;
  center_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  sent: string;
}

const rowOf = (r: Raw): PushRow => ({ ticketId: r.ticket_id, centerId: r.center_id, endpoint: r.endpoint, p256dh: r.p256dh, auth: r.auth, sent: JSON.parse(r.sent) as string[] });

export class PushStore {
  private readonly subscribed = new Map<string, Set<string>>();

  constructor(private readonly db: Db) {
    for (const r of db.prepare('SELECT DISTINCT center_id, ticket_id FROM push_subscriptions').all() as Raw[]) this.note(r.center_id, r.ticket_id);
  }

  /** The tickets of a center with at least one subscription. */
  tickets(centerId: string): ReadonlySet<string> {
    return this.subscribed.get(centerId) ?? EMPTY;
  }

  has(ticketId: string): boolean {
    for (const set of this.subscribed.values()) if (set.has(ticketId)) return true;
    return false;
  }

  forTicket(ticketId: string): PushRow[] {
    return (this.db.prepare('SELECT * FROM push_subscriptions WHERE ticket_id = ? ORDER BY created_at, rowid').all(ticketId) as Raw[]).map(rowOf);
  }

  /**
   * Store (or renew: same endpoint, new keys) a subscription. `sent`: alerts the visitor is looking
   * at on the page right now, not to be pushed again. Beyond MAX_PER_TICKET the oldest goes.
   * Returns how many the ticket has.
   */
  add(centerId: string, ticketId: string, sub: PushSubscriptionBody, sent: string[], now: number): number {
    return this.db.transaction(() => {
      const old = this.db.prepare('SELECT sent FROM push_subscriptions WHERE ticket_id = ? AND endpoint = ?').get(ticketId, sub.endpoint) as { sent: string } | undefined;
      const keep = new Set([...(old ? (JSON.parse(old.sent) as string[]) : []), ...sent]);
      this.db
        .prepare(
          `INSERT INTO push_subscriptions (ticket_id, center_id, endpoint, p256dh, auth, sent, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (ticket_id, endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, sent = excluded.sent, created_at = excluded.created_at`,
        )
        .run(ticketId, centerId, sub.endpoint, sub.keys.p256dh, sub.keys.auth, JSON.stringify([...keep]), now);
      this.db
        .prepare('DELETE FROM push_subscriptions WHERE rowid IN (SELECT rowid FROM push_subscriptions WHERE ticket_id = ? ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?)')
        .run(ticketId, MAX_PER_TICKET);
      this.note(centerId, ticketId);
      return (this.db.prepare('SELECT count(*) AS n FROM push_subscriptions WHERE ticket_id = ?').get(ticketId) as { n: number }).n;
    })();
  }

  remove(ticketId: string, endpoint: string): boolean {
    const removed = this.db.prepare('DELETE FROM push_subscriptions WHERE ticket_id = ? AND endpoint = ?').run(ticketId, endpoint).changes > 0;
    this.forgetIfNone(ticketId);
    return removed;
  }

  removeTicket(ticketId: string): void {
    this.db.prepare('DELETE FROM push_subscriptions WHERE ticket_id = ?').run(ticketId);
    this.forgetIfNone(ticketId);
  }

  /**
   * The ticket's subscriptions that have not had alert `key` yet, marked as having had it in the
   * same transaction: whoever claims an alert sends it, once.
   */
  claim(ticketId: string, key: string): PushRow[] {
    return this.db.transaction(() => {
      const due = this.forTicket(ticketId).filter((r) => !r.sent.includes(key));
      const mark = this.db.prepare('UPDATE push_subscriptions SET sent = ? WHERE ticket_id = ? AND endpoint = ?');
      for (const r of due) mark.run(JSON.stringify([...r.sent, key]), ticketId, r.endpoint);
      return due;
    })();
  }

  /** Subscriptions of tickets of days before `day` (the center's today): nothing more will be pushed for them. */
  sweep(centerId: string, day: string): number {
    const gone = this.db
      .prepare('DELETE FROM push_subscriptions WHERE center_id = ? AND ticket_id IN (SELECT id FROM tickets WHERE center_id = ? AND day < ?) RETURNING ticket_id')
      .all(centerId, centerId, day) as { ticket_id: string }[];
    for (const r of gone) this.forgetIfNone(r.ticket_id);
    return gone.length;
  }

  private note(centerId: string, ticketId: string): void {
    (this.subscribed.get(centerId) ?? this.subscribed.set(centerId, new Set()).get(centerId)!).add(ticketId);
  }

  private forgetIfNone(ticketId: string): void {
    if (this.db.prepare('SELECT 1 FROM push_subscriptions WHERE ticket_id = ? LIMIT 1').get(ticketId)) return;
    for (const set of this.subscribed.values()) set.delete(ticketId);
  }
}

const EMPTY: ReadonlySet<string> = new Set();
