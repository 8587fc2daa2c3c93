/**
 * Issue 14 §3 over HTTP, on a real server and a real SQLite file: a visit is rated once, within
 * 24 hours of its end, from the ticket's phone page or from the rating terminal at the counter
 * that served it; a complaint reaches supervisors with the ticket's facts and its answer reaches
 * the phone page, live; the satisfaction index is what a hand count of the stored ratings says.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, TICKET_NAMESPACE, type PublicTicketStatus, type TicketClientToServerEvents, type TicketServerToClientEvents } from '@qms/shared';
import { tokenHash } from '../../server/src/auth/passwords.js';
import { KIOSK_TOKEN, testCenter } from '../helpers/center.js';
import { decrypt, LocalPushService } from '../helpers/push-service.js';
import { startServer, T0, type TestServer } from '../helpers/server.js';

const RATING_1 = 'test-rating-terminal-1';
const RATING_2 = 'test-rating-terminal-2';
const MIN = 60_000;

function center() {
  const cfg = testCenter();
  // op2 is trained for passports only; counter 2 also serves property, so op3 holds it here.
  cfg.staff = [...(cfg.staff ?? []), { login: 'op3', name: 'Operator 3', role: 'operator', password: 'password-123', services: ['passport', 'property'] }];
  cfg.devices = [
    ...(cfg.devices ?? []),
    { id: 'rate-1', kind: 'rating', name: 'Rating at counter 1', counters: ['1'], tokenHash: tokenHash(RATING_1) },
    { id: 'rate-2', kind: 'rating', name: 'Rating at counter 2', counters: ['2'], tokenHash: tokenHash(RATING_2) },
  ];
  return cfg;
}

let s: TestServer;
let op1: string;
let op3: string;
let sup: string;
const phones: Socket[] = [];
beforeEach(async () => {
  s = await startServer({ config: center() });
  [op1, op3, sup] = [await s.login('op1'), await s.login('op3'), await s.login('super')];
});
afterEach(async () => {
  phones.splice(0).forEach((p) => p.disconnect());
  await s.stop();
});

async function ok(method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await s.call(method, path, { token, body });
  expect(res.status, `${method} ${path} → ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** A ticket issued at the kiosk, waiting `waitMin` minutes, then called and completed at `counter` by `token`'s holder. */
async function served(counter: string, token: string, { serviceId = 'passport', waitMin = 4, serveMin = 5 } = {}): Promise<string> {
  const { ticket } = await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId, language: 'en' });
  s.clock.advance(waitMin * MIN);
  const called = await ok('POST', `/api/counters/${counter}/call-next`, token, {});
  expect(called.ticket.id).toBe(ticket.id);
  s.clock.advance(serveMin * MIN);
  await ok('POST', `/api/counters/${counter}/complete`, token, {});
  return ticket.id as string;
}

const rows = () => s.db.prepare('SELECT * FROM ratings ORDER BY at, rowid').all() as Record<string, unknown>[];
const rate = (id: string, body: unknown) => s.call('POST', `/api/tickets/${id}/rating`, { body });
const status = async (id: string) => (await s.call('GET', `/api/tickets/${id}`)).body as PublicTicketStatus;

/** The refusal, in the one error shape, and nothing stored. */
async function refused(res: { status: number; body: any }, code: ErrorCode, httpStatus: number, message: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }, JSON.stringify(res.body)).toEqual({ status: httpStatus, code });
  expect(res.body.error.message).toMatch(message);
}

describe('rating a visit from the phone page', () => {
  it('a done ticket is rated: the rating carries the ticket\'s facts (day, service, counter, operator) and nothing of the visitor; the phone status shows it', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const id = await served('1', op1);
    expect((await status(id)).rating).toEqual({ open: true, given: null });

    const res = await rate(id, { scores: { overall: 4, waiting: 3, courtesy: 5 }, comment: 'Quick and polite', language: 'ru' });
    expect(res.status).toBe(201);
    const given = { scores: { overall: 4, waiting: 3, courtesy: 5 }, comment: 'Quick and polite', complaint: false, at: s.clock.now, complaintStatus: null, answer: null, answeredAt: null };
    expect(res.body).toMatchObject({ id, status: 'done', rating: { open: false, given } });
    expect(await status(id)).toEqual(res.body);

    expect(rows()).toEqual([
      {
        ticket_id: id, center_id: 'c1', day: '2026-03-02', service_id: 'passport', counter_id: '1', operator: 'op1', channel: 'phone', language: 'ru',
        overall: 4, waiting: 3, courtesy: 5, competence: null, comfort: null, comment: 'Quick and polite', complaint: 0, complaint_status: null,
        answer: null, answered_by: null, answered_at: null, at: s.clock.now,
      },
    ]);
  });

  it('once only: a second rating is refused with the time the first was recorded, and changes nothing', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const id = await served('1', op1);
    s.clock.advance(7 * MIN);
    expect((await rate(id, { scores: { overall: 5 } })).status).toBe(201);
    const before = rows();
    s.clock.advance(MIN);
    // T0 is 10:00 in Moscow: 4 + 5 minutes to serve, 7 more before rating.
    await refused(await rate(id, { scores: { overall: 1 }, comment: 'Changed my mind', complaint: true }), ErrorCode.AlreadyRated, 409, /recorded at 10:16/);
    expect(rows()).toEqual(before);
  });

  it('within 24 hours of the end: just under 24 h still open, just over refused as closed, saying when the visit ended', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const [a, b] = [await served('1', op1), await served('1', op1)];
    s.clock.advance(24 * 60 * MIN - 6 * MIN);
    expect((await status(a)).rating).toEqual({ open: false, given: null });
    expect((await status(b)).rating).toEqual({ open: true, given: null });
    expect((await rate(b, { scores: { overall: 3 } })).status).toBe(201);
    await refused(await rate(a, { scores: { overall: 3 } }), ErrorCode.RatingClosed, 409, /within 24 hours.*ended on 2026-03-02 at 10:09/);
    expect(rows().map((r) => r.ticket_id)).toEqual([b]);
  });

  it('a complaint needs a comment (400, saying so); nothing is stored', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const id = await served('1', op1);
    await refused(await rate(id, { scores: { overall: 1 }, complaint: true }), ErrorCode.BadRequest, 400, /complaint needs a comment/);
    await refused(await rate(id, { scores: { overall: 1 }, complaint: true, comment: '   ' }), ErrorCode.BadRequest, 400, /comment/);
    expect(rows()).toEqual([]);
    expect((await status(id)).rating).toEqual({ open: true, given: null });
  });

  it('a ticket not served (waiting, called, no-show, cancelled) is refused as closed; scores out of 1–5 and an unknown ticket too; nothing changes', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const waiting = (await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId: 'property' })).ticket.id;
    const called = (await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId: 'passport' })).ticket.id;
    await ok('POST', '/api/counters/1/call-next', op1, {});
    await refused(await rate(waiting, { scores: { overall: 5 } }), ErrorCode.RatingClosed, 409, /not over yet/);
    await refused(await rate(called, { scores: { overall: 5 } }), ErrorCode.RatingClosed, 409, /not over yet/);
    await ok('POST', '/api/counters/1/no-show', op1, {});
    await refused(await rate(called, { scores: { overall: 5 } }), ErrorCode.RatingClosed, 409, /not served/);
    await ok('POST', `/api/tickets/${waiting}/withdraw`, undefined);
    await refused(await rate(waiting, { scores: { overall: 5 } }), ErrorCode.RatingClosed, 409, /not served/);
    expect((await status(waiting)).rating).toBeNull();

    const done = await served('1', op1);
    await refused(await rate(done, { scores: { overall: 6 } }), ErrorCode.BadRequest, 400, /scores run from 1 to 5/);
    await refused(await rate(done, { scores: { waiting: 4 } }), ErrorCode.BadRequest, 400, /overall/);
    await refused(await rate(done, { scores: { overall: 4 }, name: 'Ivan' }), ErrorCode.BadRequest, 400, /name/);
    await refused(await rate('no-such-ticket', { scores: { overall: 4 } }), ErrorCode.UnknownTicket, 404, /No such ticket/);
    expect(rows()).toEqual([]);
  });
});

describe('the rating terminal at a counter', () => {
  it("offers its counter's last visit for 3 minutes, rates it for the operator who served it; another counter's terminal cannot", async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    await ok('POST', '/api/counters/2/claim', op3);
    const idle = await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 });
    expect(idle.body).toMatchObject({ center: { id: 'c1', defaultLanguage: 'ru' }, counter: { id: '1', number: '1' }, visit: null });

    const at1 = await served('1', op1);
    const t1 = (await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body;
    expect(t1.visit).toEqual({ ticketId: at1, number: 'A001', service: { id: 'passport', names: { ru: 'Паспорт', en: 'Passport' } }, completedAt: s.clock.now, language: 'en', until: s.clock.now + 3 * MIN });
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_2 })).body.visit).toBeNull();

    // Counter 2's terminal may not rate counter 1's visit, even naming it.
    const before = rows();
    await refused(await s.call('POST', '/api/rating-terminal/rating', { token: RATING_2, body: { ticketId: at1, scores: { overall: 1 } } }), ErrorCode.NotYourCounter, 403, /counter 1.*only counter 2/);
    expect(rows()).toEqual(before);

    const res = await s.call('POST', '/api/rating-terminal/rating', { token: RATING_1, body: { ticketId: at1, scores: { overall: 5, courtesy: 5 }, language: 'en' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ scores: { overall: 5, courtesy: 5 }, complaint: false });
    expect(rows()).toMatchObject([{ ticket_id: at1, counter_id: '1', operator: 'op1', channel: 'terminal', overall: 5 }]);
    // Rated: nothing more to offer, and not the visit before it either.
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body.visit).toBeNull();
    expect((await status(at1)).rating).toMatchObject({ open: false, given: { scores: { overall: 5, courtesy: 5 } } });

    // At counter 2 the rating goes to its holder, op3.
    const at2 = await served('2', op3);
    expect((await s.call('POST', '/api/rating-terminal/rating', { token: RATING_2, body: { ticketId: at2, scores: { overall: 2 } } })).status).toBe(201);
    expect(rows().find((r) => r.ticket_id === at2)).toMatchObject({ counter_id: '2', operator: 'op3', channel: 'terminal' });
  });

  it('stops offering a visit after 3 minutes, or once the next visitor is being served; a tap on a visit shown is taken a minute longer, then refused', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const first = await served('1', op1);
    s.clock.advance(3 * MIN + 1000);
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body.visit).toBeNull();
    s.clock.advance(MIN);
    await refused(await s.call('POST', '/api/rating-terminal/rating', { token: RATING_1, body: { ticketId: first, scores: { overall: 4 } } }), ErrorCode.RatingClosed, 409, /phone page/);

    const second = await served('1', op1);
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body.visit.ticketId).toBe(second);
    await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId: 'passport' });
    await ok('POST', '/api/counters/1/call-next', op1, {});
    // Called, not yet started: the visitor who just left may still be at the terminal.
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body.visit.ticketId).toBe(second);
    await ok('POST', '/api/counters/1/start', op1, {});
    expect((await s.call('GET', '/api/rating-terminal/current', { token: RATING_1 })).body.visit).toBeNull();
    expect(rows()).toEqual([]);
    // Its visitor, choosing the optional criteria on the screen they were shown, is still heard (within 3 + 1 minutes).
    s.clock.advance(3 * MIN + 30_000);
    expect((await s.call('POST', '/api/rating-terminal/rating', { token: RATING_1, body: { ticketId: second, scores: { overall: 4, comfort: 5 } } })).status).toBe(201);
    // The phone page still takes the first.
    expect((await rate(first, { scores: { overall: 4 } })).status).toBe(201);
    expect(rows().map((r) => [r.ticket_id, r.channel])).toEqual([[second, 'terminal'], [first, 'phone']]);
  });

  it('only a paired rating terminal: a kiosk, a display and staff are refused', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const id = await served('1', op1);
    for (const token of [KIOSK_TOKEN, 'test-display-token', op1, sup]) {
      await refused(await s.call('GET', '/api/rating-terminal/current', { token }), ErrorCode.Forbidden, 403, /rating terminal/);
      await refused(await s.call('POST', '/api/rating-terminal/rating', { token, body: { ticketId: id, scores: { overall: 5 } } }), ErrorCode.Forbidden, 403, /rating terminal/);
    }
    await refused(await s.call('GET', '/api/rating-terminal/current'), ErrorCode.Unauthorized, 401, /token/);
    expect(rows()).toEqual([]);
  });

  it('pairs as a rating terminal, tied to exactly one counter', async () => {
    const admin = await s.login('admin');
    await refused(await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'rate-3', kind: 'rating', name: 'Nowhere' } }), ErrorCode.BadRequest, 400, /one counter/);
    const made = await s.call('POST', '/api/admin/devices', { token: admin, body: { id: 'rate-3', kind: 'rating', name: 'At 3', counters: ['3'] } });
    expect(made.status).toBe(201);
    const wrong = await s.call('POST', '/api/devices/pair', { body: { code: made.body.pairing.code, kind: 'kiosk' } });
    await refused(wrong, ErrorCode.Conflict, 409, /rating terminal.*\/kiosk\/rate\//);
    const paired = await s.call('POST', '/api/devices/pair', { body: { code: made.body.pairing.code, kind: 'rating' } });
    expect(paired.body).toMatchObject({ kind: 'rating', deviceId: 'rate-3' });
    expect((await s.call('GET', '/api/rating-terminal/current', { token: paired.body.token })).body.counter).toEqual({ id: '3', number: '3' });
  });
});

type Phone = Socket<TicketServerToClientEvents, TicketClientToServerEvents>;
/** The phone page's live connection, with every status it hears. */
function phone(ticketId: string): Phone & { heard: PublicTicketStatus[] } {
  const p = connect(`${s.url}${TICKET_NAMESPACE}`, { auth: { ticketId }, transports: ['websocket'], forceNew: true, reconnection: false }) as Phone & { heard: PublicTicketStatus[] };
  p.heard = [];
  p.on('ticket:status', (st) => p.heard.push(st));
  phones.push(p);
  return p;
}
function hears(p: ReturnType<typeof phone>, pred: (st: PublicTicketStatus) => boolean): Promise<PublicTicketStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the phone heard ${JSON.stringify(p.heard.map((h) => h.rating))}`)), 3000);
    const check = () => {
      const found = p.heard.find(pred);
      if (!found) return;
      clearTimeout(timer);
      p.off('ticket:status', check);
      resolve(found);
    };
    p.on('ticket:status', check);
    check();
  });
}

describe('complaints', () => {
  it('reach supervisors with the ticket\'s facts; the answer reaches the phone page live; closed, it is not changed', async () => {
    await ok('POST', '/api/counters/2/claim', op3);
    const id = await served('2', op3, { waitMin: 12, serveMin: 3 });
    const p = phone(id);
    await hears(p, (st) => st.rating?.open === true);

    const sent = await rate(id, { scores: { overall: 1, waiting: 1 }, comment: 'Waited long, rude answer', complaint: true, language: 'en' });
    expect(sent.body.rating.given).toMatchObject({ complaint: true, complaintStatus: 'open', answer: null });
    await hears(p, (st) => st.rating?.given?.complaintStatus === 'open');

    const list = await s.call('GET', '/api/complaints', { token: sup });
    expect(list.body).toEqual([
      {
        ticketId: id, number: 'A001', day: '2026-03-02', serviceId: 'passport', counterId: '2', operator: 'op3', waitMin: 12,
        scores: { overall: 1, waiting: 1 }, comment: 'Waited long, rude answer', complaint: true, at: s.clock.now,
        complaintStatus: 'open', answer: null, answeredAt: null, answeredBy: null,
      },
    ]);
    expect((await s.call('GET', '/api/complaints/open-count', { token: sup })).body).toEqual({ open: 1 });
    // Operators do not read complaints (their own figures are in the satisfaction report).
    await refused(await s.call('GET', '/api/complaints', { token: op3 }), ErrorCode.Forbidden, 403, /supervisor/);
    await refused(await s.call('POST', `/api/complaints/${id}/answer`, { token: op3, body: { text: 'x', status: 'answered' } }), ErrorCode.Forbidden, 403, /supervisor/);

    s.clock.advance(30 * MIN);
    const answered = await s.call('POST', `/api/complaints/${id}/answer`, { token: sup, body: { text: 'We are sorry; we have spoken with the operator.', status: 'answered' } });
    expect(answered.body).toMatchObject({ ticketId: id, complaintStatus: 'answered', answer: 'We are sorry; we have spoken with the operator.', answeredBy: 'super', answeredAt: s.clock.now });
    const live = await hears(p, (st) => st.rating?.given?.complaintStatus === 'answered');
    expect(live.rating!.given).toMatchObject({ answer: 'We are sorry; we have spoken with the operator.', answeredAt: s.clock.now });
    expect((await status(id)).rating).toEqual(live.rating);
    expect((await s.call('GET', '/api/complaints?status=open', { token: sup })).body).toEqual([]);
    expect((await s.call('GET', '/api/complaints?status=answered', { token: sup })).body).toHaveLength(1);

    // Still open to closing; once closed, the phone hears it and lets go, and nothing changes it again.
    const gone = new Promise<string>((resolve) => p.once('disconnect', resolve));
    expect((await s.call('POST', `/api/complaints/${id}/answer`, { token: sup, body: { text: 'We are sorry; we have spoken with the operator.', status: 'closed' } })).status).toBe(200);
    await hears(p, (st) => st.rating?.given?.complaintStatus === 'closed');
    expect(await gone).toBe('io server disconnect');
    const before = rows();
    await refused(await s.call('POST', `/api/complaints/${id}/answer`, { token: sup, body: { text: 'Another word', status: 'answered' } }), ErrorCode.Conflict, 409, /closed on 2026-03-02 at 10:45 by super/);
    expect(rows()).toEqual(before);
    await refused(await s.call('POST', '/api/complaints/no-such/answer', { token: sup, body: { text: 'x', status: 'closed' } }), ErrorCode.NotFound, 404, /no complaint/);
  });

  it('filters by status and by the days of the visits; a bad filter is refused with a sentence', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    const a = await served('1', op1);
    await rate(a, { scores: { overall: 2 }, comment: 'Too slow', complaint: true });
    const b = await served('1', op1);
    await rate(b, { scores: { overall: 1 }, comment: 'Cold hall', complaint: true });
    await rate(await served('1', op1), { scores: { overall: 5 }, comment: 'Fine' });
    await ok('POST', `/api/complaints/${a}/answer`, sup, { text: 'Thank you', status: 'answered' });
    const list = (await s.call('GET', '/api/complaints', { token: sup })).body;
    expect(list.map((c: { ticketId: string }) => c.ticketId)).toEqual([b, a]);
    expect((await s.call('GET', '/api/complaints?from=2026-03-03&to=2026-03-04', { token: sup })).body).toEqual([]);
    expect((await s.call('GET', '/api/complaints?from=2026-03-02&to=2026-03-02&status=answered', { token: sup })).body.map((c: { ticketId: string }) => c.ticketId)).toEqual([a]);
    await refused(await s.call('GET', '/api/complaints?status=maybe', { token: sup }), ErrorCode.BadRequest, 400, /query\.status: expected one of: open, answered, closed/);
    await refused(await s.call('GET', '/api/complaints?from=2026-03-05&to=2026-03-01', { token: sup }), ErrorCode.BadRequest, 400, /swap/);
    await refused(await s.call('GET', '/api/complaints?from=2026-02-30', { token: sup }), ErrorCode.BadRequest, 400, /no such date/);
  });
});

describe('the satisfaction index', () => {
  /** Stored ratings counted by hand: share with overall ≥ 4, mean per criterion over those that gave one. */
  function byHand(list: Record<string, any>[]) {
    const means: Record<string, number> = {};
    for (const c of ['waiting', 'courtesy', 'competence', 'comfort', 'overall']) {
      const xs = list.map((r) => r[c]).filter((x) => x !== null);
      if (xs.length) means[c] = xs.reduce((a, b) => a + b, 0) / xs.length;
    }
    const complaints = list.filter((r) => r.complaint === 1);
    return {
      ratings: list.length,
      satisfiedShare: list.length ? list.filter((r) => r.overall >= 4).length / list.length : null,
      means,
      complaints: complaints.length,
      complaintsOpen: complaints.filter((r) => r.complaint_status === 'open').length,
    };
  }

  it('equals a hand count of the stored ratings, in total and per operator and service; an operator gets their own', async () => {
    await ok('POST', '/api/counters/1/claim', op1);
    await ok('POST', '/api/counters/2/claim', op3);
    const given: [string, string, object][] = [
      ['1', 'passport', { scores: { overall: 5, waiting: 4, courtesy: 5 } }],
      ['1', 'passport', { scores: { overall: 4, competence: 3 } }],
      ['2', 'property', { scores: { overall: 2, waiting: 1, comfort: 2 }, comment: 'Queue too long', complaint: true }],
      ['2', 'passport', { scores: { overall: 3, courtesy: 2 } }],
      ['2', 'property', { scores: { overall: 5, waiting: 5, courtesy: 5, competence: 5, comfort: 4 } }],
      ['1', 'passport', { scores: { overall: 1 }, comment: 'Nobody explained anything', complaint: true }],
    ];
    const ids: string[] = [];
    for (const [counter, serviceId, body] of given) {
      const id = await served(counter, counter === '1' ? op1 : op3, { serviceId });
      ids.push(id);
      expect((await rate(id, body)).status).toBe(201);
    }
    await ok('POST', `/api/complaints/${ids[2]}/answer`, sup, { text: 'We added a counter in the mornings.', status: 'answered' });
    const stored = rows();
    expect(stored).toHaveLength(6);

    const q = 'from=2026-03-01&to=2026-03-02';
    const all = (await s.call('GET', `/api/reports/satisfaction?${q}`, { token: sup })).body;
    expect(all).toEqual({ from: '2026-03-01', to: '2026-03-02', groupBy: 'none', total: byHand(stored), rows: [] });
    expect(all.total.satisfiedShare).toBeCloseTo(3 / 6);
    expect(all.total).toMatchObject({ complaints: 2, complaintsOpen: 1 });

    const byOperator = (await s.call('GET', `/api/reports/satisfaction?${q}&groupBy=operator`, { token: sup })).body;
    expect(byOperator.rows).toEqual(['op1', 'op3'].map((key) => ({ key, ...byHand(stored.filter((r) => r.operator === key)) })));
    const byService = (await s.call('GET', `/api/reports/satisfaction?${q}&groupBy=service`, { token: sup })).body;
    expect(byService.rows).toEqual(['passport', 'property'].map((key) => ({ key, ...byHand(stored.filter((r) => r.service_id === key)) })));
    const byDay = (await s.call('GET', `/api/reports/satisfaction?${q}&groupBy=day`, { token: sup })).body;
    expect(byDay.rows).toEqual([{ key: '2026-03-02', ...byHand(stored) }]);

    // An operator's report holds the visits they served, whatever they ask for.
    const own = (await s.call('GET', `/api/reports/satisfaction?${q}&groupBy=operator`, { token: op1 })).body;
    expect(own.total).toEqual(byHand(stored.filter((r) => r.operator === 'op1')));
    expect(own.rows.map((r: { key: string }) => r.key)).toEqual(['op1']);
    // Another period has none.
    expect((await s.call('GET', '/api/reports/satisfaction?from=2026-03-03&to=2026-03-03', { token: sup })).body.total).toEqual({ ratings: 0, satisfiedShare: null, means: {}, complaints: 0, complaintsOpen: 0 });
  });

  it('refuses bad periods with the same sentences as the other reports; kiosks and anonymous callers get nothing', async () => {
    for (const bad of ['from=2026-03-05&to=2026-03-01', 'from=2026-02-30&to=2026-03-01', 'to=2026-03-01', 'from=2025-01-01&to=2026-03-01', 'from=2026-03-01&to=2026-03-02&x=1']) {
      const summary = await s.call('GET', `/api/reports/summary?${bad}`, { token: sup });
      const satisfaction = await s.call('GET', `/api/reports/satisfaction?${bad}`, { token: sup });
      expect(satisfaction.status, bad).toBe(400);
      expect(satisfaction.body, bad).toEqual(summary.body);
    }
    await refused(await s.call('GET', '/api/reports/satisfaction?from=2026-03-01&to=2026-03-02&groupBy=lane', { token: sup }), ErrorCode.BadRequest, 400, /query\.groupBy: expected one of: none, service, operator, counter, day/);
    await refused(await s.call('GET', '/api/reports/satisfaction?from=2026-03-01&to=2026-03-02', { token: KIOSK_TOKEN }), ErrorCode.Forbidden, 403, /staff/);
    await refused(await s.call('GET', '/api/reports/satisfaction?from=2026-03-01&to=2026-03-02'), ErrorCode.Unauthorized, 401, /token/);
  });
});

describe('beyond the phone page', () => {
  it('webhooks hear rating.given and complaint.answered (without the visitor\'s words); the answer reaches the phone by Web Push', async () => {
    // A server of its own, whose phones may subscribe with a local push service.
    await s.stop();
    s = await startServer({ config: center(), app: { pushEndpoints: 'any' } });
    const svc = await LocalPushService.start();
    try {
      const [admin, op] = [await s.login('admin'), await s.login('op1')];
      expect((await s.call('POST', '/api/admin/webhooks', { token: admin, body: { url: 'http://127.0.0.1:9/hook', events: ['rating.given', 'complaint.answered'] } })).status).toBe(201);
      await ok('POST', '/api/counters/1/claim', op);
      const { ticket } = await ok('POST', '/api/tickets', KIOSK_TOKEN, { serviceId: 'passport', language: 'en' });
      const phone = svc.phone();
      expect((await s.call('POST', `/api/tickets/${ticket.id}/push`, { body: phone.json })).status).toBe(201);
      await ok('POST', '/api/counters/1/call-next', op, {});
      await ok('POST', '/api/counters/1/complete', op, {});
      expect((await rate(ticket.id, { scores: { overall: 2, courtesy: 1 }, comment: 'My name is Ivan and nobody helped', complaint: true })).status).toBe(201);
      await ok('POST', `/api/complaints/${ticket.id}/answer`, await s.login('super'), { text: 'We are sorry, Ivan.', status: 'answered' });

      await s.app.deps.push.idle();
      const kinds = svc.received.map((r) => (JSON.parse(decrypt(phone, r.body)) as { kind: string }).kind);
      expect(kinds).toEqual(expect.arrayContaining(['called', 'rate', 'answered']));
      expect(kinds.filter((k) => k === 'answered')).toHaveLength(1);

      const deliveries = s.db.prepare('SELECT event, body FROM webhook_deliveries ORDER BY id').all() as { event: string; body: string }[];
      expect(deliveries.map((d) => d.event)).toEqual(['rating.given', 'complaint.answered']);
      const [given, answered] = deliveries.map((d) => JSON.parse(d.body));
      expect(given.data).toEqual({
        ticketId: ticket.id, number: 'A001', day: '2026-03-02', serviceId: 'passport', counterId: '1', counterNumber: '1', operator: 'op1', channel: 'phone',
        scores: { overall: 2, courtesy: 1 }, hasComment: true, complaint: true,
      });
      expect(answered.data).toEqual({ ticketId: ticket.id, number: 'A001', day: '2026-03-02', serviceId: 'passport', status: 'answered', answeredAt: s.clock.now });
      expect(deliveries.map((d) => d.body).join()).not.toContain('Ivan');
    } finally {
      await svc.stop();
    }
  });
});

it('T0 is the Monday morning the expected times above are counted from', () => {
  expect(new Date(T0).toISOString()).toBe('2026-03-02T07:00:00.000Z');
});
