/**
 * Ratings and complaints (issue 14): one row per rated ticket in `ratings` (migration 8), the
 * complaint's answer in the same row. Every write is one statement on the server's connection, so
 * it joins the group commit like any other change and an answer waits for it to be on the disk.
 * Nothing here identifies the visitor: the ticket's id, its day, service, counter and operator.
 */
import type { ComplaintStatus, RatingCriterion } from '@qms/shared';
import type { Db } from '../storage/db.js';

export type RatingChannel = 'phone' | 'terminal';

export interface RatingRow {
  ticketId: string;
  centerId: string;
  day: string;
  serviceId: string;
  counterId: string | null;
  operator: string | null;
  channel: RatingChannel;
  language: string | null;
  overall: number;
  waiting: number | null;
  courtesy: number | null;
  competence: number | null;
  comfort: number | null;
  comment: string | null;
  complaint: boolean;
  complaintStatus: ComplaintStatus | null;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: number | null;
  at: number;
}

/** A complaint with the ticket's own facts from its report row (number, when issued and first called). */
export interface ComplaintRow extends RatingRow {
  number: string;
  issuedAt: number | null;
  firstCalledAt: number | null;
  appointmentAt: number | null;
}

export const SCORE_COLUMNS = ['overall', 'waiting', 'courtesy', 'competence', 'comfort'] as const satisfies readonly RatingCriterion[];

const COLUMNS = `r.ticket_id AS ticketId, r.center_id AS centerId, r.day, r.service_id AS serviceId, r.counter_id AS counterId, r.operator,
  r.channel, r.language, r.overall, r.waiting, r.courtesy, r.competence, r.comfort, r.comment, r.complaint,
  r.complaint_status AS complaintStatus, r.answer, r.answered_by AS answeredBy, r.answered_at AS answeredAt, r.at`;

type Raw = Omit<RatingRow, 'complaint'> & { complaint: number };
type RawComplaint = Raw & Omit<ComplaintRow, keyof RatingRow>;

/** A complaint with its ticket's report row: the number, and the times its wait is measured by. */
const COMPLAINT = `SELECT ${COLUMNS}, t.number, t.issued_at AS issuedAt, t.first_called_at AS firstCalledAt, t.appointment_at AS appointmentAt
  FROM ratings r LEFT JOIN report_tickets t ON t.center_id = r.center_id AND t.id = r.ticket_id`;
const rowOf = <T extends Raw>(r: T): Omit<T, 'complaint'> & { complaint: boolean } => ({ ...r, complaint: r.complaint === 1 });

/** Complaints shown at most at once: a center with more open than this has a bigger problem than paging. */
export const MAX_COMPLAINTS = 500;

export class RatingStore {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      get: db.prepare<[string], Raw>(`SELECT ${COLUMNS} FROM ratings r WHERE r.ticket_id = ?`),
      insert: db.prepare(
        `INSERT INTO ratings (ticket_id, center_id, day, service_id, counter_id, operator, channel, language, overall, waiting, courtesy,
           competence, comfort, comment, complaint, complaint_status, at)
         VALUES (@ticketId, @centerId, @day, @serviceId, @counterId, @operator, @channel, @language, @overall, @waiting, @courtesy,
           @competence, @comfort, @comment, @complaint, @complaintStatus, @at)`,
      ),
      answer: db.prepare<[ComplaintStatus, string, string, number, string]>(
        `UPDATE ratings SET complaint_status = ?, answer = ?, answered_by = ?, answered_at = ? WHERE ticket_id = ? AND complaint = 1`,
      ),
      period: db.prepare<[string, string, string], Raw>(`SELECT ${COLUMNS} FROM ratings r WHERE r.center_id = ? AND r.day BETWEEN ? AND ?`),
      periodOf: db.prepare<[string, string, string, string], Raw>(`SELECT ${COLUMNS} FROM ratings r WHERE r.center_id = ? AND r.day BETWEEN ? AND ? AND r.operator = ?`),
      // Open ones first, oldest first (they have waited longest for an answer); the rest newest first.
      complaints: db.prepare<{ centerId: string; status: string | null; from: string; to: string; limit: number }, RawComplaint>(
        `${COMPLAINT} WHERE r.center_id = @centerId AND r.complaint = 1 AND (@status IS NULL OR r.complaint_status = @status) AND r.day BETWEEN @from AND @to
          ORDER BY r.complaint_status = 'open' DESC, CASE WHEN r.complaint_status = 'open' THEN r.at ELSE -r.at END
          LIMIT @limit`,
      ),
      complaint: db.prepare<[string], RawComplaint>(`${COMPLAINT} WHERE r.ticket_id = ? AND r.complaint = 1`),
      openCount: db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM ratings WHERE center_id = ? AND complaint = 1 AND complaint_status = 'open'`),
      // Who served it, as the reports know it: the counter's holder when it was called, started or completed (live-store.ts).
      served: db.prepare<[string, string], { operator: string | null }>('SELECT staff_login AS operator FROM report_tickets WHERE center_id = ? AND id = ?'),
    };
  }

  get(ticketId: string): RatingRow | undefined {
    const r = this.q.get.get(ticketId);
    return r && rowOf(r);
  }

  insert(row: Omit<RatingRow, 'answer' | 'answeredBy' | 'answeredAt'>): void {
    this.q.insert.run({ ...row, complaint: row.complaint ? 1 : 0 });
  }

  answer(ticketId: string, status: ComplaintStatus, text: string, by: string, at: number): void {
    this.q.answer.run(status, text, by, at, ticketId);
  }

  /** The ratings of tickets of the local days `from` to `to` (both included); an operator's own with `operator`. */
  period(centerId: string, from: string, to: string, operator?: string): RatingRow[] {
    return (operator === undefined ? this.q.period.all(centerId, from, to) : this.q.periodOf.all(centerId, from, to, operator)).map(rowOf);
  }

  complaints(centerId: string, status: ComplaintStatus | null, from: string, to: string): ComplaintRow[] {
    return this.q.complaints.all({ centerId, status, from, to, limit: MAX_COMPLAINTS }).map(rowOf);
  }

  complaint(ticketId: string): ComplaintRow | undefined {
    const r = this.q.complaint.get(ticketId);
    return r && rowOf(r);
  }

  openComplaints(centerId: string): number {
    return this.q.openCount.get(centerId)?.n ?? 0;
  }

  /** The staff login that served the ticket, from its report row. */
  operatorOf(centerId: string, ticketId: string): string | null {
    return this.q.served.get(centerId, ticketId)?.operator ?? null;
  }
}
