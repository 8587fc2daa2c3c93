/** Appointment tickets in the call order (docs/SPEC.md A1, A2), on the pure engine. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, type Ticket } from '@qms/shared';
import { computeEtas, etaOf } from '../../server/src/engine/index.js';
import { Sim, at, snapshotOf } from './harness.js';

/** A booked ticket for passport checked in now, its slot at `slotMinutes` after T0. */
function checkIn(sim: Sim, slotMinutes: number): Ticket {
  const id = sim.nextId();
  sim.run({ type: 'issue', ticketId: id, serviceId: 'passport', lane: 'booked', appointmentAt: at(slotMinutes) });
  return sim.ticket(id);
}

describe('A1: check-in issues a booked-lane ticket carrying its slot', () => {
  it('A1: the ticket carries appointmentAt; only a booked-lane ticket may (BAD_REQUEST, nothing changes)', () => {
    const sim = new Sim();
    expect(checkIn(sim, 20)).toMatchObject({ lane: 'booked', appointmentAt: at(20), queuedAt: at(0) });
    const before = snapshotOf(sim.state);
    const refused = sim.tryRun({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal', appointmentAt: at(20) });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(snapshotOf(sim.state)).toEqual(before);
  });
});

describe('A2: an appointment stands in line from its slot', () => {
  it('A2: an early arrival does not overtake the walk-ins who came before its slot', () => {
    const sim = new Sim();
    sim.open('1');
    const booked = checkIn(sim, 30); // 30 minutes early
    sim.advance(5);
    const walkIn = sim.issue('passport');
    // At 10:05 the walk-in came before the 10:30 slot: called first, even with the booked head start.
    expect(sim.wouldCall('1')).toBe(walkIn.number);
    expect(etaOf(sim.state, walkIn.id, sim.now).position).toBe(1);
    expect(computeEtas(sim.state, sim.now)[booked.id]?.position).toBe(2);
  });

  it('A2 with P3: from its slot the booked lane has its head start over walk-ins who came later than slot − head start', () => {
    const sim = new Sim({ policy: { bookedHeadStartMin: 10 } });
    sim.open('1');
    sim.advance(15);
    const early = sim.issue('passport'); // 10:15: more than 10 min before the slot
    sim.advance(10);
    const booked = checkIn(sim, 30); // checked in at 10:25 for 10:30
    sim.advance(3);
    sim.issue('passport'); // 10:28: within the head start
    sim.advance(2);
    expect(sim.wouldCall('1')).toBe(early.number);
    sim.run({ type: 'call-next', counterId: '1' });
    sim.run({ type: 'complete', counterId: '1' });
    expect(sim.wouldCall('1')).toBe(booked.number);
  });

  it('A2: if nobody else waits, an early arrival is called at once', () => {
    const sim = new Sim();
    sim.open('1');
    const booked = checkIn(sim, 30);
    expect(sim.wouldCall('1')).toBe(booked.number);
  });

  it('A2 with G1: the guard counts an appointment’s wait from its slot, so an early arrival does not trip it', () => {
    const sim = new Sim({ policy: { maxWaitGuardMin: 20, bookedHeadStartMin: 0 } });
    sim.open('2'); // passport primary, property secondary
    const booked = checkIn(sim, 40); // 40 minutes early
    sim.advance(25);
    const walkIn = sim.issue('passport');
    // Waiting since 10:00 but in line from 10:40: no guard; the walk-in (10:25) is ahead.
    expect(sim.wouldCall('2')).toBe(walkIn.number);
    sim.now = at(61); // 21 minutes after its slot
    sim.issue('passport');
    expect(sim.wouldCall('2')).toBe(walkIn.number);
    sim.run({ type: 'call-next', counterId: '2' });
    sim.run({ type: 'complete', counterId: '2' });
    expect(sim.wouldCall('2')).toBe(booked.number);
  });
});
