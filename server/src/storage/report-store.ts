/**
 * Reads for reports (issue 12): the flat report_tickets rows of a period, kept in step with the
 * log by the live store. Rows come back as arrays (better-sqlite3's raw mode) and are shaped once:
 * a year of a large center is a million rows, and objects per row would double the time.
 */
import type { ReportChannel, TicketStatus } from '@qms/shared';
import type { AppointmentReportRow } from '../kpi/report.js';
import type { ReportRow, Tally } from '../kpi/tally.js';
import type { Db } from './db.js';

const COLUMNS = `id, day, number, issued_service_id, service_id, lane, category_id, channel, status, issued_at, first_called_at, started_at,
  finished_at, counter_id, staff_login, transfers, recalls, promised_wait_min, appointment_at`;

type Raw = [string, string, string, string, string, string, string | null, ReportChannel, TicketStatus, number, number | null, number | null, number | null, string | null, string | null, number, number, number | null, number | null];

const rowOf = (r: Raw): ReportRow => ({
  id: r[0],
  day: r[1],
  number: r[2],
  issuedServiceId: r[3],
  serviceId: r[4],
  lane: r[5],
  categoryId: r[6],
  channel: r[7],
  status: r[8],
  issuedAt: r[9],
  firstCalledAt: r[10],
  startedAt: r[11],
  finishedAt: r[12],
  counterId: r[13],
  staffLogin: r[14],
  transfers: r[15],
  recalls: r[16],
  promisedWaitMin: r[17],
  appointmentAt: r[18],
});

export class ReportStore {
  private readonly period;
  private readonly log;
  private readonly served;
  private readonly rollupGet;
  private readonly rollupDays;
  private readonly rollupPut;
  private readonly days;
  private readonly bookings;

  constructor(db: Db) {
    this.bookings = db.prepare<[string, number, number], AppointmentReportRow>(
      `SELECT a.service_id AS serviceId, a.at AS at, a.status AS status,
              CASE WHEN a.status = 'checked-in' THEN a.changed_at END AS checkedInAt,
              r.issued_at AS issuedAt, r.first_called_at AS firstCalledAt
         FROM appointments a LEFT JOIN report_tickets r ON r.center_id = a.center_id AND r.id = a.ticket_id
        WHERE a.center_id = ? AND a.at >= ? AND a.at < ?`,
    );
    const period = `SELECT ${COLUMNS} FROM report_tickets WHERE center_id = ? AND day BETWEEN ? AND ?`;
    this.period = db.prepare<[string, string, string], Raw>(period).raw(true);
    this.served = db.prepare<[string, string, string, string], Raw>(`${period} AND staff_login = ?`).raw(true);
    this.rollupGet = db.prepare<[string, string, string, string], { day: string; key: string; json: string }>(
      'SELECT day, key, json FROM report_rollups WHERE center_id = ? AND kind = ? AND day BETWEEN ? AND ?',
    );
    this.rollupDays = db.prepare<[string, string, string], { day: string }>("SELECT day FROM report_rollups WHERE center_id = ? AND kind = 'all' AND day BETWEEN ? AND ?");
    this.days = db.prepare<[string, string, string], { day: string }>('SELECT DISTINCT day FROM report_tickets WHERE center_id = ? AND day BETWEEN ? AND ?');
    this.rollupPut = db.prepare<[string, string, string, string, string]>('INSERT OR REPLACE INTO report_rollups (center_id, day, kind, key, json) VALUES (?, ?, ?, ?, ?)');
    this.log = db
      .prepare<[string, string, string, string, number, string, number], Raw>(
        `${period} AND (day, issued_at, number) > (?, ?, ?) ORDER BY day, issued_at, number LIMIT ?`,
      )
      .raw(true);
  }

  /** The tickets issued on the center's local days from `from` to `to`, both included. */
  rows(centerId: string, from: string, to: string): ReportRow[] {
    return this.period.all(centerId, from, to).map(rowOf);
  }

  /** The tickets a staff member served (called, started or completed) in the period. */
  servedBy(centerId: string, from: string, to: string, login: string): ReportRow[] {
    return this.served.all(centerId, from, to, login).map(rowOf);
  }

  /** The bookings with a slot in [from, to) (epoch ms), with their tickets' first call once checked in. */
  appointments(centerId: string, from: number, to: number): AppointmentReportRow[] {
    return this.bookings.all(centerId, from, to);
  }

  /** Days of the period with any ticket. */
  ticketDays(centerId: string, from: string, to: string): Set<string> {
    return new Set(this.days.all(centerId, from, to).map((r) => r.day));
  }

  /** Days of the period whose summaries are stored. */
  summedDays(centerId: string, from: string, to: string): Set<string> {
    return new Set(this.rollupDays.all(centerId, from, to).map((r) => r.day));
  }

  /** Stored summaries of one kind ('all', 'service', 'hour', …) for the period. */
  summaries(centerId: string, kind: string, from: string, to: string): { day: string; key: string; tally: Tally }[] {
    return this.rollupGet.all(centerId, kind, from, to).map((r) => ({ day: r.day, key: r.key, tally: JSON.parse(r.json) as Tally }));
  }

  /** A past day's summaries, every kind at once (its row of kind 'all' marks the day as summed). */
  putSummaries(centerId: string, day: string, byKind: Map<string, Map<string, Tally>>): void {
    for (const [kind, groups] of byKind) for (const [key, t] of groups) this.rollupPut.run(centerId, day, kind, key, JSON.stringify(t));
  }

  /**
   * The same in issue order, a page at a time, for a download that must not hold a month in memory.
   * Pages, not one open cursor: the caller waits for the client between pages, and an open
   * better-sqlite3 iterator would keep the connection busy, refusing every other query meanwhile.
   */
  *pages(centerId: string, from: string, to: string, size = 2000): Generator<ReportRow[]> {
    // Keyset paging on the index's order: a day's numbers are unique (I2), so the key is too.
    let after: [string, number, string] = ['', 0, ''];
    for (;;) {
      const page = this.log.all(centerId, from, to, ...after, size);
      if (page.length === 0) return;
      yield page.map(rowOf);
      const last = page[page.length - 1]!;
      after = [last[1], last[9], last[2]];
      if (page.length < size) return;
    }
  }
}

/** Replays of past days (sim/replay.ts), by policy; `null` is stored too (a day with nothing to replay). */
export class ReplayStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare<[string, string, string, string], { day: string; json: string }>('SELECT day, json FROM day_replays WHERE center_id = ? AND policy = ? AND day BETWEEN ? AND ?'),
      put: db.prepare<[string, string, string, string]>('INSERT OR REPLACE INTO day_replays (center_id, day, policy, json) VALUES (?, ?, ?, ?)'),
    };
  }

  period<T>(centerId: string, policy: string, from: string, to: string): Map<string, T | null> {
    return new Map(this.q.get.all(centerId, policy, from, to).map((r) => [r.day, JSON.parse(r.json) as T | null]));
  }

  put(centerId: string, policy: string, day: string, value: unknown): void {
    this.q.put.run(centerId, day, policy, JSON.stringify(value));
  }
}
