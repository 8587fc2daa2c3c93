/**
 * One or more tests per rule of docs/SPEC.md; each name starts with the rule's ID.
 * The test center (test/helpers/center.ts): services passport (A, 6 min), property (B, 10 min),
 * benefits (C, 8 min, cap 50); counters 1 = passport, 2 = passport + property (secondary),
 * 3 = property, 4 = benefits; default policy: interleave 3, head starts 20/10 min, guard 30 min,
 * recall limit 2, reactivation 30 min; time zone Europe/Moscow.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, type CenterConfigInput, type FactBody, type Ticket } from '@qms/shared';
import {
  computeEtas,
  createEngineState,
  decide,
  etaOf,
  formatNumber,
  meanServiceMin,
  pickNext,
  serviceLoads,
  type Command,
} from '../../server/src/engine/index.js';
import { strandedTickets } from '../../server/src/engine/state.js';
import { Sim, T0, at, engineConfig, min, run, snapshotOf, tryRun } from './harness.js';

const types = (facts: FactBody[]) => facts.map((f) => f.type);

function serviceOf(cfg: CenterConfigInput, id: string) {
  const s = cfg.services.find((x) => x.id === id);
  if (!s) throw new Error(`no service ${id}`);
  return s;
}

/** Moscow wall-clock time on a given March 2026 day (UTC+3, no DST). */
const moscow = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);

describe('issuing', () => {
  it('I1: a normal ticket is issued waiting for one service, its place in line being the issue time', () => {
    const sim = new Sim();
    const facts = sim.run({ type: 'issue', ticketId: 'x1', serviceId: 'passport', lane: 'normal', language: 'en' });
    expect(types(facts)).toEqual(['ticket:issued']);
    expect(facts[0]).toMatchObject({ counter: null });
    expect(sim.ticket('x1')).toEqual({
      id: 'x1',
      centerId: 'c1',
      day: '2026-03-02',
      serviceId: 'passport',
      issuedServiceId: 'passport',
      seqNo: 1,
      number: 'A001',
      lane: 'normal',
      categoryId: null,
      language: 'en',
      status: 'waiting',
      issuedAt: T0,
      queuedAt: T0,
      targetCounterId: null,
      returnServiceId: null,
      counterId: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      firstCalledAt: null, clientRef: null,
      recalls: 0,
      transfers: 0,
    } satisfies Ticket);
    expect([...sim.state.waiting]).toEqual(['x1']);
  });

  it('I1: a priority ticket carries its category; booked and normal tickets carry none', () => {
    const sim = new Sim();
    expect(sim.issue('passport', 'priority', 'disability')).toMatchObject({ lane: 'priority', categoryId: 'disability' });
    expect(sim.issue('passport', 'booked')).toMatchObject({ lane: 'booked', categoryId: null });
    expect(sim.issue('passport', 'normal', 'disability')).toMatchObject({ lane: 'normal', categoryId: null });
  });

  it('I1: a priority ticket needs a configured category and the service must exist; refusals use no number', () => {
    const sim = new Sim();
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'priority' })).toBe(ErrorCode.BadRequest);
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'priority', categoryId: 'vip' })).toBe(
      ErrorCode.UnknownCategory,
    );
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'visa', lane: 'normal' })).toBe(ErrorCode.UnknownService);
    expect(snapshotOf(sim.state)).toEqual(before);
    expect(sim.issue('passport').number).toBe('A001');
  });

  it('I1: a ticket id already in use is refused with CONFLICT', () => {
    const sim = new Sim();
    sim.run({ type: 'issue', ticketId: 'same', serviceId: 'passport', lane: 'normal' });
    expect(sim.errorOf({ type: 'issue', ticketId: 'same', serviceId: 'property', lane: 'normal' })).toBe(ErrorCode.Conflict);
    expect(sim.state.tickets.size).toBe(1);
    expect(sim.issue('property').number).toBe('B001');
  });

  it('I4: a repeated clientRef issues nothing; the first ticket stands', () => {
    const sim = new Sim();
    sim.run({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'normal', clientRef: 'req-12345678' });
    const before = snapshotOf(sim.state);
    expect(tryRun(sim.state, { type: 'issue', ticketId: 'b', serviceId: 'property', lane: 'normal', clientRef: 'req-12345678' }, sim.now)).toEqual({ ok: true, facts: [] });
    expect(snapshotOf(sim.state)).toEqual(before);
    expect(sim.state.clientRefs.get('req-12345678')).toBe('a');
    expect(sim.issue('passport').number).toBe('A002');
  });

  it('I2: numbers run per service: prefix letter plus three digits', () => {
    const sim = new Sim();
    const numbers = ['passport', 'passport', 'property', 'passport', 'benefits', 'property'].map((s) => sim.issue(s).number);
    expect(numbers).toEqual(['A001', 'A002', 'B001', 'A003', 'C001', 'B002']);
    expect(sim.state.lastSeqNo).toEqual(new Map([['passport', 3], ['property', 2], ['benefits', 1]]));
  });

  it('I2: four digits past 999, and no number twice', () => {
    const sim = new Sim();
    const numbers: string[] = [];
    for (let i = 0; i < 1001; i++) numbers.push(sim.issue('passport').number);
    expect(numbers[0]).toBe('A001');
    expect(numbers[98]).toBe('A099');
    expect(numbers[998]).toBe('A999');
    expect(numbers[999]).toBe('A1000');
    expect(numbers[1000]).toBe('A1001');
    expect(new Set(numbers).size).toBe(1001);
    expect(formatNumber('Z', 7)).toBe('Z007');
  });

  it('I2: numbering restarts at local midnight in Europe/Moscow, not at UTC midnight', () => {
    const sim = new Sim({ now: moscow(2, 23, 58) });
    expect(sim.issue('passport')).toMatchObject({ number: 'A001', day: '2026-03-02' });
    expect(sim.issue('property')).toMatchObject({ number: 'B001', day: '2026-03-02' });
    sim.advance(1); // 23:59 Moscow
    expect(sim.issue('passport')).toMatchObject({ number: 'A002', day: '2026-03-02' });
    sim.advance(1); // 00:00 Moscow on the 3rd; still 21:00 on the 2nd in UTC
    expect(new Date(sim.now).getUTCDate()).toBe(2);
    sim.run({ type: 'end-days-before', day: '2026-03-03' }); // D1, as the runtime does first thing in a new day
    expect(sim.issue('passport')).toMatchObject({ number: 'A001', day: '2026-03-03' });
    expect(sim.issue('property')).toMatchObject({ number: 'B001', day: '2026-03-03' });
    sim.advance(3 * 60); // 03:00 Moscow: UTC midnight, no restart
    expect(new Date(sim.now).getUTCDate()).toBe(3);
    expect(sim.issue('passport')).toMatchObject({ number: 'A002', day: '2026-03-03' });
    expect(sim.state.numberingDay).toBe('2026-03-03');
  });

  it('I2: a transferred ticket keeps its number and counts for the service that issued it', () => {
    const sim = new Sim();
    const a1 = sim.issue('passport');
    sim.open('1');
    sim.callNext('1');
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property' });
    expect(sim.ticket(a1.id)).toMatchObject({ number: 'A001', seqNo: 1, serviceId: 'property', issuedServiceId: 'passport' });
    expect(sim.issue('property').number).toBe('B001');
    expect(sim.issue('passport').number).toBe('A002');
    expect(sim.issue('property').number).toBe('B002');
  });

  it('I2: a state rebuilt from stored tickets goes on with the day\'s numbering', () => {
    const sim = new Sim();
    for (let i = 0; i < 3; i++) sim.issue('passport');
    sim.issue('property');
    const config = engineConfig();
    const rebuilt = createEngineState('c1', config, at(10), [], [...sim.state.tickets.values()]);
    run(rebuilt, { type: 'issue', ticketId: 'n1', serviceId: 'passport', lane: 'normal' }, at(10));
    run(rebuilt, { type: 'issue', ticketId: 'n2', serviceId: 'property', lane: 'normal' }, at(10));
    expect(rebuilt.tickets.get('n1')?.number).toBe('A004');
    expect(rebuilt.tickets.get('n2')?.number).toBe('B002');
  });

  /** A 24-hour center at 23:50 on 2 March: A001 and A002 issued, A001 called at counter 1. */
  function calledAcrossMidnight(): { sim: Sim; a1: Ticket; a2: Ticket } {
    const sim = new Sim({ now: moscow(2, 23, 50) });
    const a1 = sim.issue('passport');
    const a2 = sim.issue('passport');
    sim.open('1');
    expect(sim.callNext('1').id).toBe(a1.id);
    sim.now = moscow(3, 0, 0);
    sim.run({ type: 'end-days-before', day: '2026-03-03' }); // D1: A002 is cancelled, A001 at the counter stays
    expect([sim.ticket(a1.id).status, sim.ticket(a2.id).status]).toEqual(['called', 'cancelled']);
    return { sim, a1, a2 };
  }

  it('I2: after midnight a new number skips the one an earlier day\'s ticket still shows at a counter: never two A001 open', () => {
    const { sim, a1 } = calledAcrossMidnight();
    sim.advance(5);
    expect(sim.issue('passport')).toMatchObject({ number: 'A002', seqNo: 2, day: '2026-03-03' }); // A002 of yesterday is cancelled: free
    expect(sim.issue('passport')).toMatchObject({ number: 'A003', seqNo: 3 });
    expect(sim.issue('property')).toMatchObject({ number: 'B001' }); // other prefixes are not held back
    // Yesterday's A001 finishes; numbering goes on upwards, it never goes back.
    sim.run({ type: 'start', counterId: '1' });
    sim.run({ type: 'complete', counterId: '1' });
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'done', number: 'A001', day: '2026-03-02' });
    expect(sim.issue('passport')).toMatchObject({ number: 'A004', seqNo: 4 });
  });

  it('I2: a transferred earlier-day ticket waiting after midnight keeps its number, and today\'s numbering skips it', () => {
    const { sim, a1 } = calledAcrossMidnight();
    sim.open('2'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '2' }); // same service, to counter 2: waiting again
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'waiting', number: 'A001', day: '2026-03-02', targetCounterId: '2' });
    expect(sim.issue('passport').number).toBe('A002');
    // Sent to another service it still shows A001: the passport numbering still skips it.
    sim.open('2');
    expect(sim.callNext('2').id).toBe(a1.id);
    sim.run({ type: 'transfer', counterId: '2', toServiceId: 'property' });
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'waiting', serviceId: 'property', number: 'A001' });
    expect(sim.issue('passport').number).toBe('A003');
  });

  it('I2: every number still open is skipped, however many in a row; a cancelled one is not', () => {
    const sim = new Sim({ now: moscow(2, 23, 40) });
    const held = ['1', '2', '4'].map((counter) => {
      sim.issue(counter === '4' ? 'benefits' : 'passport');
      sim.open(counter);
      return sim.callNext(counter);
    });
    expect(held.map((t) => t.number)).toEqual(['A001', 'A002', 'C001']);
    sim.issue('passport'); // A003, waiting: D1 cancels it
    sim.now = moscow(3, 0, 1);
    sim.run({ type: 'end-days-before', day: '2026-03-03' });
    expect(['passport', 'passport', 'benefits'].map((s) => sim.issue(s).number)).toEqual(['A003', 'A004', 'C002']);
    const open = [...sim.state.tickets.values()].filter((t) => ['waiting', 'called', 'serving'].includes(t.status)).map((t) => t.number);
    expect(new Set(open).size).toBe(open.length);
  });

  it('I2: a state rebuilt from storage (a restart) skips the same numbers', () => {
    const { sim } = calledAcrossMidnight();
    sim.advance(1);
    expect(sim.issue('passport').number).toBe('A002');
    // What storage keeps (LiveStore.liveTickets): today's tickets and any older one still open.
    const kept = [...sim.state.tickets.values()].filter((t) => t.day === '2026-03-03' || ['waiting', 'called', 'serving'].includes(t.status));
    const rebuilt = createEngineState('c1', engineConfig(), sim.now, [...sim.state.counters.values()], kept);
    expect(rebuilt.openNumbers).toEqual(sim.state.openNumbers);
    run(rebuilt, { type: 'issue', ticketId: 'r1', serviceId: 'passport', lane: 'normal' }, sim.now);
    expect(rebuilt.tickets.get('r1')?.number).toBe('A003');
    // Rebuilt before today's first ticket: yesterday's A001 at the counter is skipped all the same.
    const early = calledAcrossMidnight().sim;
    const fresh = createEngineState('c1', engineConfig(), early.now, [...early.state.counters.values()], [...early.state.tickets.values()].filter((t) => t.status === 'called'));
    run(fresh, { type: 'issue', ticketId: 'f1', serviceId: 'passport', lane: 'normal' }, early.now);
    expect(fresh.tickets.get('f1')).toMatchObject({ number: 'A002', day: '2026-03-03' });
  });

  it('I2, N1: an earlier day\'s no-show cannot come back under a number a new ticket shows', () => {
    const sim = new Sim({ now: moscow(2, 23, 55) });
    const old = sim.issue('passport');
    sim.open('1');
    sim.callNext('1');
    sim.run({ type: 'no-show', counterId: '1' });
    sim.now = moscow(3, 0, 1);
    sim.run({ type: 'end-days-before', day: '2026-03-03' });
    expect(sim.issue('passport').number).toBe('A001'); // a no-show is not open: its number is free
    const before = snapshotOf(sim.state);
    const refused = sim.tryRun({ type: 'reactivate', ticketId: old.id });
    expect(refused).toEqual({ ok: false, error: { code: ErrorCode.ReactivationExpired, message: 'Number A001 has been issued again since; give the visitor a new ticket.' } });
    expect(snapshotOf(sim.state)).toEqual(before);
  });

  it('D1: at a new day, tickets still waiting from earlier days are cancelled (day-ended); a ticket at a counter stays', () => {
    const { sim, a1, a2 } = calledAcrossMidnight();
    expect(sim.ticket(a2.id)).toMatchObject({ status: 'cancelled', finishedAt: sim.now });
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'called', counterId: '1' });
    expect(sim.run({ type: 'end-days-before', day: '2026-03-03' })).toEqual([]); // nothing left to close
  });

  it('D1: a ticket waiting again since the day\'s first command (transferred after midnight) stays when D1 runs again (a restart)', () => {
    const { sim, a1 } = calledAcrossMidnight();
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property' });
    const facts = sim.run({ type: 'end-days-before', day: '2026-03-03', keep: [a1.id] });
    expect(facts).toEqual([]);
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'waiting', serviceId: 'property', number: 'A001' });
    // Without `keep` (the server was down over midnight: nothing happened today) it is an earlier day's queue.
    expect(sim.run({ type: 'end-days-before', day: '2026-03-03' }).map((f) => [f.type, 'reason' in f ? f.reason : null])).toEqual([['ticket:cancelled', 'day-ended']]);
  });

  const limitedHours = {
    edit: (cfg: CenterConfigInput) => {
      const day = [{ from: '09:00', to: '18:00' }];
      cfg.center.hours = { mon: day, tue: day, wed: day, thu: day, fri: day };
      serviceOf(cfg, 'property').hours = { mon: [{ from: '10:00', to: '12:00' }] };
    },
  };

  it('I3: outside the center\'s hours a service without hours of its own is refused with SERVICE_CLOSED', () => {
    const sim = new Sim({ ...limitedHours, now: moscow(2, 8, 59) });
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'passport', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'benefits', lane: 'priority', categoryId: 'disability' })).toBe(
      ErrorCode.ServiceClosed,
    );
    expect(snapshotOf(sim.state)).toEqual(before);
    sim.advance(1); // 09:00
    expect(sim.issue('passport').number).toBe('A001');
    sim.now = moscow(2, 17, 59);
    expect(sim.issue('benefits').number).toBe('C001');
    sim.now = moscow(2, 18, 0);
    expect(sim.errorOf({ type: 'issue', ticketId: 'b', serviceId: 'passport', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    sim.now = moscow(1, 12, 0); // Sunday: no hours at all
    expect(sim.errorOf({ type: 'issue', ticketId: 'c', serviceId: 'passport', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
  });

  it('I3: a service\'s own hours replace the center\'s', () => {
    const sim = new Sim({ ...limitedHours, now: moscow(2, 9, 30) });
    expect(sim.errorOf({ type: 'issue', ticketId: 'a', serviceId: 'property', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    sim.now = moscow(2, 10, 0);
    expect(sim.issue('property').number).toBe('B001');
    sim.now = moscow(2, 11, 59);
    expect(sim.issue('property').number).toBe('B002');
    sim.now = moscow(2, 12, 0);
    expect(sim.errorOf({ type: 'issue', ticketId: 'b', serviceId: 'property', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    sim.now = moscow(3, 10, 30); // Tuesday: the center is open, the service has no Tuesday hours
    expect(sim.issue('passport').number).toBe('A001');
    expect(sim.errorOf({ type: 'issue', ticketId: 'c', serviceId: 'property', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
  });

  it('I3: once the daily cap is issued, DAILY_CAP_REACHED until the next local day', () => {
    const sim = new Sim();
    const issued: string[] = [];
    for (let i = 0; i < 50; i++) issued.push(sim.issue('benefits').id);
    sim.run({ type: 'cancel', ticketId: issued[0] ?? '' }); // a cancelled ticket still counts
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'issue', ticketId: 'over', serviceId: 'benefits', lane: 'normal' })).toBe(ErrorCode.DailyCapReached);
    expect(sim.errorOf({ type: 'issue', ticketId: 'over', serviceId: 'benefits', lane: 'priority', categoryId: 'disability' })).toBe(
      ErrorCode.DailyCapReached,
    );
    expect(snapshotOf(sim.state)).toEqual(before);
    expect(sim.issue('passport').number).toBe('A001'); // other services are not capped
    sim.now = moscow(3, 0, 0);
    expect(sim.issue('benefits')).toMatchObject({ number: 'C001', day: '2026-03-03' });
  });

  it('I3, I2: the daily cap counts tickets, not numbers: numbers skipped for an earlier day\'s open ticket do not use it up', () => {
    const sim = new Sim({ now: moscow(2, 23, 50) });
    sim.issue('benefits');
    sim.open('4');
    sim.callNext('4'); // C001, still at counter 4 after midnight
    sim.now = moscow(3, 0, 5);
    const numbers = Array.from({ length: 50 }, () => sim.issue('benefits').number);
    expect([numbers[0], numbers[49]]).toEqual(['C002', 'C051']);
    expect(sim.errorOf({ type: 'issue', ticketId: 'over', serviceId: 'benefits', lane: 'normal' })).toBe(ErrorCode.DailyCapReached);
    expect(sim.state.issuedToday.get('benefits')).toBe(50);
  });
});

describe('calling the next ticket', () => {
  it('T1: a ticket transferred to counter C is called there first, before older tickets of its services', () => {
    const sim = new Sim();
    sim.issue('property'); // B001 at 0
    sim.advance(1);
    sim.issue('property'); // B002 at 1
    sim.advance(1);
    sim.issue('passport'); // A001 at 2
    sim.open('1');
    expect(sim.callNext('1').number).toBe('A001');
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' });
    sim.open('3');
    expect(sim.serveNext('3')).toBe('A001');
    expect(sim.serveNext('3')).toBe('B001');
  });

  it('T5: a call limited to the caller\'s training skips other services, but not a ticket sent to the counter', () => {
    const sim = new Sim();
    sim.open('1'); // passport
    sim.open('2'); // passport primary, property secondary
    sim.issue('property'); // B001, oldest
    sim.advance(1);
    sim.issue('passport'); // A001
    sim.advance(1);
    sim.issue('passport'); // A002
    const only = ['passport'];
    const called = (facts: FactBody[]) => facts.find((f) => f.type === 'ticket:called');
    expect(called(sim.run({ type: 'call-next', counterId: '2', only }))).toMatchObject({ ticket: { number: 'A001' } });
    sim.run({ type: 'complete', counterId: '2' });
    // Counter 1 sends A002 to counter 2 for property: a ticket sent to the counter is still its to call.
    expect(sim.callNext('1').number).toBe('A002');
    sim.open('2'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property', toCounterId: '2' });
    expect(called(sim.run({ type: 'call-next', counterId: '2', only }))).toMatchObject({ ticket: { number: 'A002' } });
    sim.run({ type: 'complete', counterId: '2' });
    expect(sim.errorOf({ type: 'call-next', counterId: '2', only })).toBe('QUEUE_EMPTY');
    expect(sim.callNext('2').number).toBe('B001');
  });

  it('T1: only the target counter calls a transferred ticket', () => {
    const sim = new Sim();
    sim.issue('passport');
    sim.open('1');
    sim.open('2');
    sim.callNext('1');
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' });
    expect(sim.errorOf({ type: 'call-next', counterId: '1' })).toBe(ErrorCode.QueueEmpty);
    expect(sim.errorOf({ type: 'call-next', counterId: '2' })).toBe(ErrorCode.QueueEmpty);
    sim.open('3');
    expect(sim.callNext('3')).toMatchObject({ number: 'A001', serviceId: 'passport', targetCounterId: null, counterId: '3' });
  });

  it('T1: among tickets transferred to C the oldest place goes first, even before a guard-aged ticket', () => {
    const sim = new Sim();
    sim.issue('property'); // B001 at 0
    sim.advance(1);
    sim.issue('passport'); // A001 at 1
    sim.advance(1);
    sim.issue('passport'); // A002 at 2
    sim.open('1');
    sim.open('2');
    expect(sim.callNext('1').number).toBe('A001');
    expect(sim.callNext('2').number).toBe('A002');
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '2', toCounterId: '3' }); // A002 first
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' });
    sim.run({ type: 'close', counterId: '1' });
    sim.run({ type: 'close', counterId: '2' });
    sim.advance(40); // B001 has waited past the guard
    sim.open('3');
    expect(pickNext(sim.state, sim.counter('3'), sim.now)?.rule).toBe('T1');
    expect(sim.serveNext('3')).toBe('A001');
    expect(sim.serveNext('3')).toBe('A002');
    expect(pickNext(sim.state, sim.counter('3'), sim.now)?.rule).toBe('G1');
    expect(sim.serveNext('3')).toBe('B001');
  });

  it('G1: a ticket that has waited maxWaitGuardMin is called first, even a secondary-service normal one before a priority one', () => {
    const sim = new Sim();
    sim.issue('property'); // B001 at 0: secondary at counter 2
    sim.advance(10);
    sim.issue('passport'); // A001 normal at 10
    sim.issue('passport', 'priority'); // A002 priority at 10
    sim.open('2');
    sim.now = at(30) - 1;
    expect(sim.wouldCall('2')).toBe('A002');
    sim.now = at(30);
    expect(pickNext(sim.state, sim.counter('2'), sim.now)?.rule).toBe('G1');
    expect(sim.serveNext('2')).toBe('B001');
    expect(sim.serveNext('2')).toBe('A002');
  });

  it('G1: of the tickets past the guard, the one that has waited longest goes, whatever its lane', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 normal at 0
    sim.advance(1);
    sim.issue('passport', 'priority'); // A002 priority at 1: better rank, shorter wait
    sim.open('1');
    sim.advance(40);
    expect(sim.serveNext('1')).toBe('A001');
  });

  it('G1: the guard follows maxWaitGuardMin', () => {
    const sim = new Sim({ policy: { maxWaitGuardMin: 5 } });
    sim.issue('property'); // B001 at 0
    sim.advance(1);
    sim.issue('passport');
    sim.open('2');
    sim.advance(3); // B001 waited 4
    expect(sim.wouldCall('2')).toBe('A001');
    sim.advance(1); // 5
    expect(sim.wouldCall('2')).toBe('B001');
  });

  it('P4: a priority ticket of a secondary service competes with the primary queue (and beats it here)', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 normal at 0, primary at counter 2
    sim.advance(5);
    sim.issue('property', 'priority'); // B001 priority at 5: rank 5 - 20 = -15
    sim.open('2');
    expect(pickNext(sim.state, sim.counter('2'), sim.now)?.rule).toBe('P1');
    expect(sim.serveNext('2')).toBe('B001');
    expect(sim.serveNext('2')).toBe('A001');
  });

  it('P4: priority tickets of primary and secondary services rank together', () => {
    const sim = new Sim();
    sim.issue('property', 'priority'); // B001 priority at 0 (secondary)
    sim.advance(2);
    sim.issue('passport', 'priority'); // A001 priority at 2 (primary)
    sim.issue('passport'); // A002 normal at 2
    sim.open('2');
    expect(['B001', 'A001', 'A002'].map(() => sim.serveNext('2'))).toEqual(['B001', 'A001', 'A002']);
  });

  it('S1: a counter calls its primary service before an older normal ticket of its secondary one', () => {
    const sim = new Sim();
    sim.issue('property'); // B001 at 0
    sim.advance(5);
    sim.issue('passport'); // A001 at 5
    sim.open('2');
    expect(sim.serveNext('2')).toBe('A001');
    expect(pickNext(sim.state, sim.counter('2'), sim.now)?.rule).toBe('S1');
    expect(sim.serveNext('2')).toBe('B001');
    expect(sim.errorOf({ type: 'call-next', counterId: '2' })).toBe(ErrorCode.QueueEmpty);
  });

  it('S1: with secondaryWhenIdle off, an idle counter leaves its secondary queue to the guard (G1)', () => {
    const sim = new Sim({ policy: { secondaryWhenIdle: false, maxWaitGuardMin: 15 } });
    sim.issue('property'); // B001 at 0, a secondary service of counter 2
    sim.open('2');
    expect(sim.errorOf({ type: 'call-next', counterId: '2' })).toBe(ErrorCode.QueueEmpty);
    sim.advance(15);
    expect(pickNext(sim.state, sim.counter('2'), sim.now)?.rule).toBe('G1');
    expect(sim.serveNext('2')).toBe('B001');
  });

  it('S1: secondary tickets are ranked by P1/P3 among themselves', () => {
    const sim = new Sim();
    sim.issue('property'); // B001 normal at 0
    sim.advance(5);
    sim.issue('property', 'booked'); // B002 booked at 5: rank -5
    sim.open('2');
    expect(sim.serveNext('2')).toBe('B002');
    expect(sim.serveNext('2')).toBe('B001');
  });

  it('P1: a priority ticket is called before an older normal one', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 at 0
    sim.advance(5);
    sim.issue('passport', 'priority'); // A002 at 5
    sim.open('1');
    expect(sim.serveNext('1')).toBe('A002');
    expect(sim.serveNext('1')).toBe('A001');
  });

  it('P1: a booked ticket counts bookedHeadStartMin earlier', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 at 0
    sim.advance(9);
    sim.issue('passport', 'booked'); // A002 at 9: rank -1
    sim.advance(2);
    sim.issue('passport', 'booked'); // A003 at 11: rank 1
    sim.open('1');
    expect([1, 2, 3].map(() => sim.serveNext('1'))).toEqual(['A002', 'A001', 'A003']);
  });

  it('P3: a normal ticket that has waited more than priorityHeadStartMin longer goes first (aging)', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 normal at 0
    sim.advance(21);
    sim.issue('passport', 'priority'); // A002 priority at 21: rank 1
    sim.open('1');
    expect(sim.serveNext('1')).toBe('A001');
    expect(sim.serveNext('1')).toBe('A002');
  });

  it('P3: the head start is exact: 19.9 minutes later the priority ticket still goes first', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 at 0
    sim.advance(19.9);
    sim.issue('passport', 'priority'); // A002 rank -0.1
    sim.open('1');
    expect(sim.wouldCall('1')).toBe('A002');
  });

  it('P3: head starts come from the policy', () => {
    const sim = new Sim({ policy: { priorityHeadStartMin: 0, bookedHeadStartMin: 0 } });
    sim.issue('passport'); // A001 at 0
    sim.advance(1);
    sim.issue('passport', 'priority');
    sim.issue('passport', 'booked');
    sim.open('1');
    expect([1, 2, 3].map(() => sim.serveNext('1'))).toEqual(['A001', 'A002', 'A003']);
  });

  it('P2: after priorityInterleave priority calls in a row the best non-priority ticket goes next', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 normal
    sim.advance(1);
    sim.issue('passport', 'booked'); // A002 booked
    for (let i = 0; i < 5; i++) {
      sim.advance(1);
      sim.issue('passport', 'priority'); // A003…A007
    }
    sim.open('1');
    const calls: string[] = [];
    const streaks: number[] = [];
    for (let i = 0; i < 7; i++) {
      calls.push(sim.serveNext('1'));
      streaks.push(sim.counter('1').priorityStreak);
    }
    // The booked A002 (rank 1 - 10 = -9) is the best non-priority ticket.
    expect(calls).toEqual(['A003', 'A004', 'A005', 'A002', 'A006', 'A007', 'A001']);
    expect(streaks).toEqual([1, 2, 3, 0, 1, 2, 0]);
  });

  it('P2: with no non-priority ticket in the pool the priority lane goes on; the next normal ticket interleaves at once', () => {
    const sim = new Sim();
    for (let i = 0; i < 5; i++) sim.issue('passport', 'priority'); // A001…A005
    sim.open('1');
    for (let i = 0; i < 4; i++) sim.serveNext('1');
    expect(sim.counter('1').priorityStreak).toBe(4);
    sim.issue('passport', 'priority'); // A006
    sim.issue('passport'); // A007 normal
    expect(pickNext(sim.state, sim.counter('1'), sim.now)?.rule).toBe('P2');
    expect(sim.serveNext('1')).toBe('A007');
    expect(sim.serveNext('1')).toBe('A005');
  });

  it('P2: a secondary-service normal ticket is not in the pool, so the interleave does not reach it', () => {
    const sim = new Sim({ policy: { priorityInterleave: 1 } });
    sim.issue('property'); // B001 normal: secondary at counter 2
    sim.issue('passport', 'priority'); // A001
    sim.issue('passport', 'priority'); // A002
    sim.open('2');
    expect(sim.serveNext('2')).toBe('A001');
    expect(sim.serveNext('2')).toBe('A002');
    expect(sim.serveNext('2')).toBe('B001');
  });

  it('P2: the interleave follows priorityInterleave, and closing the counter resets the streak', () => {
    const sim = new Sim({ policy: { priorityInterleave: 1 } });
    for (let i = 0; i < 3; i++) sim.issue('passport'); // A001…A003
    for (let i = 0; i < 3; i++) sim.issue('passport', 'priority'); // A004…A006
    sim.open('1');
    expect([1, 2, 3].map(() => sim.serveNext('1'))).toEqual(['A004', 'A001', 'A005']);
    sim.run({ type: 'close', counterId: '1' });
    expect(sim.counter('1').priorityStreak).toBe(0);
    sim.open('1');
    expect(sim.serveNext('1')).toBe('A006');
  });

  it('F1: equal places in line go by the lower number', () => {
    const sim = new Sim();
    const a1 = sim.issue('passport', 'priority'); // A001, id t1
    sim.issue('passport', 'priority'); // A002, id t2
    sim.issue('property', 'priority'); // B001, id t3: same place, lower number than A002
    sim.run({ type: 'cancel', ticketId: a1.id });
    sim.open('2');
    expect(sim.serveNext('2')).toBe('B001');
    expect(sim.serveNext('2')).toBe('A002');
  });

  it('F1: equal ranks go by the earlier place in line', () => {
    const sim = new Sim();
    sim.issue('passport'); // A001 at 0, rank 0
    sim.advance(20);
    sim.issue('passport', 'priority'); // A002 at 20, rank 0
    sim.open('1');
    expect(sim.serveNext('1')).toBe('A001');
  });

  it('E1: with no candidate, call-next is refused with QUEUE_EMPTY and nothing changes', () => {
    const sim = new Sim();
    sim.open('1');
    expect(sim.errorOf({ type: 'call-next', counterId: '1' })).toBe(ErrorCode.QueueEmpty);
    sim.issue('property'); // not counter 1's service
    const cancelled = sim.issue('passport');
    sim.run({ type: 'cancel', ticketId: cancelled.id });
    sim.issue('passport');
    sim.open('4');
    sim.run({ type: 'set-services', counterId: '4', services: [{ serviceId: 'passport', role: 'primary' }], reason: 'help' });
    sim.callNext('4');
    sim.open('2'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '4', toCounterId: '2' }); // waiting for counter 2 only
    const before = snapshotOf(sim.state);
    const d = sim.tryRun({ type: 'call-next', counterId: '1' });
    expect(d).toMatchObject({ ok: false, error: { code: ErrorCode.QueueEmpty } });
    expect(snapshotOf(sim.state)).toEqual(before);
  });
});

describe('a called ticket', () => {
  function calledAt1(sim: Sim): Ticket {
    const t = sim.issue('passport');
    sim.open('1');
    sim.callNext('1');
    return t;
  }

  it('R1: recall repeats the call (recalls counted, call time renewed) up to recallLimit times', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.advance(1);
    const facts = sim.run({ type: 'recall', counterId: '1' });
    expect(types(facts)).toEqual(['ticket:recalled']);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'called', recalls: 1, calledAt: at(1), firstCalledAt: T0, counterId: '1' });
    sim.advance(1);
    sim.run({ type: 'recall', counterId: '1' });
    expect(sim.ticket(t.id)).toMatchObject({ status: 'called', recalls: 2, calledAt: at(2) });
    expect(sim.counter('1').currentTicketId).toBe(t.id);
  });

  it('R1: one more recall after the limit makes the ticket a no-show with reason recall-limit and frees the counter', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.issue('passport');
    sim.run({ type: 'recall', counterId: '1' });
    sim.run({ type: 'recall', counterId: '1' });
    sim.advance(1);
    const facts = sim.run({ type: 'recall', counterId: '1' });
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ type: 'ticket:no-show', reason: 'recall-limit', counter: { id: '1', currentTicketId: null } });
    expect(sim.ticket(t.id)).toMatchObject({ status: 'no_show', finishedAt: at(1) });
    expect(sim.counter('1').currentTicketId).toBeNull();
    expect(sim.callNext('1').number).toBe('A002');
  });

  it('R1: with recallLimit 0 the first recall is a no-show', () => {
    const sim = new Sim({ policy: { recallLimit: 0 } });
    const t = calledAt1(sim);
    expect(sim.run({ type: 'recall', counterId: '1' })[0]).toMatchObject({ type: 'ticket:no-show', reason: 'recall-limit' });
    expect(sim.ticket(t.id).status).toBe('no_show');
  });

  it('R2: start turns called into serving; complete turns serving into done and frees the counter', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.advance(2);
    expect(types(sim.run({ type: 'start', counterId: '1' }))).toEqual(['ticket:started']);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'serving', calledAt: T0, startedAt: at(2), counterId: '1' });
    expect(sim.counter('1').currentTicketId).toBe(t.id);
    sim.advance(5);
    const facts = sim.run({ type: 'complete', counterId: '1' });
    expect(types(facts)).toEqual(['ticket:completed']);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'done', startedAt: at(2), finishedAt: at(7) });
    expect(sim.counter('1')).toMatchObject({ status: 'open', currentTicketId: null });
    expect(sim.state.waiting.has(t.id)).toBe(false);
  });

  it('R2: complete without start counts the service from the call', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.advance(4);
    sim.run({ type: 'complete', counterId: '1' });
    expect(sim.ticket(t.id)).toMatchObject({ status: 'done', calledAt: T0, startedAt: T0, finishedAt: at(4) });
  });

  it('R2: no-show turns a called ticket into no_show (reason marked) and frees the counter', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.advance(3);
    const facts = sim.run({ type: 'no-show', counterId: '1' });
    expect(facts).toEqual([
      expect.objectContaining({ type: 'ticket:no-show', reason: 'marked', counter: expect.objectContaining({ currentTicketId: null }) }),
    ]);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'no_show', finishedAt: at(3) });
    expect(sim.counter('1').currentTicketId).toBeNull();
  });

  it('R2: a serving ticket cannot be started again, recalled or marked a no-show', () => {
    const sim = new Sim();
    calledAt1(sim);
    sim.run({ type: 'start', counterId: '1' });
    for (const type of ['start', 'recall', 'no-show'] as const) {
      expect(sim.errorOf({ type, counterId: '1' })).toBe(ErrorCode.InvalidTransition);
    }
  });

  it('N1: a no-show reactivated within noShowReactivateMin waits again with its original place in line', () => {
    const sim = new Sim({ policy: { maxWaitGuardMin: 600 } });
    const a1 = sim.issue('passport'); // at 0
    sim.advance(1);
    sim.issue('passport'); // A002 at 1
    sim.open('1');
    sim.advance(1);
    sim.callNext('1');
    sim.run({ type: 'recall', counterId: '1' });
    sim.run({ type: 'no-show', counterId: '1' }); // at 2
    sim.advance(1);
    sim.issue('passport'); // A003 at 3
    sim.now = at(2) + min(30); // exactly the window
    const facts = sim.run({ type: 'reactivate', ticketId: a1.id });
    expect(types(facts)).toEqual(['ticket:reactivated']);
    expect(sim.ticket(a1.id)).toMatchObject({
      status: 'waiting',
      number: 'A001',
      queuedAt: T0,
      issuedAt: T0,
      counterId: null,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recalls: 0,
      firstCalledAt: at(2),
    });
    expect(etaOf(sim.state, a1.id, sim.now).position).toBe(1);
    expect(sim.serveNext('1')).toBe('A001');
    expect(sim.serveNext('1')).toBe('A002');
  });

  it('N1: later than the window the reactivation is refused with REACTIVATION_EXPIRED', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.run({ type: 'no-show', counterId: '1' });
    sim.now = T0 + min(30) + 1;
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'reactivate', ticketId: t.id })).toBe(ErrorCode.ReactivationExpired);
    expect(snapshotOf(sim.state)).toEqual(before);
    expect(sim.ticket(t.id).status).toBe('no_show');
  });

  it('N1: the window follows noShowReactivateMin; only a no-show can be reactivated', () => {
    const sim = new Sim({ policy: { noShowReactivateMin: 5 } });
    const t = calledAt1(sim);
    expect(sim.errorOf({ type: 'reactivate', ticketId: t.id })).toBe(ErrorCode.InvalidTransition);
    sim.run({ type: 'no-show', counterId: '1' });
    sim.advance(6);
    expect(sim.errorOf({ type: 'reactivate', ticketId: t.id })).toBe(ErrorCode.ReactivationExpired);
    expect(sim.errorOf({ type: 'reactivate', ticketId: 'nope' })).toBe(ErrorCode.UnknownTicket);
    const w = sim.issue('passport');
    expect(sim.errorOf({ type: 'reactivate', ticketId: w.id })).toBe(ErrorCode.InvalidTransition);
  });

  it('T2: a transfer to another service keeps the number and the original place in line', () => {
    const sim = new Sim();
    const a1 = sim.issue('passport'); // A001 at 0
    sim.advance(5);
    sim.issue('property'); // B001 at 5
    sim.advance(1);
    sim.issue('property'); // B002 at 6
    sim.open('1');
    sim.advance(1);
    sim.callNext('1');
    const facts = sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property' });
    expect(facts).toEqual([
      expect.objectContaining({
        type: 'ticket:transferred',
        fromServiceId: 'passport',
        fromCounterId: '1',
        toServiceId: 'property',
        toCounterId: null,
        counter: expect.objectContaining({ id: '1', currentTicketId: null }),
      }),
    ]);
    expect(sim.ticket(a1.id)).toMatchObject({
      status: 'waiting',
      serviceId: 'property',
      issuedServiceId: 'passport',
      number: 'A001',
      queuedAt: T0,
      transfers: 1,
      counterId: null,
      calledAt: null,
      targetCounterId: null,
      returnServiceId: null,
    });
    expect(computeEtas(sim.state, sim.now)[a1.id]?.position).toBe(1);
    sim.open('3');
    expect(sim.serveNext('3')).toBe('A001');
    expect(sim.serveNext('3')).toBe('B001');
  });

  it('T2: a serving ticket can be transferred to a service and a counter at once', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.run({ type: 'start', counterId: '1' });
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property', toCounterId: '3' });
    expect(sim.ticket(t.id)).toMatchObject({ status: 'waiting', serviceId: 'property', targetCounterId: '3', startedAt: null, queuedAt: T0 });
    sim.open('3');
    expect(sim.callNext('3')).toMatchObject({ id: t.id, number: 'A001', transfers: 1 });
  });

  it('T2: refused transfers: same service without a counter, the holding counter, unknown targets, no ticket', () => {
    const sim = new Sim();
    calledAt1(sim);
    expect(sim.errorOf({ type: 'transfer', counterId: '1' })).toBe(ErrorCode.InvalidTransition);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toServiceId: 'passport' })).toBe(ErrorCode.InvalidTransition);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toCounterId: '1' })).toBe(ErrorCode.InvalidTransition);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toServiceId: 'visa' })).toBe(ErrorCode.UnknownService);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toCounterId: '9' })).toBe(ErrorCode.UnknownCounter);
    sim.open('3');
    expect(sim.errorOf({ type: 'transfer', counterId: '3', toServiceId: 'passport' })).toBe(ErrorCode.CounterIdle);
  });

  it('T4: a transfer asking to return brings the ticket back to the first service, with its original place, when the second completes', () => {
    const sim = new Sim({ policy: { maxWaitGuardMin: 600 } });
    const a1 = sim.issue('passport'); // A001 at 0
    sim.advance(1);
    sim.issue('passport'); // A002 at 1
    sim.open('1');
    sim.callNext('1');
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property', returnToService: true });
    expect(sim.ticket(a1.id)).toMatchObject({ serviceId: 'property', returnServiceId: 'passport' });
    sim.open('3');
    expect(sim.callNext('3').number).toBe('A001');
    sim.advance(10);
    const facts = sim.run({ type: 'complete', counterId: '3' });
    expect(types(facts)).toEqual(['ticket:completed', 'ticket:returned']);
    expect(facts[0]).toMatchObject({ ticket: { status: 'done', serviceId: 'property' }, counter: { id: '3', currentTicketId: null } });
    expect(facts[1]).toMatchObject({ fromServiceId: 'property', counter: null });
    expect(sim.ticket(a1.id)).toMatchObject({
      status: 'waiting',
      serviceId: 'passport',
      returnServiceId: null,
      queuedAt: T0,
      number: 'A001',
      counterId: null,
      finishedAt: null,
    });
    expect(sim.state.waiting.has(a1.id)).toBe(true);
    sim.issue('passport'); // A003 later
    expect(sim.serveNext('1')).toBe('A001');
    expect(sim.ticket(a1.id).status).toBe('done');
    expect(sim.serveNext('1')).toBe('A002');
  });

  it('T4: without the return the ticket is done after the second service', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property' });
    sim.open('3');
    sim.callNext('3');
    expect(types(sim.run({ type: 'complete', counterId: '3' }))).toEqual(['ticket:completed']);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'done', serviceId: 'property' });
  });

  it('X1: a waiting ticket can be cancelled and is then never called', () => {
    const sim = new Sim();
    const t = sim.issue('passport');
    sim.advance(3);
    expect(types(sim.run({ type: 'cancel', ticketId: t.id }))).toEqual(['ticket:cancelled']);
    expect(sim.ticket(t.id)).toMatchObject({ status: 'cancelled', finishedAt: at(3) });
    expect(sim.state.waiting.size).toBe(0);
    sim.open('1');
    expect(sim.errorOf({ type: 'call-next', counterId: '1' })).toBe(ErrorCode.QueueEmpty);
  });

  it('X1: only a waiting ticket can be cancelled', () => {
    const sim = new Sim();
    const t = calledAt1(sim);
    expect(sim.errorOf({ type: 'cancel', ticketId: t.id })).toBe(ErrorCode.InvalidTransition);
    sim.run({ type: 'start', counterId: '1' });
    expect(sim.errorOf({ type: 'cancel', ticketId: t.id })).toBe(ErrorCode.InvalidTransition);
    sim.run({ type: 'complete', counterId: '1' });
    expect(sim.errorOf({ type: 'cancel', ticketId: t.id })).toBe(ErrorCode.InvalidTransition);
    const w = sim.issue('passport');
    sim.run({ type: 'cancel', ticketId: w.id });
    expect(sim.errorOf({ type: 'cancel', ticketId: w.id })).toBe(ErrorCode.InvalidTransition);
    expect(sim.errorOf({ type: 'cancel', ticketId: 'nope' })).toBe(ErrorCode.UnknownTicket);
  });
});

describe('counters', () => {
  it('C1: open → pause with a reason → resume → close', () => {
    const sim = new Sim();
    expect(sim.counter('1')).toMatchObject({ status: 'closed', staffLogin: null });
    sim.advance(1);
    expect(types(sim.run({ type: 'open', counterId: '1', staffLogin: 'op1' }))).toEqual(['counter:opened']);
    expect(sim.counter('1')).toMatchObject({ status: 'open', staffLogin: 'op1', changedAt: at(1) });
    sim.advance(1);
    expect(types(sim.run({ type: 'pause', counterId: '1', reason: 'lunch' }))).toEqual(['counter:paused']);
    expect(sim.counter('1')).toMatchObject({ status: 'paused', pauseReason: 'lunch', staffLogin: 'op1', changedAt: at(2) });
    expect(types(sim.run({ type: 'resume', counterId: '1' }))).toEqual(['counter:resumed']);
    expect(sim.counter('1')).toMatchObject({ status: 'open', pauseReason: null });
    sim.run({ type: 'pause', counterId: '1', reason: 'break' });
    expect(types(sim.run({ type: 'close', counterId: '1' }))).toEqual(['counter:closed']);
    expect(sim.counter('1')).toMatchObject({ status: 'closed', staffLogin: null, pauseReason: null, currentTicketId: null });
  });

  it('C1: opening again by the holder changes nothing; another staff member needs a takeover', () => {
    const sim = new Sim();
    sim.issue('passport');
    sim.open('1', 'op1');
    const t = sim.callNext('1');
    expect(sim.run({ type: 'open', counterId: '1', staffLogin: 'op1' })).toEqual([]);
    expect(sim.errorOf({ type: 'open', counterId: '1', staffLogin: 'op2' })).toBe(ErrorCode.CounterHeld);
    sim.run({ type: 'open', counterId: '1', staffLogin: 'op2', takeover: true });
    expect(sim.counter('1')).toMatchObject({ status: 'open', staffLogin: 'op2', currentTicketId: t.id });
  });

  it('C1: pause and close are refused while the counter holds a ticket', () => {
    const sim = new Sim();
    sim.issue('passport');
    sim.open('1');
    sim.callNext('1');
    expect(sim.errorOf({ type: 'pause', counterId: '1', reason: 'x' })).toBe(ErrorCode.CounterBusy);
    expect(sim.errorOf({ type: 'close', counterId: '1' })).toBe(ErrorCode.CounterBusy);
    sim.run({ type: 'start', counterId: '1' });
    expect(sim.errorOf({ type: 'close', counterId: '1' })).toBe(ErrorCode.CounterBusy);
    sim.run({ type: 'complete', counterId: '1' });
    expect(types(sim.run({ type: 'close', counterId: '1' }))).toEqual(['counter:closed']);
  });

  it('C2: live services may change within canServe; the counter then calls the new service', () => {
    const sim = new Sim();
    sim.issue('property'); // B001
    sim.open('1');
    expect(sim.errorOf({ type: 'call-next', counterId: '1' })).toBe(ErrorCode.QueueEmpty);
    sim.advance(1);
    const services = [
      { serviceId: 'passport', role: 'primary' as const },
      { serviceId: 'property', role: 'secondary' as const },
    ];
    const facts = sim.run({ type: 'set-services', counterId: '1', services, reason: 'merge' });
    expect(facts).toEqual([
      expect.objectContaining({ type: 'counter:services-changed', previous: [{ serviceId: 'passport', role: 'primary' }], reason: 'merge' }),
    ]);
    expect(sim.counter('1')).toMatchObject({ services, changedAt: at(1), status: 'open' });
    expect(sim.serveNext('1')).toBe('B001');
  });

  it('C2: NOT_QUALIFIED outside canServe (by default the planned services)', () => {
    const sim = new Sim();
    const set = (counterId: string, serviceId: string) =>
      sim.tryRun({ type: 'set-services', counterId, services: [{ serviceId, role: 'primary' }], reason: 'r' });
    const before = snapshotOf(sim.state);
    expect(set('1', 'benefits')).toMatchObject({ ok: false, error: { code: ErrorCode.NotQualified } });
    expect(set('3', 'passport')).toMatchObject({ ok: false, error: { code: ErrorCode.NotQualified } });
    expect(set('2', 'benefits')).toMatchObject({ ok: false, error: { code: ErrorCode.NotQualified } });
    expect(snapshotOf(sim.state)).toEqual(before);
    expect(set('4', 'passport')).toMatchObject({ ok: true });
    expect(set('2', 'property')).toMatchObject({ ok: true });
    expect(sim.counter('4').services).toEqual([{ serviceId: 'passport', role: 'primary' }]);
    expect(sim.counter('2').services).toEqual([{ serviceId: 'property', role: 'primary' }]);
  });

  it('C2: unknown or repeated services and unknown counters are refused', () => {
    const sim = new Sim();
    const p = { serviceId: 'passport', role: 'primary' as const };
    expect(sim.errorOf({ type: 'set-services', counterId: '1', services: [{ serviceId: 'visa', role: 'primary' }], reason: 'r' })).toBe(
      ErrorCode.UnknownService,
    );
    expect(sim.errorOf({ type: 'set-services', counterId: '1', services: [p, p], reason: 'r' })).toBe(ErrorCode.BadRequest);
    expect(sim.errorOf({ type: 'set-services', counterId: '9', services: [p], reason: 'r' })).toBe(ErrorCode.UnknownCounter);
  });

  /**
   * A center in the middle of a day: counter 1 holds a called ticket, 2 serves one, 3 is paused,
   * 4 is closed; tickets waiting, done, no-show and cancelled.
   */
  function busyCenter() {
    const sim = new Sim();
    const called = sim.issue('passport');
    const serving = sim.issue('passport');
    const waiting = sim.issue('passport');
    const cancelled = sim.issue('property');
    sim.issue('property');
    const done = sim.issue('benefits');
    const noShow = sim.issue('benefits');
    sim.open('4', 'op4');
    expect(sim.serveNext('4')).toBe('C001');
    sim.callNext('4');
    sim.run({ type: 'no-show', counterId: '4' });
    sim.run({ type: 'close', counterId: '4' });
    sim.open('1', 'op1');
    expect(sim.callNext('1').id).toBe(called.id);
    sim.open('2', 'op2');
    expect(sim.callNext('2').id).toBe(serving.id);
    sim.run({ type: 'start', counterId: '2' });
    sim.open('3', 'op3');
    sim.run({ type: 'pause', counterId: '3', reason: 'lunch' });
    sim.run({ type: 'cancel', ticketId: cancelled.id });
    sim.advance(5);
    return { sim, ids: { called: called.id, serving: serving.id, waiting: waiting.id, cancelled: cancelled.id, done: done.id, noShow: noShow.id } };
  }

  type Ids = ReturnType<typeof busyCenter>['ids'];
  const c3: [string, (ids: Ids) => Command, string][] = [
    ['call-next on a counter holding a ticket', () => ({ type: 'call-next', counterId: '1' }), ErrorCode.CounterBusy],
    ['pause a counter holding a ticket', () => ({ type: 'pause', counterId: '1', reason: 'x' }), ErrorCode.CounterBusy],
    ['close a counter holding a ticket', () => ({ type: 'close', counterId: '2' }), ErrorCode.CounterBusy],
    ['resume an open counter', () => ({ type: 'resume', counterId: '1' }), ErrorCode.InvalidTransition],
    ['start a serving ticket', () => ({ type: 'start', counterId: '2' }), ErrorCode.InvalidTransition],
    ['recall a serving ticket', () => ({ type: 'recall', counterId: '2' }), ErrorCode.InvalidTransition],
    ['mark a serving ticket a no-show', () => ({ type: 'no-show', counterId: '2' }), ErrorCode.InvalidTransition],
    ['call-next on a paused counter', () => ({ type: 'call-next', counterId: '3' }), ErrorCode.CounterPaused],
    ['pause a paused counter', () => ({ type: 'pause', counterId: '3', reason: 'y' }), ErrorCode.InvalidTransition],
    ['open a paused counter held by someone else', () => ({ type: 'open', counterId: '3', staffLogin: 'op9' }), ErrorCode.CounterHeld],
    ['start at a paused counter', () => ({ type: 'start', counterId: '3' }), ErrorCode.CounterIdle],
    ['call-next on a closed counter', () => ({ type: 'call-next', counterId: '4' }), ErrorCode.CounterClosed],
    ['pause a closed counter', () => ({ type: 'pause', counterId: '4', reason: 'z' }), ErrorCode.CounterClosed],
    ['resume a closed counter', () => ({ type: 'resume', counterId: '4' }), ErrorCode.InvalidTransition],
    ['close a closed counter', () => ({ type: 'close', counterId: '4' }), ErrorCode.InvalidTransition],
    ['complete at a closed counter', () => ({ type: 'complete', counterId: '4' }), ErrorCode.CounterIdle],
    ['transfer from a closed counter', () => ({ type: 'transfer', counterId: '4', toServiceId: 'passport' }), ErrorCode.CounterIdle],
    ['cancel a called ticket', (ids) => ({ type: 'cancel', ticketId: ids.called }), ErrorCode.InvalidTransition],
    ['cancel a serving ticket', (ids) => ({ type: 'cancel', ticketId: ids.serving }), ErrorCode.InvalidTransition],
    ['cancel a done ticket', (ids) => ({ type: 'cancel', ticketId: ids.done }), ErrorCode.InvalidTransition],
    ['cancel a no-show', (ids) => ({ type: 'cancel', ticketId: ids.noShow }), ErrorCode.InvalidTransition],
    ['cancel a cancelled ticket', (ids) => ({ type: 'cancel', ticketId: ids.cancelled }), ErrorCode.InvalidTransition],
    ['reactivate a waiting ticket', (ids) => ({ type: 'reactivate', ticketId: ids.waiting }), ErrorCode.InvalidTransition],
    ['reactivate a called ticket', (ids) => ({ type: 'reactivate', ticketId: ids.called }), ErrorCode.InvalidTransition],
    ['reactivate a done ticket', (ids) => ({ type: 'reactivate', ticketId: ids.done }), ErrorCode.InvalidTransition],
    ['reactivate a cancelled ticket', (ids) => ({ type: 'reactivate', ticketId: ids.cancelled }), ErrorCode.InvalidTransition],
    ['call-next on an unknown counter', () => ({ type: 'call-next', counterId: '9' }), ErrorCode.UnknownCounter],
    ['cancel an unknown ticket', () => ({ type: 'cancel', ticketId: 'nope' }), ErrorCode.UnknownTicket],
  ];

  it.each(c3)('C3: %s is refused, emits nothing and changes nothing', (_name, make, code) => {
    const { sim, ids } = busyCenter();
    const before = snapshotOf(sim.state);
    const d = tryRun(sim.state, make(ids), sim.now);
    expect(d).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    expect(snapshotOf(sim.state)).toEqual(before);
    // And the center still works afterwards.
    expect(sim.state.counters.get('1')?.currentTicketId).toBe(ids.called);
  });

  it('C3: the busy center the refusals start from is as described', () => {
    const { sim, ids } = busyCenter();
    expect([1, 2, 3, 4].map((n) => sim.counter(String(n)).status)).toEqual(['open', 'open', 'paused', 'closed']);
    expect(sim.ticket(ids.called).status).toBe('called');
    expect(sim.ticket(ids.serving).status).toBe('serving');
    expect(sim.ticket(ids.done).status).toBe('done');
    expect(sim.ticket(ids.noShow).status).toBe('no_show');
    expect(sim.ticket(ids.cancelled).status).toBe('cancelled');
    expect(sim.ticket(ids.waiting).status).toBe('waiting');
  });

  it('C3: decide never writes the state, accepted or not', () => {
    const { sim } = busyCenter();
    const before = snapshotOf(sim.state);
    const cmds: Command[] = [
      { type: 'complete', counterId: '2' },
      { type: 'transfer', counterId: '1', toServiceId: 'property', returnToService: true },
      { type: 'resume', counterId: '3' },
      { type: 'issue', ticketId: 'new', serviceId: 'passport', lane: 'normal' },
      { type: 'open', counterId: '4', staffLogin: 'op4' },
    ];
    for (const cmd of cmds) {
      const d = decide(sim.state, cmd, sim.now);
      expect(d.ok).toBe(true);
      expect(snapshotOf(sim.state)).toEqual(before);
    }
  });
});

describe('no ticket that nobody will call (I5, T6)', () => {
  /** The test center plus "visa", a service no counter plans or can be switched to. */
  const withVisa = () =>
    new Sim({ edit: (cfg) => void cfg.services.push({ id: 'visa', prefix: 'V', names: { en: 'Visa' } }) });

  it('I5: a ticket is not issued for a service no counter serves or can be switched to', () => {
    const sim = withVisa();
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'issue', ticketId: 'v1', serviceId: 'visa', lane: 'normal' })).toBe(ErrorCode.ServiceClosed);
    expect(snapshotOf(sim.state)).toEqual(before);
    // "property" is only in counter 1's canServe and counter 2's secondaries: it can be called, so it is issued.
    expect(sim.issue('property').number).toBe('B001');
  });

  it('I5: a transfer to a closed counter, or to a service nobody serves, is refused and changes nothing', () => {
    const sim = withVisa();
    sim.issue('passport');
    sim.open('1');
    sim.callNext('1');
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toCounterId: '3' })).toBe(ErrorCode.CounterClosed);
    expect(sim.errorOf({ type: 'transfer', counterId: '1', toServiceId: 'visa' })).toBe(ErrorCode.ServiceClosed);
    expect(snapshotOf(sim.state)).toEqual(before);
    // To a paused counter it goes: the counter comes back.
    sim.open('3');
    sim.run({ type: 'pause', counterId: '3', reason: 'lunch' });
    expect(sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' }).map((f) => f.type)).toEqual(['ticket:transferred']);
  });

  it('T6: when a counter closes, the visitors sent to it wait in their service queue again, keeping their place', () => {
    const sim = new Sim();
    const a1 = sim.issue('passport');
    sim.advance(1);
    const a2 = sim.issue('passport');
    sim.advance(1);
    const a3 = sim.issue('passport');
    sim.open('1');
    sim.open('3');
    expect(sim.callNext('1').id).toBe(a1.id);
    sim.run({ type: 'transfer', counterId: '1', toServiceId: 'property', toCounterId: '3' });
    expect(sim.callNext('1').id).toBe(a2.id);
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' });
    const facts = sim.run({ type: 'close', counterId: '3' });
    expect(facts.map((f) => [f.type, 'ticket' in f ? f.ticket.number : null])).toEqual([
      ['counter:closed', null],
      ['ticket:requeued', 'A001'],
      ['ticket:requeued', 'A002'],
    ]);
    expect(facts[1]).toMatchObject({ fromCounterId: '3', ticket: { status: 'waiting', serviceId: 'property', targetCounterId: null, queuedAt: a1.queuedAt } });
    // Back in line by their original place: A002 before A003 at a passport counter, A001 for property.
    expect(sim.callNext('1').id).toBe(a2.id);
    sim.run({ type: 'complete', counterId: '1' });
    expect(sim.callNext('1').id).toBe(a3.id);
    expect(sim.ticket(a1.id)).toMatchObject({ status: 'waiting', serviceId: 'property' });
    expect(strandedTickets(sim.state)).toEqual([]);
  });
});

describe('expected wait', () => {
  /** A001 normal at 0, A002 normal at 1, A003 priority at 2, B001 and B002 normal at 3. */
  function queue() {
    const sim = new Sim();
    const ids = [sim.issue('passport').id];
    sim.advance(1);
    ids.push(sim.issue('passport').id);
    sim.advance(1);
    ids.push(sim.issue('passport', 'priority').id);
    sim.advance(1);
    ids.push(sim.issue('property').id, sim.issue('property').id);
    return { sim, ids };
  }
  const byNumber = (sim: Sim) => {
    const etas = computeEtas(sim.state, sim.now);
    return Object.fromEntries(Object.entries(etas).map(([id, e]) => [sim.ticket(id).number, e]));
  };

  it('W1: a waiting ticket\'s position is its rank in its service in the P1/P3 order; only waiting tickets have one', () => {
    const { sim } = queue();
    sim.open('3');
    expect(sim.callNext('3').number).toBe('B001');
    const etas = byNumber(sim);
    expect(Object.keys(etas).sort()).toEqual(['A001', 'A002', 'A003', 'B002']);
    expect(etas.A003?.position).toBe(1);
    expect(etas.A001?.position).toBe(2);
    expect(etas.A002?.position).toBe(3);
    expect(etas.B002?.position).toBe(1);
    expect(etaOf(sim.state, 'unknown', sim.now)).toEqual({ position: 0, etaMin: null });
  });

  it('W1: tickets transferred to a counter are ranked among that counter\'s, oldest place first', () => {
    const { sim } = queue();
    sim.open('1');
    sim.open('2');
    expect(sim.callNext('1').number).toBe('A003');
    expect(sim.callNext('2').number).toBe('A001');
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '2', toCounterId: '3' });
    sim.open('3'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '3' });
    const etas = byNumber(sim);
    expect(etas.A001?.position).toBe(1);
    expect(etas.A003?.position).toBe(2);
    expect(etas.A002?.position).toBe(1);
    expect(etas.B001?.position).toBe(1);
    expect(etas.B002?.position).toBe(2);
  });

  it('W3: one free counter serving only the service: ETA at position k = (k − 1) × mean', () => {
    const { sim } = queue();
    sim.open('1');
    const etas = byNumber(sim);
    expect(etas.A003).toEqual({ position: 1, etaMin: 0 });
    expect(etas.A001).toEqual({ position: 2, etaMin: 6 });
    expect(etas.A002).toEqual({ position: 3, etaMin: 12 });
  });

  it('W2: each open counter gives a share of 1 split over its services, a primary counting double against a secondary, each weighed by 1 + its waiting tickets', () => {
    const { sim } = queue();
    sim.open('1');
    sim.open('2');
    // Counter 2: passport 1 × (1 + 3 waiting) = 4 against property ½ × (1 + 2) = 1.5.
    // passport: 1 (counter 1) + 4/5.5 (counter 2) = 1.727; property: 1.5/5.5 = 0.273
    const etas = byNumber(sim);
    expect(etas.A003?.etaMin).toBe(0);
    expect(etas.A001?.etaMin).toBe(3.5); // 1 / 1.727 × 6
    expect(etas.A002?.etaMin).toBe(6.9); // 2 / 1.727 × 6
    expect(etas.B001?.etaMin).toBe(0);
    expect(etas.B002?.etaMin).toBe(36.7); // 1 / 0.273 × 10
  });

  it('W3: r = ½ when every counter serving the service is busy', () => {
    const { sim } = queue();
    sim.open('1');
    expect(sim.callNext('1').number).toBe('A003');
    const etas = byNumber(sim);
    expect(etas.A001).toEqual({ position: 1, etaMin: 3 }); // ½ × 6
    expect(etas.A002).toEqual({ position: 2, etaMin: 9 }); // 1½ × 6
  });

  it('W3: no open counter for the service: the ETA is unknown (null); a paused counter is not open', () => {
    const { sim } = queue();
    let etas = byNumber(sim);
    expect(etas.A001).toEqual({ position: 2, etaMin: null });
    expect(etas.B001).toEqual({ position: 1, etaMin: null });
    sim.open('3');
    expect(byNumber(sim).B001?.etaMin).toBe(0);
    sim.run({ type: 'pause', counterId: '3', reason: 'lunch' });
    etas = byNumber(sim);
    expect(etas.B001?.etaMin).toBeNull();
    expect(etas.A001?.etaMin).toBeNull();
  });

  it('W3: a ticket transferred to an open counter: capacity 1, r = 0 when that counter is free, ½ when busy', () => {
    const { sim } = queue();
    sim.open('1');
    const a3 = sim.callNext('1');
    sim.open('2'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '2' });
    sim.open('2');
    // Counter 2 is open and free: A003 is called next there.
    expect(etaOf(sim.state, a3.id, sim.now)).toEqual({ position: 1, etaMin: 0 });
    sim.open('3');
    sim.callNext('3');
    sim.open('2'); // I5: only to a counter that is not closed
    sim.run({ type: 'transfer', counterId: '3', toCounterId: '2' }); // B001, later place → position 2
    const b1 = [...sim.state.tickets.values()].find((t) => t.number === 'B001');
    expect(etaOf(sim.state, b1?.id ?? '', sim.now)).toEqual({ position: 2, etaMin: 10 }); // (1 + 0) × 10
    sim.run({ type: 'set-services', counterId: '2', services: [{ serviceId: 'property', role: 'primary' }], reason: 'r' });
    expect(sim.callNext('2').number).toBe('A003');
    expect(etaOf(sim.state, b1?.id ?? '', sim.now)).toEqual({ position: 1, etaMin: 5 }); // ½ × 10
  });

  it('W3: a ticket transferred to a paused counter has no ETA (null) until it resumes', () => {
    const { sim } = queue();
    sim.open('1');
    const a3 = sim.callNext('1');
    sim.open('2');
    sim.run({ type: 'pause', counterId: '2', reason: 'lunch' });
    sim.run({ type: 'transfer', counterId: '1', toCounterId: '2' });
    expect(etaOf(sim.state, a3.id, sim.now)).toEqual({ position: 1, etaMin: null });
    sim.run({ type: 'resume', counterId: '2' });
    expect(etaOf(sim.state, a3.id, sim.now)).toEqual({ position: 1, etaMin: 0 });
  });

  it('W2: service loads: waiting, priority waiting, oldest wait, open counters and the expected wait of a new ticket', () => {
    const { sim } = queue();
    sim.open('1');
    sim.open('2');
    sim.advance(7); // now at 10
    const loads = Object.fromEntries(serviceLoads(sim.state, sim.now).map((l) => [l.serviceId, l]));
    expect(loads.passport).toEqual({
      serviceId: 'passport',
      waiting: 3,
      waitingPriority: 1,
      oldestWaitMin: 10,
      expectedWaitMin: 10.4, // position 4: 3 / 1.727 × 6 (W2: counter 2 gives passport 4/5.5)
      expectedPriorityWaitMin: 3.5, // position 2, behind the one priority ticket: 1 / 1.727 × 6
      targetWaitMin: 15,
      openCounters: 2,
      servable: true,
    });
    expect(loads.property).toMatchObject({ waiting: 2, waitingPriority: 0, oldestWaitMin: 7, expectedWaitMin: 73.3, openCounters: 1 }); // 2 / (1.5/5.5) × 10
    expect(loads.benefits).toMatchObject({ waiting: 0, oldestWaitMin: 0, expectedWaitMin: null, openCounters: 0 });
  });

  it('W2: the mean service time is the configured one until 5 services are completed, then the mean of the last 50', () => {
    const sim = new Sim({ policy: { maxWaitGuardMin: 600 } });
    sim.open('1');
    const serve = (minutes: number, start = true) => {
      sim.issue('passport');
      sim.callNext('1');
      if (start) sim.run({ type: 'start', counterId: '1' });
      sim.advance(minutes);
      sim.run({ type: 'complete', counterId: '1' });
    };
    for (let i = 0; i < 4; i++) serve(10);
    expect(meanServiceMin(sim.state, 'passport')).toBe(6);
    serve(10, false); // counted from the call
    expect(meanServiceMin(sim.state, 'passport')).toBe(10);
    expect(meanServiceMin(sim.state, 'property')).toBe(10); // configured: nothing done there
    for (let i = 0; i < 45; i++) serve(1);
    expect(meanServiceMin(sim.state, 'passport')).toBe(1.9); // (5 × 10 + 45 × 1) / 50
    for (let i = 0; i < 5; i++) serve(1);
    expect(meanServiceMin(sim.state, 'passport')).toBe(1); // the five 10-minute services left the window
    sim.issue('passport');
    sim.issue('passport');
    const etas = Object.values(computeEtas(sim.state, sim.now)).map((e) => e.etaMin);
    expect(etas.sort()).toEqual([0, 1]);
  });
});
