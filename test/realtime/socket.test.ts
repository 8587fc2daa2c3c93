/**
 * Socket.IO transport against a real server with real socket.io-client clients: authentication,
 * snapshot on connect, commands acked with `Response<T>`, facts broadcast after commit (and only
 * then), catching up by `sync:since` and by connection state recovery, and races between counters.
 * Nothing here sleeps: every wait is for an event or an ack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Fact, Snapshot } from '@qms/shared';
import { startServer, type ClientSocket, type TestServer } from '../helpers/server.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { Recorder, ask, connected } from './recorder.js';

let srv: TestServer;

beforeEach(async () => {
  srv = await startServer();
});
afterEach(async () => {
  await srv.stop();
});

interface Client {
  s: ClientSocket;
  rec: Recorder;
  snapshot: Snapshot;
}

/** Connect with a token and wait for the snapshot: from then on the client is in its rooms. */
async function join(token: string): Promise<Client> {
  const s = srv.socket(token);
  const rec = new Recorder(s);
  const { payload } = await rec.next('snapshot', 0);
  return { s, rec, snapshot: payload as Snapshot };
}

/** A supervisor's connection: staff receive every fact whole (a display gets its projection, audience.test.ts). */
async function watch(): Promise<Client> {
  return join(await srv.login('super'));
}

/** Wait until `rec` has received the fact with this seq (so that later marks start after it). */
async function seen(rec: Recorder, seq: number): Promise<void> {
  await rec.waitFor((e) => e.event === 'fact' && (e.payload as Fact).seq === seq);
}

const refused = (code: string) => ({ ok: false, error: { code, message: expect.stringMatching(/\S/) } });

/**
 * Proof that nothing was broadcast since `mark`: a successful command now must produce the very
 * next event the observer receives, a fact with seq exactly `prevSeq + 1`.
 */
async function expectSilentSince(observer: Recorder, mark: number, prevSeq: number, kiosk: ClientSocket): Promise<void> {
  const control = await ask(kiosk, 'ticket:issue', { serviceId: 'property' });
  expect(control.ok).toBe(true);
  if (!control.ok) return;
  expect(control.data.seq).toBe(prevSeq + 1);
  await observer.waitFor((e) => e.event === 'fact', mark);
  const first = observer.events[mark]!;
  expect(first.event).toBe('fact');
  expect(first.payload).toMatchObject({ type: 'ticket:issued', seq: prevSeq + 1, ticket: { id: control.data.ticket.id } });
}

describe('connection', () => {
  it('refuses a connection without a valid token with connect_error UNAUTHORIZED', async () => {
    for (const auth of [{}, { token: 'not-a-token' }, { token: 'x'.repeat(300) }, { token: 42 }]) {
      const s = connect(srv.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
      try {
        const err = await connected(s).then(
          () => new Error('connected without a valid token'),
          (e: Error) => e,
        );
        expect(err.message, JSON.stringify(auth)).toBe('UNAUTHORIZED');
        expect(s.connected).toBe(false);
      } finally {
        s.disconnect();
      }
    }
  });

  it('sends a snapshot with the current seq on connect', async () => {
    const a = await srv.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    const b = await srv.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.seq).toBe(a.body.seq + 1);

    const display = await watch();
    expect(display.snapshot.seq).toBe(b.body.seq);
    expect(display.snapshot.tickets.map((t) => t.id).sort()).toEqual([a.body.ticket.id, b.body.ticket.id].sort());
    // One snapshot, nothing else until something happens. The waiting counts that follow the two
    // issues (up to 100 ms later, socket.ts LOADS_EVERY_MS) may reach a display that connected
    // meanwhile: they carry no seq past the snapshot's.
    const after = display.rec.events.filter((e) => !(e.event === 'queue:loads' && (e.payload as { seq: number }).seq <= display.snapshot.seq));
    expect(after.map((e) => e.event)).toEqual(['snapshot']);
  });
});

describe('a session ended while connected', () => {
  it('is disconnected by the server at logout, broadcasts nothing, and cannot reconnect', async () => {
    const token = await srv.login('op2');
    const observer = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const op2 = await join(token);
    const mark = observer.rec.mark;
    const gone = new Promise<string>((resolve) => op2.s.once('disconnect', resolve));
    expect((await srv.call('POST', '/api/auth/logout', { token, body: {} })).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
    await expectSilentSince(observer.rec, mark, observer.snapshot.seq, kiosk.s);

    op2.s.connect();
    await expect(connected(op2.s)).rejects.toThrow('UNAUTHORIZED');
  });
});

describe('commands and facts', () => {
  it('acks a kiosk ticket:issue and broadcasts ticket:issued with the same seq, then queue:loads', async () => {
    const display = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const seq0 = display.snapshot.seq;
    const mark = display.rec.mark;

    const res = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
    expect(res).toEqual({
      ok: true,
      data: {
        ticket: expect.objectContaining({ serviceId: 'passport', number: 'A001', seqNo: 1, status: 'waiting', lane: 'normal' }),
        eta: expect.objectContaining({ position: 1 }),
        seq: seq0 + 1,
      },
    });
    if (!res.ok) return;

    const loadsAt = await display.rec.waitFor((e) => e.event === 'queue:loads', mark);
    expect(display.rec.events.slice(mark, loadsAt + 1).map((e) => e.event)).toEqual(['fact', 'queue:loads']);
    const fact = display.rec.events[mark]!.payload as Fact;
    expect(fact).toMatchObject({ type: 'ticket:issued', seq: res.data.seq, centerId: 'c1', counter: null });
    expect(fact.type === 'ticket:issued' && fact.ticket).toEqual(res.data.ticket);
    const loads = display.rec.events[loadsAt]!.payload;
    expect(loads.seq).toBe(res.data.seq);
    expect(loads.loads).toContainEqual(expect.objectContaining({ serviceId: 'passport', waiting: 1 }));
  });

  it('a burst of tickets: every fact goes out, and fewer waiting counts that end with the last ticket', async () => {
    const display = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const mark = display.rec.mark;
    const answers = await Promise.all(Array.from({ length: 30 }, () => ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' })));
    const last = Math.max(...answers.map((a) => (a.ok ? (a.data as { seq: number }).seq : -1)));
    await display.rec.waitFor((e) => e.event === 'queue:loads' && (e.payload as { seq: number }).seq === last, mark);
    expect(display.rec.facts(mark).map((f) => f.seq)).toEqual(answers.map((_, i) => last - 29 + i));
    const counts = display.rec.events.slice(mark).filter((e) => e.event === 'queue:loads');
    expect(counts.length).toBeLessThan(30);
    expect(counts.at(-1)!.payload.loads).toContainEqual(expect.objectContaining({ serviceId: 'passport', waiting: 30 }));
  });

  it('an operator claims counter 1 and calls next: staff receive ticket:called with the ticket and the counter, the display its projection', async () => {
    const op1 = await srv.login('op1');
    const display = await watch();
    const tv = await join(DISPLAY_TOKEN);
    const kiosk = await join(KIOSK_TOKEN);
    const operator = await join(op1);

    const issued = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
    if (!issued.ok) throw new Error(JSON.stringify(issued));
    // The kiosk is answered first, the hall right after.
    await display.rec.waitFor((e) => e.event === 'queue:loads' && (e.payload as { seq: number }).seq === issued.data.seq);

    const claimMark = display.rec.mark;
    const claim = await ask(operator.s, 'counter:claim', { counterId: '1' });
    expect(claim).toMatchObject({ ok: true, data: { counter: { id: '1', status: 'open', staffLogin: 'op1' }, seq: issued.data.seq + 1 } });
    const opened = await display.rec.next('fact', claimMark);
    expect(opened.payload).toMatchObject({ type: 'counter:opened', seq: issued.data.seq + 1, counter: { id: '1', staffLogin: 'op1' } });

    const mark = display.rec.mark;
    const call = await ask(operator.s, 'counter:call-next', { counterId: '1' });
    expect(call).toMatchObject({
      ok: true,
      data: {
        ticket: { id: issued.data.ticket.id, status: 'called', counterId: '1' },
        counter: { id: '1', currentTicketId: issued.data.ticket.id },
        seq: issued.data.seq + 2,
      },
    });
    const called = await display.rec.next('fact', mark);
    expect(called.index).toBe(mark);
    expect(called.payload).toMatchObject({
      type: 'ticket:called',
      seq: issued.data.seq + 2,
      ticket: { id: issued.data.ticket.id, number: 'A001', status: 'called', counterId: '1' },
      counter: { id: '1', number: '1', status: 'open', currentTicketId: issued.data.ticket.id },
    });
    if (call.ok) {
      expect(called.payload.ticket).toEqual(call.data.ticket);
      expect(called.payload.counter).toEqual(call.data.counter);
    }
    // The TV: the same fact, with the number and the counter but neither the ticket's id nor who works there.
    await tv.rec.waitFor((e) => e.event === 'fact' && (e.payload as Fact).seq === issued.data.seq + 2);
    const onTv = tv.rec.facts().find((f) => f.seq === issued.data.seq + 2)!;
    expect(onTv).toMatchObject({ type: 'ticket:called', ticket: { number: 'A001', status: 'called', counterId: '1' }, counter: { number: '1', status: 'open' } });
    expect(JSON.stringify(onTv)).not.toContain(issued.data.ticket.id);
    expect(JSON.stringify(onTv)).not.toContain('op1');
  });
});

describe('a refused command is acked with an error and broadcasts nothing', () => {
  type Who = 'display' | 'kiosk' | 'op1' | 'op2';
  const cases: { name: string; who: Who; event: string; payload: unknown; code: string }[] = [
    { name: 'a display issuing a ticket', who: 'display', event: 'ticket:issue', payload: { serviceId: 'passport' }, code: 'FORBIDDEN' },
    { name: 'a kiosk calling next', who: 'kiosk', event: 'counter:call-next', payload: { counterId: '1' }, code: 'FORBIDDEN' },
    { name: 'op2 calling next on counter 1 held by op1', who: 'op2', event: 'counter:call-next', payload: { counterId: '1' }, code: 'NOT_YOUR_COUNTER' },
    { name: 'op2 claiming counter 1 held by op1', who: 'op2', event: 'counter:claim', payload: { counterId: '1' }, code: 'COUNTER_HELD' },
    { name: 'op1 calling next on an empty queue', who: 'op1', event: 'counter:call-next', payload: { counterId: '1' }, code: 'QUEUE_EMPTY' },
    { name: 'op1 completing with no ticket', who: 'op1', event: 'counter:complete', payload: { counterId: '1' }, code: 'COUNTER_IDLE' },
    { name: 'an unknown counter', who: 'op1', event: 'counter:call-next', payload: { counterId: '99' }, code: 'UNKNOWN_COUNTER' },
    { name: 'an unknown service', who: 'kiosk', event: 'ticket:issue', payload: { serviceId: 'nope' }, code: 'UNKNOWN_SERVICE' },
    { name: 'a numeric counterId', who: 'op1', event: 'counter:call-next', payload: { counterId: 5 }, code: 'BAD_REQUEST' },
    { name: 'a missing counterId', who: 'op1', event: 'counter:call-next', payload: {}, code: 'BAD_REQUEST' },
    { name: 'a null payload', who: 'op1', event: 'counter:call-next', payload: null, code: 'BAD_REQUEST' },
    { name: 'an unknown field', who: 'op1', event: 'counter:call-next', payload: { counterId: '1', force: true }, code: 'BAD_REQUEST' },
    { name: 'a pause without a reason', who: 'op1', event: 'counter:pause', payload: { counterId: '1' }, code: 'BAD_REQUEST' },
    { name: 'a ticket without a service', who: 'kiosk', event: 'ticket:issue', payload: {}, code: 'BAD_REQUEST' },
    { name: 'a priority ticket without a category', who: 'kiosk', event: 'ticket:issue', payload: { serviceId: 'passport', lane: 'priority' }, code: 'BAD_REQUEST' },
    { name: 'sync:since with a negative seq', who: 'display', event: 'sync:since', payload: { seq: -1 }, code: 'BAD_REQUEST' },
    { name: 'sync:since with a string seq', who: 'display', event: 'sync:since', payload: { seq: '3' }, code: 'BAD_REQUEST' },
  ];

  it.each(cases)('$name → $code', async ({ who, event, payload, code }) => {
    const [op1Token, op2Token] = await Promise.all([srv.login('op1'), srv.login('op2')]);
    const observer = await watch();
    const clients: Record<Who, Client> = {
      display: await join(DISPLAY_TOKEN),
      kiosk: await join(KIOSK_TOKEN),
      op1: await join(op1Token),
      op2: await join(op2Token),
    };
    const claim = await ask(clients.op1.s, 'counter:claim', { counterId: '1' });
    if (!claim.ok) throw new Error(JSON.stringify(claim));
    await seen(observer.rec, claim.data.seq);

    const mark = observer.rec.mark;
    const res = await ask(clients[who].s, event, payload);
    expect(res).toEqual(refused(code));
    await expectSilentSince(observer.rec, mark, claim.data.seq, clients.kiosk.s);
  });
});

describe('sync:since', () => {
  it('returns exactly the facts after a seq, nothing at the current seq, and a snapshot when ahead of the server', async () => {
    const display = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const seq0 = display.snapshot.seq;
    const acks = [];
    for (const serviceId of ['passport', 'property', 'benefits']) {
      const res = await ask(kiosk.s, 'ticket:issue', { serviceId });
      if (!res.ok) throw new Error(JSON.stringify(res));
      acks.push(res.data);
    }
    await seen(display.rec, seq0 + 3);
    const broadcast = display.rec.facts();

    const all = await ask(display.s, 'sync:since', { seq: seq0 });
    expect(all).toEqual({ ok: true, data: { kind: 'facts', facts: broadcast } });
    expect(broadcast.map((f) => f.seq)).toEqual([seq0 + 1, seq0 + 2, seq0 + 3]);
    expect(broadcast.map((f) => f.type === 'ticket:issued' && f.ticket.id)).toEqual(acks.map((a) => a.ticket.id));

    const tail = await ask(display.s, 'sync:since', { seq: seq0 + 2 });
    expect(tail).toEqual({ ok: true, data: { kind: 'facts', facts: broadcast.slice(2) } });

    const none = await ask(display.s, 'sync:since', { seq: seq0 + 3 });
    expect(none).toEqual({ ok: true, data: { kind: 'facts', facts: [] } });

    const ahead = await ask(display.s, 'sync:since', { seq: seq0 + 100 });
    expect(ahead).toMatchObject({ ok: true, data: { kind: 'snapshot', snapshot: { seq: seq0 + 3 } } });
    if (ahead.ok && ahead.data.kind === 'snapshot') {
      expect(ahead.data.snapshot.tickets.map((t: { id: string }) => t.id).sort()).toEqual(acks.map((a) => a.ticket.id).sort());
    }
  });

  it('sends a snapshot instead of facts when a configuration change was missed (facts do not carry it)', async () => {
    const display = await watch();
    const before = display.snapshot.seq;
    const out = srv.app.deps.hub.get('c1').configChanged('admin');
    expect(out.ok).toBe(true);
    const res = await ask(display.s, 'sync:since', { seq: before });
    expect(res.ok && res.data.kind).toBe('snapshot');
    expect(res.ok && res.data.kind === 'snapshot' && res.data.snapshot.seq).toBe(before + 1);
  });

  it('sends a snapshot instead of facts when more than 500 were missed', async () => {
    const kiosk = await join(KIOSK_TOKEN);
    const seq0 = kiosk.snapshot.seq;
    let last = seq0;
    for (let i = 0; i < 501; i++) {
      const res = await ask(kiosk.s, 'ticket:issue', { serviceId: i % 2 ? 'passport' : 'property' });
      if (!res.ok) throw new Error(JSON.stringify(res));
      last = res.data.seq;
    }
    expect(last).toBe(seq0 + 501);
    const many = await ask(kiosk.s, 'sync:since', { seq: seq0 });
    expect(many).toMatchObject({ ok: true, data: { kind: 'snapshot', snapshot: { seq: last } } });
    const fewer = await ask(kiosk.s, 'sync:since', { seq: seq0 + 1 });
    expect(fewer.ok && fewer.data.kind === 'facts' && fewer.data.facts.length).toBe(500);
  });
});

describe('reconnecting', () => {
  /** Miss four facts: two tickets issued, counter 1 opened, one ticket called. Returns their acks' seqs. */
  /** op1's token, a display and a kiosk connected, and one ticket the display has seen. */
  async function displayAfterOneTicket() {
    const op1 = await srv.login('op1');
    const display = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const first = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
    if (!first.ok) throw new Error(JSON.stringify(first));
    await seen(display.rec, first.data.seq);
    return { op1, display, kiosk, first, lastSeq: display.rec.lastSeq };
  }

  async function missSomeFacts(op1: string): Promise<{ seqs: number[]; ids: string[] }> {
    const a = await srv.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } });
    const b = await srv.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } });
    const claim = await srv.call('POST', '/api/counters/1/claim', { token: op1, body: {} });
    const call = await srv.call('POST', '/api/counters/1/call-next', { token: op1, body: {} });
    expect([a.status, b.status, claim.status, call.status]).toEqual([201, 201, 200, 200]);
    return { seqs: [a.body.seq, b.body.seq, claim.body.seq, call.body.seq], ids: [a.body.ticket.id, b.body.ticket.id] };
  }

  it('a client back after missing facts gets them all by sync:since with its last seq (gap detected by seq)', async () => {
    const { op1, display, kiosk, first, lastSeq } = await displayAfterOneTicket();
    expect(lastSeq).toBe(first.data.seq);

    display.s.disconnect();
    const missed = await missSomeFacts(op1);
    expect(missed.seqs).toEqual([lastSeq + 1, lastSeq + 2, lastSeq + 3, lastSeq + 4]);

    const mark = display.rec.mark;
    display.s.connect();
    await connected(display.s);
    // A client that comes back starts from a fresh snapshot, which is ahead.
    const snap = (await display.rec.next('snapshot', mark)).payload as Snapshot;
    expect(snap.seq - lastSeq).toBe(4);

    const sync = await ask(display.s, 'sync:since', { seq: lastSeq });
    if (!sync.ok || sync.data.kind !== 'facts') throw new Error(`expected facts, got ${JSON.stringify(sync)}`);
    const facts = sync.data.facts as Fact[];
    expect(facts.map((f) => f.seq)).toEqual(missed.seqs);
    expect(facts.map((f) => f.type)).toEqual(['ticket:issued', 'ticket:issued', 'counter:opened', 'ticket:called']);
    expect(facts.slice(0, 2).map((f) => f.type === 'ticket:issued' && f.ticket.id)).toEqual(missed.ids);
    expect(facts[3]).toMatchObject({ ticket: { id: first.data.ticket.id, status: 'called', counterId: '1' } });

    // From here on the live facts continue without a gap.
    const liveMark = display.rec.mark;
    const next = await ask(kiosk.s, 'ticket:issue', { serviceId: 'benefits' });
    expect(next.ok && next.data.seq).toBe(snap.seq + 1);
    expect((await display.rec.next('fact', liveMark)).payload.seq).toBe(snap.seq + 1);
  });

  it('a client that notices a gap in live facts fills it by sync:since', async () => {
    // The follower applies facts in seq order; it drops everything while "offline" and, on the
    // first fact after, sees seq jump past lastSeq + 1 and asks for what it missed.
    const follower = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    let lastSeq = follower.snapshot.seq;
    let offline = true;
    const applied: number[] = [];
    const gaps: { from: number; to: number }[] = [];
    const done = new Promise<void>((resolve, reject) => {
      follower.s.on('fact', (fact: Fact) => {
        if (offline) return;
        if (fact.seq > lastSeq + 1) {
          gaps.push({ from: lastSeq, to: fact.seq });
          void ask(follower.s, 'sync:since', { seq: lastSeq }).then((res) => {
            if (!res.ok || res.data.kind !== 'facts') return reject(new Error(JSON.stringify(res)));
            for (const f of res.data.facts as Fact[]) if (f.seq === lastSeq + 1) applied.push((lastSeq = f.seq));
            resolve();
          }, reject);
          return;
        }
        if (fact.seq === lastSeq + 1) applied.push((lastSeq = fact.seq));
      });
    });
    const dropped = [];
    for (let i = 0; i < 3; i++) {
      const res = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
      if (res.ok) dropped.push(res.data.seq);
    }
    expect(dropped).toHaveLength(3);
    await seen(follower.rec, dropped[2]!);
    offline = false;
    const after = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
    await done;
    expect(after.ok && after.data.seq).toBe(follower.snapshot.seq + 4);
    expect(gaps).toEqual([{ from: follower.snapshot.seq, to: follower.snapshot.seq + 4 }]);
    expect(applied).toEqual([...dropped, follower.snapshot.seq + 4]);
  });

  it('a dropped connection comes back to a snapshot with everything it missed, and stays in its rooms', async () => {
    const { op1, display, kiosk, lastSeq } = await displayAfterOneTicket();

    // Drop the transport (not a voluntary disconnect) and wait until the server has noticed.
    const serverSide = srv.app.io.of('/').sockets.get(display.s.id!);
    expect(serverSide).toBeDefined();
    const gone = new Promise<string>((resolve) => serverSide!.once('disconnect', resolve));
    display.s.io.engine.close();
    expect(await gone).toBe('transport close');

    const missed = await missSomeFacts(op1);
    const mark = display.rec.mark;
    display.s.connect();
    await connected(display.s);
    const snap = (await display.rec.next('snapshot', mark)).payload as Snapshot;
    expect(snap.seq).toBe(missed.seqs.at(-1));
    expect(snap.tickets.map((t) => t.id)).toEqual(expect.arrayContaining(missed.ids));
    expect(display.rec.lastSeq).toBe(lastSeq + 4);

    // Still in its rooms afterwards.
    const liveMark = display.rec.mark;
    const next = await ask(kiosk.s, 'ticket:issue', { serviceId: 'benefits' });
    expect(next.ok && next.data.seq).toBe(lastSeq + 5);
    expect((await display.rec.next('fact', liveMark)).payload.seq).toBe(lastSeq + 5);
  });
});

describe('counters', () => {
  it('a counter held by op1 cannot be claimed by op2 until op1 releases it', async () => {
    const [t1, t2] = await Promise.all([srv.login('op1'), srv.login('op2')]);
    const op1 = await join(t1);
    const op2 = await join(t2);
    expect(await ask(op1.s, 'counter:claim', { counterId: '1' })).toMatchObject({ ok: true, data: { counter: { staffLogin: 'op1' } } });
    expect(await ask(op2.s, 'counter:claim', { counterId: '1' })).toEqual(refused('COUNTER_HELD'));
    expect(await ask(op1.s, 'counter:claim', { counterId: '1' })).toMatchObject({ ok: true, data: { counter: { staffLogin: 'op1' } } });
    expect(await ask(op1.s, 'counter:release', { counterId: '1' })).toMatchObject({ ok: true, data: { counter: { status: 'closed' } } });
    expect(await ask(op2.s, 'counter:claim', { counterId: '1' })).toMatchObject({ ok: true, data: { counter: { status: 'open', staffLogin: 'op2' } } });
    expect(await ask(op1.s, 'counter:call-next', { counterId: '1' })).toEqual(refused('NOT_YOUR_COUNTER'));
  });

  it('two counters calling next at the same moment with one waiting ticket: exactly one gets it', async () => {
    const [t1, t2] = await Promise.all([srv.login('op1'), srv.login('op2')]);
    const display = await watch();
    const kiosk = await join(KIOSK_TOKEN);
    const op1 = await join(t1);
    const op2 = await join(t2);
    // op2 is trained for passport only: counter 1; op1 (passport, property) takes counter 2.
    const counterOf = new Map([
      [op1, '2'],
      [op2, '1'],
    ]);
    expect(await ask(op1.s, 'counter:claim', { counterId: '2' })).toMatchObject({ ok: true });
    expect(await ask(op2.s, 'counter:claim', { counterId: '1' })).toMatchObject({ ok: true });

    for (let round = 0; round < 10; round++) {
      const issued = await ask(kiosk.s, 'ticket:issue', { serviceId: 'passport' });
      if (!issued.ok) throw new Error(JSON.stringify(issued));
      await seen(display.rec, issued.data.seq);
      const mark = display.rec.mark;

      // Both emitted in the same tick, on two connections; the order of arrival alternates.
      const [a, b] = round % 2 ? [op1, op2] : [op2, op1];
      const pending = [ask(a.s, 'counter:call-next', { counterId: counterOf.get(a) }), ask(b.s, 'counter:call-next', { counterId: counterOf.get(b) })];
      const results = await Promise.all(pending);
      const won = results.filter((r) => r.ok);
      const lost = results.filter((r) => !r.ok);
      expect(won, `round ${round}`).toHaveLength(1);
      expect(lost, `round ${round}`).toEqual([refused('QUEUE_EMPTY')]);
      const winner = won[0]!;
      if (!winner.ok) continue;
      expect(winner.data).toMatchObject({ ticket: { id: issued.data.ticket.id, status: 'called' }, seq: issued.data.seq + 1 });

      // Exactly one ticket:called went out, and nothing for the loser.
      const called = await display.rec.next('fact', mark);
      expect(called.payload).toMatchObject({ type: 'ticket:called', seq: issued.data.seq + 1, ticket: { id: issued.data.ticket.id } });
      const winnerSocket = winner.data.counter.id === counterOf.get(op1) ? op1 : op2;
      const done = await ask(winnerSocket.s, 'counter:complete', { counterId: winner.data.counter.id });
      expect(done.ok && done.data.seq).toBe(issued.data.seq + 2);
      await seen(display.rec, issued.data.seq + 2);
      expect(display.rec.facts(mark).map((f) => f.type)).toEqual(['ticket:called', 'ticket:completed']);
    }
  });
});

