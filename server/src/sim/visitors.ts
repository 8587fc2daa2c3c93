/**
 * The day's visitors for one seed, drawn before the day starts: who arrives when, for what, in
 * which lane, how long they will take and whether they will come when called. The same visitors
 * meet every policy (common random numbers), so policies differ by their decisions alone. Only the
 * arrival is shown to the engine when it happens; service time and no-show stay hidden.
 *
 * Booked visitors (issue 13, docs/scenario-appointments.md) come from their own random stream, so
 * adding appointments to a scenario leaves every walk-in's draws as they were.
 */
import { centerAppointmentsSchema, MINUTE } from '@qms/shared';
import { exponential, serviceTime, standardNormal, streams, type Rng } from './random.js';
import type { Scenario, ScenarioAppointments } from './scenario.js';

export interface Visitor {
  /** The ticket id is `v<index>`; visitors are sorted by arrival. */
  index: number;
  serviceId: string;
  lane: 'normal' | 'priority' | 'booked';
  /** Milliseconds after 00:00 of the simulated day: when the ticket is issued (for a booked visitor, the check-in). */
  arriveMs: number;
  /** Booked lane only: the slot's start, ms after 00:00; the ticket carries it (A1). */
  slotMs?: number;
  serviceMs: number;
  noShow: boolean;
  /** False for visitors arriving in the warm-up (booked visitors: whose slot is in it). */
  counted: boolean;
}

/** One booking of the day and what became of it. */
export interface Booking {
  serviceId: string;
  /** The slot's start, ms after 00:00. */
  slotMs: number;
  /**
   * `checked-in`: came within the check-in window and got a booked-lane ticket (A1, A5);
   * `no-show`: never came (A4); `too-late`: came after the window, so the booking is a no-show (A4)
   * and the visitor took an ordinary ticket (A5).
   */
  outcome: 'checked-in' | 'no-show' | 'too-late';
  /** False when its slot is in the warm-up. */
  counted: boolean;
}

export interface DrawnDay {
  visitors: Visitor[];
  bookings: Booking[];
}

type Drawn = Omit<Visitor, 'index'>;

/** A5's check-in window, as a live center has it by default (shared config.ts). */
const CHECK_IN = centerAppointmentsSchema.parse({});

export function drawVisitors(scenario: Scenario, seed: number): Visitor[] {
  return drawDay(scenario, seed).visitors;
}

export function drawDay(scenario: Scenario, seed: number): DrawnDay {
  const rng = streams(seed);
  const walkIns = drawWalkIns(scenario, rng);
  const booked = drawBooked(scenario, rng.booked);
  // Stable sort: simultaneous arrivals keep the order they were drawn in, walk-ins first.
  const visitors = [...walkIns, ...booked.visitors].sort((a, b) => a.arriveMs - b.arriveMs).map((v, index) => ({ index, ...v }));
  return { visitors, bookings: booked.bookings };
}

function drawWalkIns(scenario: Scenario, rng: ReturnType<typeof streams>): Drawn[] {
  const drawn: Drawn[] = [];
  const countFrom = (scenario.open + scenario.warmupMin) * MINUTE;
  for (const s of scenario.services) {
    // Piecewise-constant Poisson: exponential gaps within each period, restarted at its start
    // (memorylessness makes that exact); overlapping periods add their rates.
    for (const period of s.arrivals) {
      if (period.perHour <= 0) continue;
      const meanGapMs = (60 / period.perHour) * MINUTE;
      const end = period.to * MINUTE;
      for (let t = period.from * MINUTE + exponential(rng.arrivals, meanGapMs); t < end; t += exponential(rng.arrivals, meanGapMs)) {
        const arriveMs = Math.round(t);
        drawn.push({
          serviceId: s.id,
          lane: rng.arrivals.uniform() < s.priorityShare ? 'priority' : 'normal',
          arriveMs,
          serviceMs: Math.round(serviceTime(rng.service, s.meanMin, s.cv) * MINUTE),
          noShow: rng.noShow.uniform() < scenario.noShowShare,
          counted: arriveMs >= countFrom,
        });
      }
    }
  }
  return drawn;
}

/**
 * Every booking draws the same numbers in the same order whatever becomes of it, so that a change
 * of one share (no-shows) does not reshuffle the other bookings' arrivals and service times.
 */
function drawBooked(scenario: Scenario, rng: Rng): { visitors: Drawn[]; bookings: Booking[] } {
  const visitors: Drawn[] = [];
  const bookings: Booking[] = [];
  const countFrom = (scenario.open + scenario.warmupMin) * MINUTE;
  for (const s of scenario.services) {
    if (!s.appointments) continue;
    for (const slotMin of slotsOf(s.appointments)) {
      const slotMs = slotMin * MINUTE;
      const comes = rng.uniform() >= s.appointments.noShowShare;
      const arriveMs = arrivalOf(scenario, s.appointments, slotMin, standardNormal(rng));
      const serviceMs = Math.round(serviceTime(rng, s.meanMin, s.cv) * MINUTE);
      const noShow = rng.uniform() < scenario.noShowShare;
      const counted = slotMs >= countFrom;
      if (!comes) {
        bookings.push({ serviceId: s.id, slotMs, outcome: 'no-show', counted });
      } else if (arriveMs > slotMs + CHECK_IN.checkInLateMin * MINUTE) {
        bookings.push({ serviceId: s.id, slotMs, outcome: 'too-late', counted });
        visitors.push({ serviceId: s.id, lane: 'normal', arriveMs, serviceMs, noShow, counted: arriveMs >= countFrom });
      } else {
        bookings.push({ serviceId: s.id, slotMs, outcome: 'checked-in', counted });
        // Too early for the kiosk (A5): they come back when check-in opens.
        const checkInMs = Math.max(arriveMs, slotMs - CHECK_IN.checkInEarlyMin * MINUTE);
        visitors.push({ serviceId: s.id, lane: 'booked', arriveMs: checkInMs, slotMs, serviceMs, noShow, counted });
      }
    }
  }
  return { visitors, bookings };
}

/**
 * The slot (minutes after 00:00) of each booking, one entry per booking. The places of a period are
 * spread over its whole slots as the live system spreads them (A6, appointments/slots.ts): they
 * add up slot by slot and are handed out whole as the running total passes each integer.
 */
export function slotsOf(a: ScenarioAppointments): number[] {
  const out: number[] = [];
  for (const p of a.bookings) {
    let total = 0;
    for (let m = p.from; m + a.slotMin <= p.to; m += a.slotMin) {
      const before = Math.floor(total + 1e-9);
      total += (p.perHour * a.slotMin) / 60;
      for (let k = before; k < Math.floor(total + 1e-9); k++) out.push(m);
    }
  }
  return out;
}

/** slot − earlyMeanMin + Normal(0, spreadSdMin), within the day (nobody comes before opening or after closing). */
function arrivalOf(scenario: Scenario, a: ScenarioAppointments, slotMin: number, z: number): number {
  const ms = Math.round((slotMin - a.earlyMeanMin + a.spreadSdMin * z) * MINUTE);
  return Math.min(Math.max(ms, scenario.open * MINUTE), scenario.close * MINUTE - 1);
}
