/**
 * Bookings (issue 13): one row each in `appointments` (migration 6). Every change is one
 * synchronous SQLite statement or transaction, so two bookings of a slot's last place cannot both
 * succeed: the second finds it taken, and the unique index on active places would refuse it anyway.
 */
import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH, type AppointmentStatus } from '@qms/shared';
import type { Db } from './db.js';

export type BookingChannel = 'web' | 'staff' | 'api';

export interface AppointmentRow {
  centerId: string;
  code: string;
  serviceId: string;
  at: number;
  slotMin: number;
  place: number;
  status: AppointmentStatus;
  language: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  channel: BookingChannel;
  bookedAt: number;
  ticketId: string | null;
  changedAt: number;
}

/** Who the booking is for, as the limits compare it: digits of the phone, the e-mail in lower case. */
export interface ContactKeys {
  phone: string | null;
  email: string | null;
}

interface Raw {
  center_id: string;
  code: string;
  service_id: string;
  at: number;
  slot_min: number;
  place: number;
  status: AppointmentStatus;
  language: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  channel: BookingChannel;
  booked_at: number;
  ticket_id: string | null;
  changed_at: number;
}

const rowOf = (r: Raw): AppointmentRow => ({
  centerId: r.center_id,
  code: r.code,
  serviceId: r.service_id,
  at: r.at,
  slotMin: r.slot_min,
  place: r.place,
  status: r.status,
  language: r.language,
  name: r.name,
  phone: r.phone,
  email: r.email,
  channel: r.channel,
  bookedAt: r.booked_at,
  ticketId: r.ticket_id,
  changedAt: r.changed_at,
});

export interface NewBooking {
  centerId: string;
  serviceId: string;
  at: number;
  slotMin: number;
  /** The slot's places (A6); the booking takes the lowest free one. */
  places: number;
  language: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  keys: ContactKeys;
  channel: BookingChannel;
  now: number;
}

/** A fresh code of CODE_LENGTH symbols: bookings and remote tickets (issue 14) alike. */
export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export class AppointmentStore {
  constructor(private readonly db: Db) {}

  /** `write` in one transaction (a savepoint inside one already open): a change and what it tells others (webhooks). */
  atomically<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  get(centerId: string, code: string): AppointmentRow | undefined {
    const r = this.db.prepare<[string, string], Raw>('SELECT * FROM appointments WHERE center_id = ? AND code = ?').get(centerId, code);
    return r && rowOf(r);
  }

  /** Active bookings (booked or checked in) per slot start of a service in [from, to). */
  taken(centerId: string, serviceId: string, from: number, to: number): Map<number, number> {
    const rows = this.db
      .prepare<[string, string, number, number], { at: number; n: number }>(
        `SELECT at, count(*) AS n FROM appointments WHERE center_id = ? AND service_id = ? AND at >= ? AND at < ? AND status IN ('booked', 'checked-in') GROUP BY at`,
      )
      .all(centerId, serviceId, from, to);
    return new Map(rows.map((r) => [r.at, r.n]));
  }

  /** Every booking of the center with a slot in [from, to), by slot. */
  between(centerId: string, from: number, to: number): AppointmentRow[] {
    return this.db
      .prepare<[string, number, number], Raw>('SELECT * FROM appointments WHERE center_id = ? AND at >= ? AND at < ? ORDER BY at, service_id, place')
      .all(centerId, from, to)
      .map(rowOf);
  }

  /** Bookings made since `since` for this phone or e-mail (the daily limit per contact). */
  madeBy(centerId: string, keys: ContactKeys, since: number): number {
    if (!keys.phone && !keys.email) return 0;
    return (
      this.db
        .prepare<[string, number, string | null, string | null], { n: number }>(
          'SELECT count(*) AS n FROM appointments WHERE center_id = ? AND booked_at >= ? AND (phone_key = ? OR email_key = ?)',
        )
        .get(centerId, since, keys.phone, keys.email)?.n ?? 0
    );
  }

  /** Active bookings of a service for this phone or e-mail with a slot in [from, to), but `except`. */
  heldBy(centerId: string, serviceId: string, keys: ContactKeys, from: number, to: number, except = ''): number {
    if (!keys.phone && !keys.email) return 0;
    return (
      this.db
        .prepare<[string, string, number, number, string, string | null, string | null], { n: number }>(
          `SELECT count(*) AS n FROM appointments WHERE center_id = ? AND service_id = ? AND at >= ? AND at < ? AND code != ?
             AND status IN ('booked', 'checked-in') AND (phone_key = ? OR email_key = ?)`,
        )
        .get(centerId, serviceId, from, to, except, keys.phone, keys.email)?.n ?? 0
    );
  }

  /** A3: the lowest free place of the slot, or null when all `places` are taken. Call inside a transaction. */
  private freePlace(centerId: string, serviceId: string, at: number, places: number): number | null {
    const held = new Set(
      this.db
        .prepare<[string, string, number], { place: number }>(`SELECT place FROM appointments WHERE center_id = ? AND service_id = ? AND at = ? AND status IN ('booked', 'checked-in')`)
        .all(centerId, serviceId, at)
        .map((r) => r.place),
    );
    for (let p = 0; p < places; p++) if (!held.has(p)) return p;
    return null;
  }

  /** A3: the new booking, or null when the slot is full. */
  book(b: NewBooking): AppointmentRow | null {
    return this.db.transaction((): AppointmentRow | null => {
      const place = this.freePlace(b.centerId, b.serviceId, b.at, b.places);
      if (place === null) return null;
      const insert = this.db.prepare(
        `INSERT INTO appointments (center_id, code, service_id, at, slot_min, place, status, language, name, phone, email, phone_key, email_key, channel, booked_at, ticket_id, changed_at)
         VALUES (?, ?, ?, ?, ?, ?, 'booked', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`,
      );
      // A code already in use (one in a trillion) is drawn again.
      for (;;) {
        const code = newCode();
        if (this.get(b.centerId, code)) continue;
        insert.run(b.centerId, code, b.serviceId, b.at, b.slotMin, place, b.language, b.name, b.phone, b.email, b.keys.phone, b.keys.email, b.channel, b.now, b.now);
        return this.get(b.centerId, code)!;
      }
    })();
  }

  /** Move to another slot of the same service; false when that slot is full. */
  move(centerId: string, code: string, at: number, places: number, now: number): boolean {
    return this.db.transaction((): boolean => {
      const row = this.get(centerId, code);
      if (!row) return false;
      const place = this.freePlace(centerId, row.serviceId, at, places);
      if (place === null) return false;
      this.db.prepare('UPDATE appointments SET at = ?, place = ?, changed_at = ? WHERE center_id = ? AND code = ?').run(at, place, now, centerId, code);
      return true;
    })();
  }

  setStatus(centerId: string, code: string, status: AppointmentStatus, now: number, ticketId: string | null = null): void {
    this.db
      .prepare('UPDATE appointments SET status = ?, ticket_id = coalesce(?, ticket_id), changed_at = ? WHERE center_id = ? AND code = ?')
      .run(status, ticketId, now, centerId, code);
  }

  /** A4: bookings still not checked in whose slot started before `before` become no-shows. */
  markNoShows(centerId: string, before: number, now: number): number {
    return this.db
      .prepare(`UPDATE appointments SET status = 'no-show', changed_at = ? WHERE center_id = ? AND status = 'booked' AND at < ?`)
      .run(now, centerId, before).changes;
  }

  /** Who booked is forgotten for slots before `before`; the booking stays for the figures. */
  erase(centerId: string, before: number): number {
    return this.db
      .prepare(
        `UPDATE appointments SET name = NULL, phone = NULL, email = NULL, phone_key = NULL, email_key = NULL
         WHERE center_id = ? AND at < ? AND (name IS NOT NULL OR phone IS NOT NULL OR email IS NOT NULL OR phone_key IS NOT NULL OR email_key IS NOT NULL)`,
      )
      .run(centerId, before).changes;
  }
}
