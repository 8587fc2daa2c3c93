/**
 * Issue 11: the phone page follows its one ticket on the `/ticket` namespace (no staff or device
 * token: the ticket id is the capability), and the visitor cancels a waiting ticket with
 * POST /api/tickets/:id/withdraw, the same cancel (X1) staff make. Real server on port 0, real
 * socket.io-client clients; every wait is for an event, an ack or a reply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { TICKET_NAMESPACE, type Fact, type PublicTicketStatus, type TicketClientToServerEvents, type TicketServerToClientEvents } from '@qms/shared';
import { PHONES_PER_TICKET } from '../../server/src/realtime/ticket-admit.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { Recorder } from './recorder.js';

type Phone = Socket<TicketServerToClientEvents, TicketClientToServerEvents>;
/** A phone with every status it has heard, in order. */
type Listening = Phone & { heard: PublicTicketStatus[] };

let s: TestServer;
const phones: Phone[] = [];
beforeEach(async () => {
  s = await startServer();
});
afterEach(async () => {
  phones.splice(0).forEach((p) => p.disconnect());
  await s.stop();
});

/** A phone as the page connects, with whatever handshake it is given; it records every status it hears. */
function phone(auth: object): Listening {
  const p = connect(`${s.url}${TICKET_NAMESPACE}`, { auth, transports: ['websocket'], forceNew: true, reconnection: false }) as Listening;
  p.heard = [];
  p.on('ticket:status', (st) => p.heard.push(st));
  phones.push(p);
  return p;
}

/** Resolves with what `pick` finds in the statuses the phone has heard, as soon as it finds something. */
function waitHeard(p: Listening, pick: (heard: PublicTicketStatus[]) => PublicTicketStatus | undefined, timeoutMs = 3000): Promise<PublicTicketStatus> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = pick(p.heard);
      if (!found) return false;
      clearTimeout(timer);
      p.off('ticket:status', check);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => reject(new Error(`the phone heard ${JSON.stringify(p.heard)}`)), timeoutMs);
    if (!check()) p.on('ticket:status', check);
  });
}

/** The n-th status the phone hears. */
const heard = (p: Listening, n: number) => waitHeard(p, (h) => h[n - 1]);
/** The first status it hears that matches. */
const until = (p: Listening, pred: (st: PublicTicketStatus) => boolean) => waitHeard(p, (h) => h.find(pred));

function refusal(p: Phone): Promise<Error & { data?: { code?: string } }> {
  return new Promise((resolve, reject) => {
    p.once('ticket:status', () => reject(new Error('was admitted')));
    p.once('connect_error', resolve);
  });
}

const serverDisconnect = (p: Phone) => new Promise<string>((resolve) => p.once('disconnect', resolve));

async function issue(serviceId = 'passport'): Promise<string> {
  const res = await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } });
  expect(res.status).toBe(201);
  return res.body.ticket.id as string;
}

async function act(counterId: string, action: string): Promise<void> {
  expect((await s.call('POST', `/api/counters/${counterId}/${action}`, { token: await s.login('super') })).status).toBe(200);
}

describe('the phone follows its ticket on /ticket', () => {
  it('gets the status at once (the GET route\'s own payload), then the call by a counter without asking', async () => {
    await act('1', 'claim');
    const id = await issue();
    const p = phone({ ticketId: id });
    const first = await heard(p, 1);
    expect(first).toMatchObject({ id, number: 'A001', status: 'waiting', counterNumber: null, eta: { position: 1, etaMin: 0 } });
    expect(first).toEqual((await s.call('GET', `/api/tickets/${id}`)).body);

    const started = performance.now();
    await act('1', 'call-next');
    const called = await heard(p, 2);
    expect(called).toMatchObject({ id, status: 'called', counterNumber: '1', eta: null, calledAt: s.clock.now });
    // Pushed within one pacing interval of the call: no poll could have brought it.
    expect(performance.now() - started).toBeLessThan(1500);
    // A recall is a new call for the visitor's phone to alert on.
    s.clock.advance(30_000);
    await act('1', 'recall');
    expect(await heard(p, 3)).toMatchObject({ status: 'called', calledAt: s.clock.now });
  });

  it('hears only what changes for its visitor: a ticket of another service, or one behind, sends nothing', async () => {
    await act('1', 'claim');
    const mine = await issue('passport');
    const p = phone({ ticketId: mine });
    await heard(p, 1);
    await issue('property');
    await issue('passport');
    // Then our call: it must be the very next status.
    await act('1', 'call-next');
    expect((await heard(p, 2)).status).toBe('called');
    expect(p.heard).toHaveLength(2);
  });

  it('a place in line that moves is sent: a counter opens, then the visitor ahead is called and ours is first', async () => {
    await issue('passport');
    const second = await issue('passport');
    const p = phone({ ticketId: second });
    expect(await heard(p, 1)).toMatchObject({ eta: { position: 2, etaMin: null } });
    await act('1', 'claim');
    await until(p, (st) => st.eta?.etaMin !== null);
    await act('1', 'call-next');
    expect(await until(p, (st) => st.eta?.position === 1)).toMatchObject({ status: 'waiting', counterNumber: null });
  });

  it('refuses a ticket that does not exist, and any handshake that is not exactly { ticketId } of the issued shape', async () => {
    const unknown = await refusal(phone({ ticketId: 'no-such-ticket' }));
    expect(unknown.data?.code).toBe('UNKNOWN_TICKET');
    expect(unknown.message).toMatch(/No such ticket/);
    const id = await issue();
    for (const auth of [{}, { ticketId: '' }, { ticketId: 'x'.repeat(65) }, { ticketId: 42 }, { ticketId: '../etc' }, { ticketId: id, extra: 1 }, { token: KIOSK_TOKEN }, { token: DISPLAY_TOKEN, ticketId: id }]) {
      const err = await refusal(phone(auth));
      expect(err.data?.code, JSON.stringify(auth)).toBe('BAD_REQUEST');
      expect(err.message).toMatch(/ticketId/);
    }
  });

  it(`admits at most ${PHONES_PER_TICKET} phones per ticket; another is admitted once one leaves`, async () => {
    const id = await issue();
    const open = Array.from({ length: PHONES_PER_TICKET }, () => phone({ ticketId: id }));
    await Promise.all(open.map((p) => heard(p, 1)));
    const over = await refusal(phone({ ticketId: id }));
    expect(over.data?.code).toBe('RATE_LIMITED');
    // Another ticket is not held back by this one.
    await heard(phone({ ticketId: await issue() }), 1);
    open[0]!.disconnect();
    // The server lets it go when the transport closes; a new phone then gets in.
    for (let i = 0; ; i++) {
      const again = phone({ ticketId: id });
      const admitted = await new Promise<boolean>((resolve) => {
        again.once('ticket:status', () => resolve(true));
        again.once('connect_error', () => resolve(false));
      });
      if (admitted) break;
      expect(i).toBeLessThan(50);
    }
  });

  it('a finished ticket shows its end; once rated (issue 14: nothing more can change), the server lets the phone go', async () => {
    await act('1', 'claim');
    const id = await issue();
    await act('1', 'call-next');
    await act('1', 'complete');
    const p = phone({ ticketId: id });
    const gone = serverDisconnect(p);
    // While it may still be rated, the page keeps following: a rating terminal's rating would show there too.
    expect(await heard(p, 1)).toMatchObject({ status: 'done', rating: { open: true, given: null } });
    expect((await s.call('POST', `/api/tickets/${id}/rating`, { body: { scores: { overall: 5 } } })).status).toBe(201);
    expect(await heard(p, 2)).toMatchObject({ status: 'done', rating: { open: false, given: { scores: { overall: 5 } } } });
    expect(await gone).toBe('io server disconnect');
  });
});

describe('the visitor withdraws their ticket (X1)', () => {
  it('X1: a waiting ticket is cancelled as staff cancel it: the same fact reaches staff and the hall display, the phone hears it, the log names the visitor', async () => {
    const id = await issue();
    const staff = new Recorder(s.socket(await s.login('super')));
    const display = new Recorder(s.socket(DISPLAY_TOKEN));
    await Promise.all([staff.next('snapshot', 0), display.next('snapshot', 0)]);
    const p = phone({ ticketId: id });
    await heard(p, 1);
    const gone = serverDisconnect(p);

    const res = await s.call('POST', `/api/tickets/${id}/withdraw`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, number: 'A001', status: 'cancelled', eta: null });
    expect(res.body).toEqual((await s.call('GET', `/api/tickets/${id}`)).body);

    const fact = (await staff.next('fact', 0)).payload as Fact;
    expect(fact).toMatchObject({ type: 'ticket:cancelled', reason: 'cancelled', ticket: { id, status: 'cancelled' } });
    // The display gets the cancel too, with the ticket's public reference in place of its id.
    expect((await display.next('fact', 0)).payload).toMatchObject({ type: 'ticket:cancelled', seq: fact.seq, ticket: { number: 'A001', status: 'cancelled' } });
    expect(await heard(p, 2)).toMatchObject({ id, status: 'cancelled' });
    expect(await gone).toBe('io server disconnect');
    const row = s.db.prepare('SELECT actor, type FROM events WHERE seq = ?').get(fact.seq);
    expect(row).toEqual({ actor: 'visitor', type: 'ticket:cancelled' });
  });

  it('X1: a called ticket is refused with 409 and a sentence for the visitor; nothing changes and nothing is broadcast', async () => {
    await act('1', 'claim');
    const id = await issue();
    await act('1', 'call-next');
    const staff = new Recorder(s.socket(await s.login('super')));
    const { payload: snap } = await staff.next('snapshot', 0);
    const mark = staff.mark;

    const res = await s.call('POST', `/api/tickets/${id}/withdraw`);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code: 'INVALID_TRANSITION', message: 'Ticket A001 has already been called to counter 1, so it can no longer be cancelled here: please go to the counter and tell the staff.' });
    expect((await s.call('GET', `/api/tickets/${id}`)).body).toMatchObject({ status: 'called', counterNumber: '1' });

    // Silence: the next thing staff hear is the control's fact, at the very next sequence number.
    expect((await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'property' } })).status).toBe(201);
    await staff.next('fact', mark);
    expect(staff.facts(mark)[0]).toMatchObject({ type: 'ticket:issued', seq: snap.seq + 1 });
  });

  it('an unknown ticket is a 404; a withdrawn one cannot be withdrawn twice', async () => {
    expect(await s.call('POST', '/api/tickets/no-such-ticket/withdraw')).toMatchObject({ status: 404, body: { error: { code: 'UNKNOWN_TICKET' } } });
    const id = await issue();
    expect((await s.call('POST', `/api/tickets/${id}/withdraw`)).status).toBe(200);
    expect(await s.call('POST', `/api/tickets/${id}/withdraw`)).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: 'Ticket A001 is no longer waiting (cancelled), so there is nothing to cancel.' } },
    });
  });

  it('is rate limited per address, apart from logins', async () => {
    const from = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 30; i++) expect((await s.call('POST', '/api/tickets/no-such-ticket/withdraw', { headers: from })).status).toBe(404);
    expect(await s.call('POST', '/api/tickets/no-such-ticket/withdraw', { headers: from })).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect((await s.call('POST', '/api/auth/login', { headers: from, body: { login: 'op1', password: 'password-123' } })).status).toBe(200);
    expect((await s.call('POST', '/api/tickets/no-such-ticket/withdraw', { headers: { 'x-forwarded-for': '203.0.113.8' } })).status).toBe(404);
  });
});
