/** The live day: tickets, counter states and the event log. Statements are prepared once. */
import type { CounterState, Fact, FactBody, FactType, ReportChannel, Ticket } from '@qms/shared';
import type { Db } from './db.js';

/** Where a server's commits are batched (storage/group-sync.ts); without one, each commits alone. */
export interface Batching {
  join(): void;
  writeFailed(err: unknown): void;
}

const SERVED: ReadonlySet<FactType> = new Set<FactType>(['ticket:called', 'ticket:started', 'ticket:completed']);

/** A report row's channel, from who issued the ticket (only read when the row is first written). */
function channelOf(actor: string | null): ReportChannel {
  if (actor?.startsWith('staff:')) return 'staff';
  if (actor === 'visitor') return 'remote';
  return 'kiosk';
}

export class LiveStore {
  private readonly q;
  /** This process is the only writer of the log (one server per database file). */
  private readonly seqs = new Map<string, number>();
  private readonly commitTx: (centerId: string, facts: FactBody[], at: number, actor: string | null) => Fact[];

  constructor(
    db: Db,
    private readonly batching?: Batching,
  ) {
    this.q = {
      seq: db.prepare<[string], { seq: number }>('SELECT seq FROM centers WHERE id = ?'),
      setSeq: db.prepare<[number, string]>('UPDATE centers SET seq = ? WHERE id = ?'),
      event: db.prepare<[string, number, number, string, string | null, string]>(
        'INSERT INTO events (center_id, seq, at, type, actor, json) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      ticket: db.prepare<[string, string, string, string, number, string, string]>(
        `INSERT INTO tickets (id, center_id, day, issued_service_id, seq_no, status, json) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, json = excluded.json`,
      ),
      report: db.prepare<[string, string, string, string, string, string, string, string | null, string, string, number, number | null, number | null, number | null, string | null, string | null, number, number, number | null]>(
        `INSERT INTO report_tickets (center_id, id, day, number, issued_service_id, service_id, lane, category_id, channel, status, issued_at,
           first_called_at, started_at, finished_at, counter_id, staff_login, transfers, recalls, appointment_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (center_id, id) DO UPDATE SET service_id = excluded.service_id, lane = excluded.lane, category_id = excluded.category_id,
           status = excluded.status, first_called_at = excluded.first_called_at, started_at = excluded.started_at, finished_at = excluded.finished_at,
           counter_id = excluded.counter_id, staff_login = COALESCE(excluded.staff_login, staff_login), transfers = excluded.transfers, recalls = excluded.recalls`,
      ),
      // A past day's summaries and replay no longer hold once one of its tickets changes.
      forgetDay: db.prepare<[string, string]>('DELETE FROM report_rollups WHERE center_id = ? AND day = ?'),
      forgetReplay: db.prepare<[string, string]>('DELETE FROM day_replays WHERE center_id = ? AND day = ?'),
      forgetRollups: db.prepare<[string]>('DELETE FROM report_rollups WHERE center_id = ?'),
      promise: db.prepare<[number | null, string, string]>('UPDATE report_tickets SET promised_wait_min = ? WHERE center_id = ? AND id = ?'),
      counter: db.prepare<[string, string, string]>(
        `INSERT INTO counter_state (center_id, counter_id, json) VALUES (?, ?, ?)
         ON CONFLICT (center_id, counter_id) DO UPDATE SET json = excluded.json`,
      ),
      counters: db.prepare<[string], { json: string }>('SELECT json FROM counter_state WHERE center_id = ?'),
      liveTickets: db.prepare<[string, string], { json: string }>(
        `SELECT json FROM tickets WHERE center_id = ? AND (day = ? OR status IN ('waiting', 'called', 'serving'))`,
      ),
      ticketById: db.prepare<[string], { json: string }>('SELECT json FROM tickets WHERE id = ?'),
      fromTime: db.prepare<[string, number], { seq: number; at: number; actor: string | null; json: string }>(
        'SELECT seq, at, actor, json FROM events WHERE center_id = ? AND at >= ? ORDER BY seq',
      ),
      fromTimeOfType: db.prepare<[string, number, string], { seq: number; at: number; actor: string | null; json: string }>(
        'SELECT seq, at, actor, json FROM events WHERE center_id = ? AND at >= ? AND type = ? ORDER BY seq',
      ),
      counterFacts: db.prepare<[string, number, number], { seq: number; at: number; actor: string | null; json: string }>(
        `SELECT seq, at, actor, json FROM events WHERE center_id = ? AND at >= ? AND at < ?
           AND type IN ('counter:opened', 'counter:closed', 'counter:paused', 'counter:resumed', 'counter:services-changed', 'balance:proposed', 'balance:resolved')
         ORDER BY seq`,
      ),
      since: db.prepare<[string, number, number], { seq: number; at: number; json: string }>(
        'SELECT seq, at, json FROM events WHERE center_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
    };
    // Wrapped once: db.transaction() builds its wrapper anew on each call.
    this.commitTx = db.transaction((centerId: string, facts: FactBody[], at: number, actor: string | null): Fact[] => {
      let seq = this.seq(centerId);
      const stamped: Fact[] = [];
      for (const body of facts) {
        seq += 1;
        const fact = { ...body, seq, at, centerId } as Fact;
        this.q.event.run(centerId, seq, at, body.type, actor, JSON.stringify(body));
        if ('ticket' in body) {
          const t = body.ticket;
          this.q.ticket.run(t.id, centerId, t.day, t.issuedServiceId, t.seqNo, t.status, JSON.stringify(t));
          // Who served it: the counter's holder when it was called, started or completed.
          const server = SERVED.has(body.type) && 'counter' in body ? (body.counter?.staffLogin ?? null) : null;
          this.q.report.run(centerId, t.id, t.day, t.number, t.issuedServiceId, t.serviceId, t.lane, t.categoryId, channelOf(actor), t.status, t.issuedAt,
            t.firstCalledAt, t.startedAt, t.finishedAt, t.counterId, server, t.transfers, t.recalls, t.appointmentAt ?? null);
          this.q.forgetDay.run(centerId, t.day);
          this.q.forgetReplay.run(centerId, t.day);
        }
        // Targets may have changed: every summary's "within target" with them.
        if (body.type === 'config:changed') this.q.forgetRollups.run(centerId);
        if ('counter' in body && body.counter) this.q.counter.run(centerId, body.counter.id, JSON.stringify(body.counter));
        stamped.push(fact);
      }
      this.q.setSeq.run(seq, centerId);
      return stamped;
    });
  }

  /** The expected wait shown to the visitor when their ticket was issued, for the ETA accuracy report. */
  recordPromise(centerId: string, ticketId: string, minutes: number | null): void {
    this.q.promise.run(minutes, centerId, ticketId);
  }

  /** After a batch was rolled back: the sequence numbers are read again. */
  forgetSeqs(): void {
    this.seqs.clear();
  }

  /** The last sequence number committed; read once per center, then kept by commit(). */
  seq(centerId: string): number {
    let seq = this.seqs.get(centerId);
    if (seq === undefined) this.seqs.set(centerId, (seq = this.q.seq.get(centerId)?.seq ?? 0));
    return seq;
  }

  /**
   * Append facts to the log and write the entities they carry, in one transaction (a savepoint of
   * the batch's, when batching), and return them stamped with their sequence numbers. Throws (and
   * writes nothing) on any storage error.
   */
  commit(centerId: string, facts: FactBody[], at: number, actor: string | null): Fact[] {
    this.batching?.join();
    let stamped: Fact[];
    try {
      stamped = this.commitTx(centerId, facts, at, actor);
    } catch (err) {
      this.batching?.writeFailed(err);
      throw err;
    }
    const last = stamped.at(-1);
    if (last) this.seqs.set(centerId, last.seq);
    return stamped;
  }

  counterStates(centerId: string): CounterState[] {
    return this.q.counters.all(centerId).map((r) => JSON.parse(r.json) as CounterState);
  }

  /** Today's tickets and any older ones still open. */
  liveTickets(centerId: string, day: string): Ticket[] {
    return this.q.liveTickets.all(centerId, day).map((r) => JSON.parse(r.json) as Ticket);
  }

  ticket(id: string): Ticket | undefined {
    const row = this.q.ticketById.get(id);
    return row ? (JSON.parse(row.json) as Ticket) : undefined;
  }

  /** Facts committed at or after `at`, with who did them (for the day's figures). */
  /** The facts committed since `at` (epoch ms), oldest first; only those of `type` when given. */
  factsFrom(centerId: string, at: number, type?: FactType): (Fact & { actor: string | null })[] {
    return (type ? this.q.fromTimeOfType.all(centerId, at, type) : this.q.fromTime.all(centerId, at))
      .map((r) => ({ ...(JSON.parse(r.json) as FactBody), seq: r.seq, at: r.at, centerId, actor: r.actor }) as Fact & { actor: string | null });
  }

  /** Counter and balancing facts from `from` to before `to` (epoch ms), with who did them: a past day's shifts and moves. */
  counterFactsBetween(centerId: string, from: number, to: number): (Fact & { actor: string | null })[] {
    return this.q.counterFacts
      .all(centerId, from, to)
      .map((r) => ({ ...(JSON.parse(r.json) as FactBody), seq: r.seq, at: r.at, centerId, actor: r.actor }) as Fact & { actor: string | null });
  }

  /** Facts after `seq`, at most `limit`. */
  factsSince(centerId: string, seq: number, limit: number): Fact[] {
    return this.q.since
      .all(centerId, seq, limit)
      .map((r) => ({ ...(JSON.parse(r.json) as FactBody), seq: r.seq, at: r.at, centerId }) as Fact);
  }
}
