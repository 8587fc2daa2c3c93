/** Remote tickets in the queue (docs/SPEC.md V1–V5), on the pure engine. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, type CenterConfigInput, type Ticket } from '@qms/shared';
import { etaOf } from '../../server/src/engine/index.js';
import { Sim, T0, snapshotOf } from './harness.js';

const remoteOn = (rules: Record<string, unknown> = {}) => (cfg: CenterConfigInput) => {
  cfg.services[0]!.remote = { enabled: true, ...rules };
};

function join(sim: Sim, serviceId = 'passport'): Ticket {
  const id = sim.nextId();
  sim.run({ type: 'issue', ticketId: id, serviceId, lane: 'normal', remote: { code: `CODE${id.toUpperCase().padStart(4, 'X')}` } });
  return sim.ticket(id);
}

const types = (facts: { type: string }[]) => facts.map((f) => f.type);

describe('V1: who may join from outside', () => {
  it('V1: a remote ticket waits with a number and a place, not yet arrived; a service without remote joining refuses (REMOTE_CLOSED), nothing changes', () => {
    const sim = new Sim({ edit: remoteOn() });
    const t = join(sim);
    expect(t).toMatchObject({ number: 'A001', status: 'waiting', lane: 'normal', remote: { arrivedAt: null, heldAt: null } });
    expect(etaOf(sim.state, t.id, sim.now).position).toBe(1);
    const before = snapshotOf(sim.state);
    const refused = sim.tryRun({ type: 'issue', ticketId: 'x', serviceId: 'property', lane: 'normal', remote: { code: 'ABCDEFGH' } });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.RemoteClosed } });
    expect(snapshotOf(sim.state)).toEqual(before);
  });

  it('V1: remote tickets are at most maxShare of the line counting the newcomer, and one may always wait (REMOTE_LIMIT)', () => {
    const sim = new Sim({ edit: remoteOn({ maxShare: 0.5 }) });
    join(sim);
    expect(sim.errorOf({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal', remote: { code: 'ABCDEFGH' } })).toBe(ErrorCode.RemoteLimit);
    sim.issue('passport');
    sim.issue('passport');
    // 1 remote of 3 waiting: with the newcomer 2 of 4 = the share.
    join(sim);
    expect(sim.errorOf({ type: 'issue', ticketId: 'y', serviceId: 'passport', lane: 'normal', remote: { code: 'ABCDEFGJ' } })).toBe(ErrorCode.RemoteLimit);
  });

  it('V1: the remote daily cap counts the day\'s remote tickets, called or not', () => {
    const sim = new Sim({ edit: remoteOn({ maxShare: 1, dailyCap: 2 }) });
    sim.open('1');
    join(sim);
    join(sim);
    expect(sim.errorOf({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal', remote: { code: 'ABCDEFGH' } })).toBe(ErrorCode.RemoteLimit);
  });

  it('V1: not within stopBeforeCloseMin of the day\'s last closing (REMOTE_CLOSED), nor in the priority lane', () => {
    const hours = { mon: [{ from: '09:00', to: '11:00' }] };
    const sim = new Sim({ edit: (cfg) => ((cfg.center.hours = hours), remoteOn({ stopBeforeCloseMin: 60 })(cfg)) });
    // T0 is 10:00: the service closes at 11:00, an hour ahead: still open for joining.
    join(sim);
    sim.advance(1);
    expect(sim.errorOf({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal', remote: { code: 'ABCDEFGH' } })).toBe(ErrorCode.RemoteClosed);
    expect(sim.errorOf({ type: 'issue', ticketId: 'y', serviceId: 'passport', lane: 'priority', categoryId: 'disability', remote: { code: 'ABCDEFGJ' } })).toBe(ErrorCode.BadRequest);
  });
});

describe('V2, V3: called only once arrived', () => {
  it('V3: call-next passes over a remote ticket whose visitor is away; V2: once arrived, it is called in its place', () => {
    const sim = new Sim({ edit: remoteOn() });
    sim.open('1');
    const remote = join(sim);
    sim.advance(1);
    const walkIn1 = sim.issue('passport');
    sim.issue('passport');
    const facts = sim.run({ type: 'call-next', counterId: '1' });
    expect(types(facts)).toEqual(['ticket:held', 'ticket:called']);
    expect(sim.ticket(walkIn1.id).status).toBe('called');
    expect(sim.ticket(remote.id)).toMatchObject({ status: 'waiting', remote: { heldAt: sim.now, arrivedAt: null } });
    sim.run({ type: 'complete', counterId: '1' });
    sim.advance(2);
    const arrived = sim.run({ type: 'arrive', ticketId: remote.id, via: 'hall' });
    expect(arrived).toMatchObject([{ type: 'ticket:arrived', via: 'hall', ticket: { remote: { arrivedAt: sim.now } } }]);
    // It kept its place: ahead of the walk-in who came after it.
    expect(sim.wouldCall('1')).toBe(remote.number);
  });

  it('V2: arriving twice changes nothing; a kiosk ticket needs no arrival; an unknown one is UNKNOWN_TICKET', () => {
    const sim = new Sim({ edit: remoteOn() });
    const remote = join(sim);
    sim.run({ type: 'arrive', ticketId: remote.id, via: 'kiosk' });
    expect(sim.run({ type: 'arrive', ticketId: remote.id, via: 'kiosk' })).toEqual([]);
    const walkIn = sim.issue('passport');
    expect(sim.errorOf({ type: 'arrive', ticketId: walkIn.id, via: 'kiosk' })).toBe(ErrorCode.InvalidTransition);
    expect(sim.errorOf({ type: 'arrive', ticketId: 'nope', via: 'kiosk' })).toBe(ErrorCode.UnknownTicket);
  });

  it('V3: with only away visitors waiting, call-next finds nobody (QUEUE_EMPTY) and changes nothing', () => {
    const sim = new Sim({ edit: remoteOn() });
    sim.open('1');
    join(sim);
    const before = snapshotOf(sim.state);
    expect(sim.errorOf({ type: 'call-next', counterId: '1' })).toBe(ErrorCode.QueueEmpty);
    expect(snapshotOf(sim.state)).toEqual(before);
  });
});

describe('V4, V5: held, then a no-show', () => {
  it('V4: the sweep holds an away ticket a free counter would call; held once; V5: a no-show graceMin later unless it arrives', () => {
    const sim = new Sim({ edit: (cfg) => (remoteOn()(cfg), (cfg.center.remote = { graceMin: 10 })) });
    const remote = join(sim);
    // No counter open: nobody's turn.
    expect(sim.run({ type: 'remote-sweep' })).toEqual([]);
    sim.open('1');
    expect(types(sim.run({ type: 'remote-sweep' }))).toEqual(['ticket:held']);
    sim.advance(5);
    expect(sim.run({ type: 'remote-sweep' })).toEqual([]);
    sim.advance(5);
    const ended = sim.run({ type: 'remote-sweep' });
    expect(ended).toMatchObject([{ type: 'ticket:no-show', reason: 'not-arrived', ticket: { id: remote.id, status: 'no_show', finishedAt: T0 + 10 * 60_000 } }]);
    // Too late to come now: staff may still put it back (N1).
    expect(sim.errorOf({ type: 'arrive', ticketId: remote.id, via: 'kiosk' })).toBe(ErrorCode.InvalidTransition);
    sim.run({ type: 'reactivate', ticketId: remote.id });
    expect(sim.ticket(remote.id).status).toBe('waiting');
  });

  it('V4: arriving within the grace keeps the ticket; the sweep then leaves it alone', () => {
    const sim = new Sim({ edit: remoteOn() });
    const remote = join(sim);
    sim.open('1');
    sim.run({ type: 'remote-sweep' });
    sim.advance(9);
    sim.run({ type: 'arrive', ticketId: remote.id, via: 'kiosk' });
    sim.advance(30);
    expect(sim.run({ type: 'remote-sweep' })).toEqual([]);
    expect(sim.wouldCall('1')).toBe(remote.number);
  });

  it('V4: a busy counter holds nobody: an away ticket behind the counter\'s visitor keeps waiting unheld', () => {
    const sim = new Sim({ edit: remoteOn() });
    sim.open('1');
    sim.issue('passport');
    sim.run({ type: 'call-next', counterId: '1' });
    const remote = join(sim);
    expect(sim.run({ type: 'remote-sweep' })).toEqual([]);
    expect(sim.ticket(remote.id).remote?.heldAt).toBeNull();
  });
});
