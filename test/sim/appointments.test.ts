/**
 * Appointments in the simulator (issue 13, docs/scenario-appointments.md): the scenario's
 * `appointments` block, booked visitors checked in through the real engine in the booked lane
 * (A1, A2), bookings nobody comes for (A4), the check-in window (A5), and the booked figures.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MINUTE, type FactBody, type Ticket } from '@qms/shared';
import { epochOf } from '../../server/src/sim/config.js';
import { simulateDay, ticketIdOf, type DayRun } from '../../server/src/sim/day.js';
import { textTable } from '../../server/src/sim/format.js';
import { POLICIES, staticPolicy, type SimPolicy } from '../../server/src/sim/policies.js';
import { dayResult } from '../../server/src/sim/results.js';
import { parseScenario, ScenarioError, type Scenario } from '../../server/src/sim/scenario.js';
import { loadScenario } from '../../server/src/sim/simulate.js';
import { drawDay, drawVisitors, slotsOf, type Visitor } from '../../server/src/sim/visitors.js';
import { rawScenario, scenario } from './helpers.js';

const EXAMPLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/examples/provincial-peak-appointments.json');

/** One desk, one counter, 09:00–13:00; `edit` changes the raw file. */
function deskRaw(edit: (s: any) => void = () => {}): any {
  const raw = {
    format: 'qms-scenario/1',
    name: 'booked-desk',
    day: { open: '09:00', close: '13:00' },
    targetWaitMin: 15,
    services: [
      {
        id: 'desk',
        serviceTimeMin: { mean: 6, cv: 0.5 },
        arrivals: [{ from: '09:00', to: '12:30', perHour: 6 }],
        appointments: { bookings: [{ from: '09:00', to: '12:00', perHour: 3 }], earlyMeanMin: 10, spreadSdMin: 8 },
      },
    ],
    counters: [{ id: '1', serves: ['desk'] }],
  };
  edit(raw);
  return raw;
}

const desk = (edit?: (s: any) => void): Scenario => parseScenario(deskRaw(edit), 'desk.json');

/** The problems reported for provincial-peak.json after `edit`. */
function problems(edit: (s: any) => void): string[] {
  const raw = rawScenario('provincial-peak');
  raw.services[0].appointments = { bookings: [{ from: '09:00', to: '11:00', perHour: 6 }] };
  edit(raw);
  try {
    parseScenario(raw, 'edited.json');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

/** `static` with another booked head start (P3): 0 makes a booking's place in line its slot exactly. */
function withHeadStart(min: number): SimPolicy {
  return { ...staticPolicy, name: `static, booked head start ${min}`, params: (s) => ({ ...staticPolicy.params(s), bookedHeadStartMin: min }) };
}

/** The day's facts of one kind, in order. */
function factsOf(s: Scenario, policy: SimPolicy, seed: number, options: { visitors?: Visitor[] } = {}) {
  const issued: Ticket[] = [];
  const called: { ticket: Ticket; ms: number }[] = [];
  const run = simulateDay(s, policy, seed, {
    ...options,
    observe: (fact: FactBody, ms: number) => {
      if (fact.type === 'ticket:issued') issued.push(fact.ticket);
      if (fact.type === 'ticket:called') called.push({ ticket: fact.ticket, ms });
    },
  });
  return { run, issued, called };
}

describe('the appointments block', () => {
  it('fills in the defaults: slots as long as the service time rounded up to 5, arrival 5 ± 4 min early, everyone comes, booked target 10', () => {
    const s = desk((raw) => (raw.services[0].appointments = { bookings: [{ from: '09:00', to: '12:00', perHour: 3 }] }));
    expect(s.services[0]?.appointments).toEqual({
      bookings: [{ from: 540, to: 720, perHour: 3 }],
      slotMin: 10,
      earlyMeanMin: 5,
      spreadSdMin: 4,
      noShowShare: 0,
      targetWaitMin: 10,
    });
    expect(scenario('provincial-peak').services.every((x) => x.appointments === undefined)).toBe(true);
  });

  it('bookings are spread over the period\'s whole slots as the live system spreads its places (A6)', () => {
    const base = { slotMin: 10, earlyMeanMin: 5, spreadSdMin: 4, noShowShare: 0, targetWaitMin: 10 };
    // 6 an hour in 10-minute slots: one a slot.
    expect(slotsOf({ ...base, bookings: [{ from: 480, to: 540, perHour: 6 }] })).toEqual([480, 490, 500, 510, 520, 530]);
    // 2 an hour: every third slot gets one, as the running total passes 1, 2, …
    expect(slotsOf({ ...base, bookings: [{ from: 540, to: 600, perHour: 2 }] })).toEqual([560, 590]);
    // 12 an hour: two a slot; a slot that would run past the period is not offered.
    expect(slotsOf({ ...base, bookings: [{ from: 540, to: 565, perHour: 12 }] })).toEqual([540, 540, 550, 550]);
  });

  it.each<[string, (s: any) => void, string[]]>([
    ['a block that is not an object', (s) => (s.services[0].appointments = 6), ['services[0].appointments: expected an object, got number']],
    ['no bookings', (s) => delete s.services[0].appointments.bookings, ['services[0].appointments.bookings: required']],
    ['an empty list of bookings', (s) => (s.services[0].appointments.bookings = []), ['services[0].appointments.bookings: list at least one period { "from", "to", "perHour" }']],
    ['a period time that is not HH:MM', (s) => (s.services[0].appointments.bookings[0].from = '9:00'), ['services[0].appointments.bookings[0].from: expected a time "HH:MM"']],
    ['a negative rate', (s) => (s.services[0].appointments.bookings[0].perHour = -1), ['services[0].appointments.bookings[0].perHour: must be 0 or more']],
    ['a period backwards', (s) => (s.services[0].appointments.bookings[0].to = '08:00'), ['services[0].appointments.bookings[0].to: must be after "from" (09:00)']],
    ['a period before opening', (s) => (s.services[0].appointments.bookings[0].from = '07:00'), ['services[0].appointments.bookings[0].from: must not be before day.open (07:30)']],
    [
      'a period after closing',
      (s) => (s.services[0].appointments.bookings[0].to = '17:30'),
      ['services[0].appointments.bookings[0].to: must not be after day.close (17:00); every slot lies within the day'],
    ],
    [
      'a period shorter than a slot',
      (s) => (s.services[0].appointments.bookings[0].to = '09:05'),
      ['services[0].appointments.bookings[0].to: the period must hold at least one slot of 10 minutes'],
    ],
    ['slots of a fraction of a minute', (s) => (s.services[0].appointments.slotMin = 7.5), ['services[0].appointments.slotMin: expected a whole number of minutes']],
    ['slots too short', (s) => (s.services[0].appointments.slotMin = 3), ['services[0].appointments.slotMin: must be at least 5 minutes']],
    ['arriving far too late on average', (s) => (s.services[0].appointments.earlyMeanMin = -90), ['services[0].appointments.earlyMeanMin: must be -60 or more (negative: late on average)']],
    ['a negative spread', (s) => (s.services[0].appointments.spreadSdMin = -1), ['services[0].appointments.spreadSdMin: must be 0 or more']],
    ['a no-show share above 1', (s) => (s.services[0].appointments.noShowShare = 1.2), ['services[0].appointments.noShowShare: must be between 0 and 1']],
    ['a zero booked target', (s) => (s.services[0].appointments.targetWaitMin = 0), ['services[0].appointments.targetWaitMin: must be more than 0']],
    ['a string for a number', (s) => (s.services[0].appointments.earlyMeanMin = '5'), ['services[0].appointments.earlyMeanMin: expected a number, got string']],
    ['a misspelt key', (s) => (s.services[0].appointments.noShowshare = 0.1), ['services[0].appointments.noShowshare: unknown key (did you mean "noShowShare"?)']],
    ['a misspelt period key', (s) => (s.services[0].appointments.bookings[0].perhour = 1), ['services[0].appointments.bookings[0].perhour: unknown key (did you mean "perHour"?)']],
    [
      'bookings for a service no counter plans for',
      (s) => {
        s.services[6].arrivals = [];
        s.services[6].appointments = { bookings: [{ from: '09:00', to: '10:00', perHour: 2 }] };
        for (const c of s.counters) c.serves = c.serves.filter((x: string) => x !== 'health');
        s.counters[14].serves = ['labour'];
      },
      ['services[6].id: no counter serves "health"; add it to some counter\'s "serves"'],
    ],
  ])('%s', (_name, edit, expected) => {
    expect(problems(edit)).toEqual(expected);
  });

  it.each(['provincial-peak-appointments.json', 'provincial-peak-booked-instead.json'])('the example docs/examples/%s is valid', (name) => {
    const s = loadScenario(path.join(path.dirname(EXAMPLE), name));
    expect(s.services.filter((x) => x.appointments).map((x) => x.id)).toEqual(['justice', 'land']);
  });
});

describe('booked visitors', () => {
  it('no block: the day is the one it always was; a block with nothing booked changes nothing', () => {
    const s = scenario('provincial-peak');
    const run = simulateDay(s, staticPolicy, 2);
    expect(run.bookings).toEqual([]);
    expect(run.visitors.every((v) => v.lane !== 'booked' && v.slotMs === undefined)).toBe(true);
    const r = dayResult(run);
    expect(r.booked).toEqual({ bookings: 0, arrived: 0, noShows: 0, tooLate: 0, waitMin: { mean: null, p90: null, p95: null, max: null }, onTimeShare: null });
    expect(r.walkIns).toEqual({ count: r.visitors, mean: r.waitMin.mean, p90: r.waitMin.p90, p95: r.waitMin.p95, withinTargetShare: r.withinTargetShare });
    const raw = rawScenario('provincial-peak');
    raw.services[0].appointments = { bookings: [{ from: '09:00', to: '11:00', perHour: 0 }] };
    expect(dayResult(simulateDay(parseScenario(raw), staticPolicy, 2))).toEqual(r);
    expect(textTable([r])).not.toMatch(/appointments/);
  });

  it('adding appointments leaves every walk-in\'s draws as they were (common random numbers)', () => {
    const plain = drawVisitors(scenario('provincial-peak'), 4).map(({ index: _i, ...v }) => v);
    const day = drawDay(loadScenario(EXAMPLE), 4);
    expect(day.bookings.filter((b) => b.outcome === 'too-late')).toEqual([]);
    expect(day.visitors.filter((v) => v.lane !== 'booked').map(({ index: _i, ...v }) => v)).toEqual(plain);
    expect(day.visitors.filter((v) => v.lane === 'booked').length).toBeGreaterThan(40);
  });

  it('A1: a booked visitor is checked in through the engine: a booked-lane ticket carrying its slot, when they arrive', () => {
    const s = desk();
    const { run, issued } = factsOf(s, staticPolicy, 1);
    const booked = run.visitors.filter((v) => v.lane === 'booked');
    expect(booked.length).toBe(run.bookings.length);
    for (const v of booked) {
      const t = issued.find((x) => x.id === ticketIdOf(v))!;
      expect(t).toMatchObject({ lane: 'booked', appointmentAt: epochOf(v.slotMs!), issuedAt: epochOf(v.arriveMs), serviceId: 'desk' });
    }
    expect(issued.filter((t) => t.appointmentAt !== undefined)).toHaveLength(booked.length);
    expect(issued.filter((t) => t.lane !== 'booked').every((t) => t.appointmentAt === undefined)).toBe(true);
  });

  it('A2: an early arrival is called after the walk-ins who came before its slot (less the booked head start), and at once when nobody waits', () => {
    const at = (min: number) => (9 * 60 + min) * MINUTE;
    const visitor = (index: number, lane: Visitor['lane'], arrive: number, serviceMin: number, slot?: number): Visitor => ({
      index,
      serviceId: 'desk',
      lane,
      arriveMs: at(arrive),
      ...(slot === undefined ? {} : { slotMs: at(slot) }),
      serviceMs: serviceMin * MINUTE,
      noShow: false,
      counted: true,
    });
    const visitors = [
      visitor(0, 'normal', 0, 30), // at the counter until 09:30
      visitor(1, 'booked', 5, 10, 30), // 25 min early for 09:30
      visitor(2, 'normal', 10, 10), // came 20 min before the slot
      visitor(3, 'normal', 25, 10), // came 5 min before it, within the 10-minute head start
      visitor(4, 'booked', 80, 10, 100), // 20 min early for 10:40, the hall empty
    ];
    const order = (policy: SimPolicy) => factsOf(desk(), policy, 1, { visitors }).called.map((c) => [c.ticket.id, c.ms / MINUTE - 9 * 60]);
    // P3's default head start: ranked from 09:20, never from its arrival at 09:05.
    expect(order(staticPolicy)).toEqual([['v0', 0], ['v2', 30], ['v1', 40], ['v3', 50], ['v4', 80]]);
    // Without a head start its place is its slot: everyone who came before 09:30 goes first.
    expect(order(withHeadStart(0))).toEqual([['v0', 0], ['v2', 30], ['v3', 40], ['v1', 50], ['v4', 80]]);
  });

  it.each([10, 0])('A2: over a whole drawn day (booked head start %d min), no early arrival overtakes a walk-in who came before its slot less the head start', (headStart) => {
    const s = desk();
    const waiting = new Map<string, Ticket>();
    let early = 0;
    simulateDay(s, withHeadStart(headStart), 3, {
      observe: (fact, ms) => {
        if (fact.type === 'ticket:issued') waiting.set(fact.ticket.id, fact.ticket);
        if (fact.type !== 'ticket:called') return;
        const t = fact.ticket;
        waiting.delete(t.id);
        if (t.appointmentAt === undefined || t.issuedAt >= t.appointmentAt) return;
        early += 1;
        const passed = [...waiting.values()].filter((w) => w.lane === 'normal' && w.queuedAt < t.appointmentAt! - headStart * MINUTE);
        expect(passed, `${t.id} called at ${ms / MINUTE} min`).toEqual([]);
      },
    });
    expect(early).toBeGreaterThan(5);
  });

  it('A4: a booking nobody comes for issues nothing and frees nothing', () => {
    const none = factsOf(desk((raw) => (raw.services[0].appointments.noShowShare = 1)), staticPolicy, 2);
    expect(none.run.bookings.length).toBe(9);
    expect(none.run.bookings.every((b) => b.outcome === 'no-show')).toBe(true);
    expect(none.issued.filter((t) => t.lane === 'booked')).toEqual([]);
    // The walk-ins are exactly the day without bookings.
    const walkInsOnly = factsOf(desk((raw) => delete raw.services[0].appointments), staticPolicy, 2);
    expect(none.called.map((c) => [c.ticket.id, c.ms])).toEqual(walkInsOnly.called.map((c) => [c.ticket.id, c.ms]));

    const some = factsOf(desk((raw) => (raw.services[0].appointments.noShowShare = 0.4)), staticPolicy, 2);
    const came = some.run.bookings.filter((b) => b.outcome === 'checked-in').length;
    expect(came).toBeGreaterThan(0);
    expect(came).toBeLessThan(9);
    expect(some.issued.filter((t) => t.lane === 'booked')).toHaveLength(came);
    expect(dayResult(some.run).booked).toMatchObject({ bookings: 9, arrived: came, noShows: 9 - came, tooLate: 0 });
  });

  it('A5: too early, a visitor checks in when the window opens; too late, the booking is a no-show and they take an ordinary ticket', () => {
    const early = drawDay(desk((raw) => Object.assign(raw.services[0].appointments, { earlyMeanMin: 45, spreadSdMin: 0 })), 1);
    const booked = early.visitors.filter((v) => v.lane === 'booked');
    expect(booked).toHaveLength(9);
    for (const v of booked) expect(v.arriveMs).toBe(Math.max(9 * 60 * MINUTE, v.slotMs! - 30 * MINUTE));

    const late = drawDay(desk((raw) => Object.assign(raw.services[0].appointments, { earlyMeanMin: -20, spreadSdMin: 0 })), 1);
    expect(late.bookings.map((b) => b.outcome)).toEqual(Array(9).fill('too-late'));
    expect(late.visitors.filter((v) => v.lane === 'booked')).toEqual([]);
    const walkIns = drawDay(desk((raw) => delete raw.services[0].appointments), 1).visitors.length;
    expect(late.visitors).toHaveLength(walkIns + 9);
    const r = dayResult(simulateDay(desk((raw) => Object.assign(raw.services[0].appointments, { earlyMeanMin: -20, spreadSdMin: 0 })), staticPolicy, 1));
    expect(r.booked).toMatchObject({ bookings: 9, arrived: 0, noShows: 9, tooLate: 9, onTimeShare: null });
    expect(r.walkIns.count).toBe(walkIns + 9);
  });
});

describe('the booked figures', () => {
  it('waits from the slot (or a later arrival), on time within the booked target; walk-ins apart; the overall figures as the contract defines them', () => {
    const at = (min: number) => (9 * 60 + min) * MINUTE;
    const visitors: Visitor[] = [
      { index: 0, serviceId: 'desk', lane: 'normal', arriveMs: at(0), serviceMs: 30 * MINUTE, noShow: false, counted: true },
      { index: 1, serviceId: 'desk', lane: 'booked', arriveMs: at(5), slotMs: at(30), serviceMs: 10 * MINUTE, noShow: false, counted: true },
      { index: 2, serviceId: 'desk', lane: 'normal', arriveMs: at(10), serviceMs: 10 * MINUTE, noShow: false, counted: true },
      { index: 3, serviceId: 'desk', lane: 'booked', arriveMs: at(38), slotMs: at(30), serviceMs: 10 * MINUTE, noShow: false, counted: true },
      { index: 4, serviceId: 'desk', lane: 'booked', arriveMs: at(80), slotMs: at(100), serviceMs: 10 * MINUTE, noShow: false, counted: true },
    ];
    const run: DayRun = simulateDay(desk(), staticPolicy, 1, { visitors });
    // v0 09:00–09:30; v2 (rank 09:10) 09:30; v1 (rank 09:20) 09:40; v3 (came 09:38, rank 09:28) 09:50; v4 at once at 10:20.
    expect(run.visitors.map((v) => v.calledMs / MINUTE - 540)).toEqual([0, 40, 30, 50, 80]);
    const bookings = [30, 30, 100, 110].map((slot, i) => ({ serviceId: 'desk', slotMs: at(slot), outcome: i === 3 ? ('no-show' as const) : ('checked-in' as const), counted: true }));
    const r = dayResult({ ...run, bookings });
    // From the slot: 10 (on time), from the late arrival: 12 (late), called before the slot: 0.
    expect(r.booked).toEqual({ bookings: 4, arrived: 3, noShows: 1, tooLate: 0, waitMin: { mean: 22 / 3, p90: 12, p95: 12, max: 12 }, onTimeShare: 2 / 3 });
    expect(r.walkIns).toEqual({ count: 2, mean: 10, p90: 20, p95: 20, withinTargetShare: 0.5 });
    // The contract's wait (called − arrived) for everyone, the booked lane included.
    expect(r.waitMin.mean).toBe((0 + 35 + 20 + 12 + 0) / 5);
    expect(r.lanes.normal.count + r.lanes.priority.count).toBe(2);
    expect(textTable([r])).toMatch(/appointments\s+bookings\s+arrived\s+no-shows\s+booked mean/);
  });
});

describe('every policy handles booked visitors', () => {
  it.each(POLICIES.map((p) => [p.name, p] as const))('%s: a day of provincial-peak with appointments', (_name, policy) => {
    const s = loadScenario(EXAMPLE);
    const { run, issued } = factsOf(s, policy, 1);
    const booked = issued.filter((t) => t.lane === 'booked');
    const r = dayResult(run);
    expect(r.booked.bookings).toBe(60);
    expect(booked).toHaveLength(r.booked.arrived);
    expect(r.booked.arrived + r.booked.noShows).toBe(60);
    // Everyone who came was served (or called and did not come), the booked included.
    for (const t of run.state.tickets.values()) expect(['done', 'no_show']).toContain(t.status);
    expect(run.state.tickets.size).toBe(run.visitors.length);
    expect(r.booked.onTimeShare).toBeGreaterThan(0.3);
    expect(r.walkIns.count + r.booked.arrived).toBe(r.visitors);
  });
});
