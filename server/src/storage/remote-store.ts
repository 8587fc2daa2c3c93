/**
 * Who took each remote ticket (issue 14, V1): a key of the phone's browser and, when the center
 * asks for one, the phone number; only to count V1's limits per day (and to hand the number to a
 * text-message gateway's webhook). The number is erased once its day is over.
 */
import type { Db } from './db.js';

export interface RemoteJoin {
  ticketId: string;
  centerId: string;
  day: string;
  serviceId: string;
  deviceKey: string;
  phone: string | null;
  phoneKey: string | null;
  at: number;
}

export class RemoteStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      insert: db.prepare<[string, string, string, string, string, string | null, string | null, number]>(
        'INSERT INTO remote_joins (ticket_id, center_id, day, service_id, device_key, phone, phone_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      byDevice: db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM remote_joins WHERE center_id = ? AND day = ? AND device_key = ?'),
      byPhone: db.prepare<[string, string, string], { n: number }>('SELECT count(*) AS n FROM remote_joins WHERE center_id = ? AND day = ? AND phone_key = ?'),
      phone: db.prepare<[string], { phone: string | null }>('SELECT phone FROM remote_joins WHERE ticket_id = ?'),
      erase: db.prepare<[string, string]>('UPDATE remote_joins SET phone = NULL, phone_key = NULL WHERE center_id = ? AND day < ? AND (phone IS NOT NULL OR phone_key IS NOT NULL)'),
      forget: db.prepare<[string, string]>('DELETE FROM remote_joins WHERE center_id = ? AND day < ?'),
    };
  }

  add(j: RemoteJoin): void {
    this.q.insert.run(j.ticketId, j.centerId, j.day, j.serviceId, j.deviceKey, j.phone, j.phoneKey, j.at);
  }

  countByDevice(centerId: string, day: string, deviceKey: string): number {
    return this.q.byDevice.get(centerId, day, deviceKey)?.n ?? 0;
  }

  countByPhone(centerId: string, day: string, phoneKey: string): number {
    return this.q.byPhone.get(centerId, day, phoneKey)?.n ?? 0;
  }

  /** The number a remote ticket was taken with, while its day lasts (webhooks with includePhone). */
  phoneOf(ticketId: string): string | null {
    return this.q.phone.get(ticketId)?.phone ?? null;
  }

  /** Numbers are kept for their day only; the rows themselves (no personal data left) for a week, then go. */
  expire(centerId: string, today: string, weekAgo: string): number {
    const erased = this.q.erase.run(centerId, today).changes;
    this.q.forget.run(centerId, weekAgo);
    return erased;
  }
}
