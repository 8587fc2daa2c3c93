/**
 * Who may do what (issue 5): every role against every endpoint of the route table and every
 * socket command, as one explicit matrix. A cell is either `ok` (not refused for authorization:
 * the request may still succeed or fail a business rule with another 4xx) or the exact refusal
 * code. The matrix must name every route the server serves, so a new route without an entry fails.
 *
 * Each row runs on a fresh copy of the same recorded hall (see hall.ts), across the columns from
 * anonymous to admin; a refused cell must leave the hall exactly as it was and broadcast nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTER_ACTIONS, DISPLAY_COUNTER_FIELDS, DISPLAY_TICKET_FIELDS, ErrorCode } from '@qms/shared';
import { io as connect } from 'socket.io-client';
import { httpStatus } from '../../server/src/http/errors.js';
import type { TestServer } from '../helpers/server.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { ask, connected } from '../realtime/recorder.js';
import { Observer, dropHall, hallParts, expectUnchanged, fingerprint, openHall, recordHall, type Hall } from './hall.js';
import { routesOf } from './http-probes.js';
import { EVENT_NAMES } from './socket-probes.js';

type Cell = 'ok' | ErrorCode;
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell];
const ROLES = ['anonymous', 'kiosk', 'display', 'operator', 'supervisor', 'admin'] as const;
type Role = (typeof ROLES)[number];

const ok = 'ok';
const U = ErrorCode.Unauthorized;
const F = ErrorCode.Forbidden;
const N = ErrorCode.NotYourCounter;
const H = ErrorCode.CounterHeld;
const NF = ErrorCode.NotFound;

/**
 * The operator is op1, holding counter 2 with a called ticket; counter targets are counter 2
 * unless the probe says otherwise. Supervisors and admins hold no counter, so claiming op1's
 * counter is refused as held (a business rule, spelled out rather than hidden in `ok`).
 */
// prettier-ignore
const HTTP_MATRIX: Record<string, Row> = {
  //                                                  anonymous kiosk display operator supervisor admin
  'GET /api/health':                                  [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/services':                                [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/board':                                   [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/board/{centerId}':                        [ok,       ok,   ok,     ok,      ok,        ok],
  // Booking is public: the code is the credential. Check-in is a kiosk's or staff's; the plan a supervisor's.
  'GET /api/appointments/{centerId}':                 [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/appointments/{centerId}/slots':           [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/appointments/{centerId}':                [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/appointments/{centerId}/{code}':          [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/appointments/{centerId}/{code}/cancel':  [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/appointments/{centerId}/{code}/move':    [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/appointments/{centerId}/{code}/calendar.ics': [ok,   ok,   ok,     ok,      ok,        ok],
  'POST /api/appointments/{centerId}/check-in':       [U,        ok,   F,      ok,      ok,        ok],
  'GET /api/appointments/{centerId}/list':            [U,        F,    F,      ok,      ok,        ok],
  'GET /api/appointments/{centerId}/schedule':        [U,        F,    F,      F,       ok,        ok],
  // Joining from outside is public (V1); the hall poster's code is the phone's (V2); staff confirm at the desk.
  'GET /api/join/{centerId}':                         [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/join/{centerId}':                        [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/tickets/{ticketId}/arrive':              [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/tickets/{ticketId}/check-in':            [U,        F,    F,      ok,      ok,        ok],
  'GET /api/admin/remote/posters':                    [U,        F,    F,      F,       ok,        ok],
  'GET /api/tickets/{ticketId}':                      [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/auth/login':                             [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/devices/pair':                           [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/queue':                                   [U,        ok,   ok,     ok,      ok,        ok],
  'GET /api/events':                                  [U,        ok,   ok,     ok,      ok,        ok],
  'GET /api/counters':                                [U,        ok,   ok,     ok,      ok,        ok],
  'GET /api/auth/me':                                 [U,        ok,   ok,     ok,      ok,        ok],
  'POST /api/tickets':                                [U,        ok,   F,      ok,      ok,        ok],
  'GET /api/stats/today':                             [U,        F,    F,      ok,      ok,        ok],
  'GET /api/reports/summary':                         [U,        F,    F,      ok,      ok,        ok],
  'GET /api/reports/summary.csv':                     [U,        F,    F,      ok,      ok,        ok],
  'GET /api/reports/tickets.csv':                     [U,        F,    F,      F,       ok,        ok],
  'GET /api/reports/balancing':                       [U,        F,    F,      F,       ok,        ok],
  'GET /api/planning/scenario':                       [U,        F,    F,      F,       ok,        ok],
  'GET /api/reports/centers':                         [U,        F,    F,      F,       F,         ok],
  'POST /api/reports/downloads':                      [U,        F,    F,      F,       ok,        ok],
  // The link is the credential: a made-up one is nobody's.
  'GET /api/reports/downloads/{token}':               [NF,       NF,   NF,     NF,      NF,        NF],
  'GET /api/balance':                                 [U,        F,    F,      ok,      ok,        ok],
  'GET /api/counters/holders':                        [U,        F,    F,      ok,      ok,        ok],
  'POST /api/auth/logout':                            [U,        F,    F,      ok,      ok,        ok],
  'POST /api/tickets/{ticketId}/withdraw':            [ok,       ok,   ok,     ok,      ok,        ok],
  // Web Push (issue 14): the key is public; the ticket id is the phone's credential, as for withdrawing.
  'GET /api/push/key':                                [ok,       ok,   ok,     ok,      ok,        ok],
  'POST /api/tickets/{ticketId}/push':                [ok,       ok,   ok,     ok,      ok,        ok],
  'DELETE /api/tickets/{ticketId}/push':              [ok,       ok,   ok,     ok,      ok,        ok],
  // Issue 14, ratings: the ticket id is the phone's credential; the terminal routes are a paired rating
  // terminal's only (no column here: test/http/ratings.test.ts pairs one); complaints are supervisors'.
  'POST /api/tickets/{ticketId}/rating':              [ok,       ok,   ok,     ok,      ok,        ok],
  'GET /api/rating-terminal/current':                 [U,        F,    F,      F,       F,         F],
  'POST /api/rating-terminal/rating':                 [U,        F,    F,      F,       F,         F],
  'GET /api/complaints':                              [U,        F,    F,      F,       ok,        ok],
  'GET /api/complaints/open-count':                   [U,        F,    F,      F,       ok,        ok],
  'POST /api/complaints/{ticketId}/answer':           [U,        F,    F,      F,       ok,        ok],
  'GET /api/reports/satisfaction':                    [U,        F,    F,      ok,      ok,        ok],
  // Issue 15, planning: a supervisor's or an admin's, for their own center (test/http/planning.test.ts: another center's).
  'POST /api/planning/advice':                        [U,        F,    F,      F,       ok,        ok],
  'POST /api/planning/simulate':                      [U,        F,    F,      F,       ok,        ok],
  'POST /api/tickets/{ticketId}/cancel':              [U,        F,    F,      ok,      ok,        ok],
  'POST /api/tickets/{ticketId}/reactivate':          [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/claim':             [U,        F,    F,      ok,      H,         H],
  'POST /api/counters/{counterId}/release':           [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/call-next':         [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/recall':            [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/start':             [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/complete':          [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/no-show':           [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/transfer':          [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/pause':             [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/resume':            [U,        F,    F,      ok,      ok,        ok],
  'POST /api/counters/{counterId}/close':             [U,        F,    F,      ok,      ok,        ok],
  'PUT /api/counters/{counterId}/services':           [U,        F,    F,      F,       ok,        ok],
  'PUT /api/balance/mode':                            [U,        F,    F,      F,       ok,        ok],
  'POST /api/balance/proposals/{id}/accept':          [U,        F,    F,      F,       ok,        ok],
  'POST /api/balance/proposals/{id}/reject':          [U,        F,    F,      F,       ok,        ok],
  'GET /api/balance/log':                             [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/services':                          [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/priority-categories':               [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/counters':                          [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/staff':                             [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/devices':                           [U,        F,    F,      F,       ok,        ok],
  'GET /api/admin/schedule':                          [U,        F,    F,      F,       ok,        ok],
  'PUT /api/admin/schedule':                          [U,        F,    F,      F,       F,         ok],
  'GET /api/admin/appointments':                      [U,        F,    F,      F,       ok,        ok],
  'PUT /api/admin/appointments':                      [U,        F,    F,      F,       F,         ok],
  'GET /api/admin/remote':                            [U,        F,    F,      F,       ok,        ok],
  'PUT /api/admin/remote':                            [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/services/{id}':                     [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/services/{id}':                  [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/priority-categories/{id}':          [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/priority-categories/{id}':       [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/counters/{id}':                     [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/counters/{id}':                  [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/staff/{login}':                     [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/staff/{login}':                  [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/devices':                          [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/devices/{id}':                      [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/devices/{id}':                   [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/devices/{id}/pairing':             [U,        F,    F,      F,       F,         ok],
  'GET /api/admin/config':                            [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/config':                            [U,        F,    F,      F,       F,         ok],
  // Webhooks: an admin's alone, reading included (a URL may carry a gateway's key).
  'GET /api/admin/webhooks':                          [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/webhooks':                         [U,        F,    F,      F,       F,         ok],
  'PUT /api/admin/webhooks/{id}':                     [U,        F,    F,      F,       F,         ok],
  'DELETE /api/admin/webhooks/{id}':                  [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/webhooks/{id}/rotate-secret':      [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/webhooks/{id}/test':               [U,        F,    F,      F,       F,         ok],
  'GET /api/admin/webhooks/{id}/deliveries':          [U,        F,    F,      F,       F,         ok],
  'POST /api/admin/webhooks/deliveries/{deliveryId}/retry': [U,  F,    F,      F,       F,         ok],
};

/** Operators on someone else's counter, or one they are not trained for; a kiosk faking an appointment. */
// prettier-ignore
const SCENARIOS: [string, 'op1' | 'op3' | 'kiosk', string, string, unknown, ErrorCode][] = [
  // what                                                  who    method  path                              body                       refused with
  ['op1 claims counter 1 while holding counter 2',          'op1', 'POST', '/api/counters/1/claim',          {},                        ErrorCode.Conflict],
  ['op3 (passport) claims counter 1, held by op2',          'op3', 'POST', '/api/counters/1/claim',          {},                        H],
  ['op3 (passport) claims counter 3 (property)',            'op3', 'POST', '/api/counters/3/claim',          {},                        ErrorCode.NotQualified],
  ['op3 (passport) claims counter 2 (passport + property)', 'op3', 'POST', '/api/counters/2/claim',          {},                        ErrorCode.NotQualified],
  ['op3 (passport) claims counter 4 (benefits)',            'op3', 'POST', '/api/counters/4/claim',          {},                        ErrorCode.NotQualified],
  ['op3, holding nothing, calls next at counter 3',         'op3', 'POST', '/api/counters/3/call-next',      {},                        N],
  ['op1 calls next at counter 1',                           'op1', 'POST', '/api/counters/1/call-next',      {},                        N],
  ['op1 recalls at counter 1',                              'op1', 'POST', '/api/counters/1/recall',         {},                        N],
  ['op1 starts serving at counter 1',                       'op1', 'POST', '/api/counters/1/start',          {},                        N],
  ['op1 completes at counter 1',                            'op1', 'POST', '/api/counters/1/complete',       {},                        N],
  ['op1 marks a no-show at counter 1',                      'op1', 'POST', '/api/counters/1/no-show',        {},                        N],
  ['op1 transfers counter 1\'s ticket',                     'op1', 'POST', '/api/counters/1/transfer',       { toServiceId: 'property' }, N],
  ['op1 pauses counter 1',                                  'op1', 'POST', '/api/counters/1/pause',          { reason: 'lunch' },       N],
  ['op1 resumes counter 1',                                 'op1', 'POST', '/api/counters/1/resume',         {},                        N],
  ['op1 closes counter 1',                                  'op1', 'POST', '/api/counters/1/close',          {},                        N],
  ['op1 releases counter 1',                                'op1', 'POST', '/api/counters/1/release',        {},                        N],
  ['op1 merges counter 1 into property',                    'op1', 'PUT',  '/api/counters/1/services',       { services: [{ serviceId: 'property' }] }, F],
  ['a kiosk issues a booked (appointment) ticket',          'kiosk', 'POST', '/api/tickets',                 { serviceId: 'passport', lane: 'booked' }, F],
];

/** Socket commands: anonymous cannot even connect. */
// prettier-ignore
const SOCKET_MATRIX: Record<(typeof EVENT_NAMES)[number], Row> = {
  //                          anonymous kiosk display operator supervisor admin
  'ticket:issue':             [U,        ok,   F,      ok,      ok,        ok],
  'sync:since':               [U,        ok,   ok,     ok,      ok,        ok],
  'counter:claim':            [U,        F,    F,      ok,      H,         H],
  'counter:release':          [U,        F,    F,      ok,      ok,        ok],
  'counter:call-next':        [U,        F,    F,      ok,      ok,        ok],
  'counter:recall':           [U,        F,    F,      ok,      ok,        ok],
  'counter:start':            [U,        F,    F,      ok,      ok,        ok],
  'counter:complete':         [U,        F,    F,      ok,      ok,        ok],
  'counter:no-show':          [U,        F,    F,      ok,      ok,        ok],
  'counter:transfer':         [U,        F,    F,      ok,      ok,        ok],
  'counter:pause':            [U,        F,    F,      ok,      ok,        ok],
  'counter:resume':           [U,        F,    F,      ok,      ok,        ok],
  'counter:close':            [U,        F,    F,      ok,      ok,        ok],
};

// prettier-ignore
const SOCKET_SCENARIOS: [string, 'op1' | 'op3', string, unknown, ErrorCode][] = [
  ['op1 calls next at counter 1, held by op2',   'op1', 'counter:call-next', { counterId: '1' },                       N],
  ['op1 pauses counter 1',                       'op1', 'counter:pause',     { counterId: '1', reason: 'lunch' },    N],
  ['op3 (passport) claims counter 3 (property)', 'op3', 'counter:claim',     { counterId: '3' },                     ErrorCode.NotQualified],
  ['op3, holding nothing, closes counter 3',     'op3', 'counter:close',     { counterId: '3' },                     N],
];

/** What each matrix row sends; routes not listed take no parameters and no body. */
interface Probe {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}
function probeFor(key: string, hall: Hall, s: TestServer): Probe {
  const counter = (action: string): Probe => ({
    params: { counterId: '2' },
    body: action === 'transfer' ? { toServiceId: 'property' } : action === 'pause' ? { reason: 'lunch' } : {},
  });
  const action = /^POST \/api\/counters\/\{counterId\}\/([\w-]+)$/.exec(key)?.[1];
  if (action) return counter(action);
  const probes: Record<string, Probe> = {
    'GET /api/events': { query: 'since=0' },
    'GET /api/reports/summary': { query: 'from=2026-03-01&to=2026-03-02' },
    'GET /api/reports/summary.csv': { query: 'from=2026-03-01&to=2026-03-02' },
    'GET /api/reports/tickets.csv': { query: 'from=2026-03-01&to=2026-03-02' },
    'GET /api/reports/balancing': { query: 'from=2026-03-01&to=2026-03-02' },
    'GET /api/planning/scenario': { query: 'centerId=c1&from=2026-03-01&to=2026-03-02' },
    'GET /api/reports/centers': { query: 'from=2026-03-01&to=2026-03-02' },
    'POST /api/reports/downloads': { body: { from: '2026-03-01', to: '2026-03-02' } },
    'GET /api/reports/downloads/{token}': { params: { token: 'a'.repeat(64) } },
    'GET /api/tickets/{ticketId}': { params: { ticketId: hall.tickets.waiting } },
    'GET /api/board/{centerId}': { params: { centerId: 'c1' } },
    'GET /api/appointments/{centerId}': { params: { centerId: 'c1' } },
    'GET /api/appointments/{centerId}/slots': { params: { centerId: 'c1' }, query: 'service=passport&day=2026-03-02' },
    'POST /api/appointments/{centerId}': { params: { centerId: 'c1' }, body: { serviceId: 'passport', at: Date.UTC(2026, 2, 2, 9) } },
    'GET /api/appointments/{centerId}/{code}': { params: { centerId: 'c1', code: 'ZZZZZZZZ' } },
    'POST /api/appointments/{centerId}/{code}/cancel': { params: { centerId: 'c1', code: 'ZZZZZZZZ' } },
    'POST /api/appointments/{centerId}/{code}/move': { params: { centerId: 'c1', code: 'ZZZZZZZZ' }, body: { at: Date.UTC(2026, 2, 2, 9) } },
    'GET /api/appointments/{centerId}/{code}/calendar.ics': { params: { centerId: 'c1', code: 'ZZZZZZZZ' } },
    'POST /api/appointments/{centerId}/check-in': { params: { centerId: 'c1' }, body: { code: 'ZZZZZZZZ' } },
    'GET /api/appointments/{centerId}/list': { params: { centerId: 'c1' }, query: 'day=2026-03-02' },
    'GET /api/appointments/{centerId}/schedule': { params: { centerId: 'c1' }, query: 'from=2026-03-02&to=2026-03-03' },
    'GET /api/join/{centerId}': { params: { centerId: 'c1' } },
    'POST /api/join/{centerId}': { params: { centerId: 'c1' }, body: { serviceId: 'passport', deviceId: 'probe-device-0000' } },
    'POST /api/tickets/{ticketId}/arrive': { params: { ticketId: hall.tickets.waiting }, body: { hallCode: 'WRONGCODE' } },
    'POST /api/tickets/{ticketId}/check-in': { params: { ticketId: hall.tickets.waiting } },
    // Correct credentials: logging in is for anyone, whatever token they already carry.
    'POST /api/auth/login': { body: { login: 'op3', password: PASSWORD } },
    // A code of the wrong shape: answered 400, so the route let the caller through (a wrong 6-digit code would be a 401 for everyone).
    'POST /api/devices/pair': { body: { code: 'abc' } },
    'POST /api/tickets': { body: { serviceId: 'passport' } },
    // The visitor's own cancel: the id is the credential (the first column withdraws it; the others are told it is cancelled already, 409).
    'POST /api/tickets/{ticketId}/withdraw': { params: { ticketId: hall.tickets.waiting } },
    // A real P-256 key: the route checks the point. `.invalid` never resolves, so the alerts this hall's facts trigger go nowhere.
    'POST /api/tickets/{ticketId}/push': { params: { ticketId: hall.tickets.waiting }, body: { endpoint: 'https://push.invalid/probe', keys: { p256dh: 'BL9iz3KCdMWlvFqXFblgkN8G7IvMEPZkgtpwYvP1ElPnBCiKy15qqnu4NNye4Y30hVXd0qonYLqtgDKzp9dKxnE', auth: '-jeH1kpUiFxNFO85UuiYdQ' } } },
    'DELETE /api/tickets/{ticketId}/push': { params: { ticketId: hall.tickets.waiting }, body: { endpoint: 'https://push.invalid/probe' } },
    'POST /api/tickets/{ticketId}/cancel': { params: { ticketId: hall.tickets.waiting } },
    // Nothing in the hall is done yet: every caller is told the visit is not over (RATING_CLOSED), none is refused for who they are.
    'POST /api/tickets/{ticketId}/rating': { params: { ticketId: hall.tickets.waiting }, body: { scores: { overall: 5 } } },
    'POST /api/rating-terminal/rating': { body: { ticketId: hall.tickets.calledAt2, scores: { overall: 5 } } },
    'GET /api/complaints': { query: 'status=open' },
    'POST /api/complaints/{ticketId}/answer': { params: { ticketId: hall.tickets.calledAt2 }, body: { text: 'We are sorry.', status: 'answered' } },
    'GET /api/reports/satisfaction': { query: 'from=2026-03-01&to=2026-03-02&groupBy=operator' },
    // A day that is not one: those let through are told what is wrong with it (400) at once, without a minute of simulation.
    'POST /api/planning/advice': { body: { centerId: 'c1', source: { kind: 'scenario', scenario: { format: 'qms-scenario/1' } } } },
    'POST /api/planning/simulate': { body: { centerId: 'c1', scenario: { format: 'qms-scenario/1' } } },
    'POST /api/tickets/{ticketId}/reactivate': { params: { ticketId: hall.tickets.noShow } },
    'PUT /api/counters/{counterId}/services': { params: { counterId: '2' }, body: { services: [{ serviceId: 'passport' }, { serviceId: 'property', role: 'secondary' }], reason: 'test' } },
    'PUT /api/balance/mode': { body: { mode: 'suggest' } },
    'POST /api/balance/proposals/{id}/accept': { params: { id: 'no-such-proposal' } },
    'POST /api/balance/proposals/{id}/reject': { params: { id: 'no-such-proposal' } },
    'PUT /api/admin/services/{id}': { params: { id: 'passport' }, body: { prefix: 'A', names: { en: 'Passports' } } },
    'DELETE /api/admin/services/{id}': { params: { id: 'benefits' } },
    'PUT /api/admin/priority-categories/{id}': { params: { id: 'elderly' }, body: { names: { en: 'Elderly' } } },
    'DELETE /api/admin/priority-categories/{id}': { params: { id: 'disability' } },
    'PUT /api/admin/counters/{id}': { params: { id: '5' }, body: { number: '5', services: [{ serviceId: 'passport' }] } },
    'DELETE /api/admin/counters/{id}': { params: { id: '4' } },
    'PUT /api/admin/staff/{login}': { params: { login: 'op3' }, body: { name: 'Operator Three', role: 'operator', services: ['passport'] } },
    'DELETE /api/admin/staff/{login}': { params: { login: 'op3' } },
    'POST /api/admin/devices': { body: { id: 'kiosk-2', kind: 'kiosk', name: 'Second kiosk' } },
    'PUT /api/admin/devices/{id}': { params: { id: 'tv' }, body: { name: 'Hall TV' } },
    'DELETE /api/admin/devices/{id}': { params: { id: 'tv' } },
    'POST /api/admin/devices/{id}/pairing': { params: { id: 'tv' } },
    'PUT /api/admin/appointments': { body: { checkInEarlyMin: 20, checkInLateMin: 10, askName: 'off', askPhone: 'required', askEmail: 'optional', retentionDays: 14, perContactPerDay: 2 } },
    'PUT /api/admin/remote': { body: { graceMin: 15, perDevicePerDay: 3, perPhonePerDay: 2, askPhone: 'optional', hallCode: 'HALL2026', alertPeople: 4, alertMinutes: 12 } },
    'PUT /api/admin/schedule': { body: { hours: { mon: [{ from: '08:00', to: '18:00' }] }, closedDays: [{ date: '2026-05-01', reason: 'Labour Day' }] } },
    'PUT /api/admin/config': { body: s.app.deps.configs.read('c1') },
    'POST /api/admin/webhooks': { body: { url: 'https://crm.example.org/qms', events: ['ticket.issued', 'ticket.completed'] } },
    'PUT /api/admin/webhooks/{id}': { params: { id: hall.webhook.id }, body: { url: 'https://crm.example.org/qms', events: ['ticket.completed'], enabled: false } },
    'DELETE /api/admin/webhooks/{id}': { params: { id: hall.webhook.id } },
    'POST /api/admin/webhooks/{id}/rotate-secret': { params: { id: hall.webhook.id } },
    'POST /api/admin/webhooks/{id}/test': { params: { id: hall.webhook.id } },
    'GET /api/admin/webhooks/{id}/deliveries': { params: { id: hall.webhook.id }, query: 'status=failed&limit=5' },
    'POST /api/admin/webhooks/deliveries/{deliveryId}/retry': { params: { deliveryId: String(hall.webhook.failedDelivery) } },
  };
  return probes[key] ?? {};
}

/** Authorization refusals: an `ok` cell must not come back with one of these. */
const REFUSALS = new Set<string>([U, F, N, H, ErrorCode.NotQualified]);

function tokenOf(role: Role, hall: Hall): string | undefined {
  const t = hall.tokens;
  return { anonymous: undefined, kiosk: t.kiosk, display: t.display, operator: t.op1, supervisor: t.super, admin: t.admin }[role];
}

function expectCell(expected: Cell, status: number, body: any, what: string): void {
  if (expected === ok) {
    expect(status, `${what} → ${JSON.stringify(body)}`).toBeLessThan(500);
    if (status >= 400) expect(REFUSALS.has(body?.error?.code), `${what} was refused: ${JSON.stringify(body)}`).toBe(false);
    return;
  }
  expect({ status, code: body?.error?.code }, `${what} → ${JSON.stringify(body)}`).toEqual({ status: httpStatus(expected), code: expected });
  expect(body.error.message, what).toMatch(/\S/);
}

let hall: Hall;
let routeKeys: string[];
beforeAll(async () => {
  hall = await recordHall();
  const s = await openHall(hall);
  routeKeys = routesOf((await s.call('GET', '/api/openapi.json')).body).map((r) => r.key);
  await s.stop();
});
afterAll(() => dropHall(hall));

/** A fresh hall for one row, with a display listening for broadcasts. */
async function withHall(run: (s: TestServer, observer: Observer) => Promise<void>): Promise<void> {
  const s = await openHall(hall);
  try {
    await run(s, await Observer.connect(s));
  } finally {
    await s.stop();
  }
}

/** A refused request changes nothing and broadcasts nothing. */
async function expectNoEffect(s: TestServer, observer: Observer, before: Record<string, string>, what: string): Promise<void> {
  expectUnchanged(s, before, what);
  await observer.expectSilence(what);
}

describe('HTTP: every role against every route', () => {
  it('the matrix names every route the server serves, and only those', () => {
    expect(Object.keys(HTTP_MATRIX).sort()).toEqual([...routeKeys].sort());
  });

  it.each(Object.entries(HTTP_MATRIX))('%s', async (key, row) => {
    await withHall(async (s, observer) => {
      const [method, pattern] = key.split(' ') as [string, string];
      const probe = probeFor(key, hall, s);
      const path = pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const value = probe.params?.[name];
        if (value === undefined) throw new Error(`${key}: the probe gives no value for {${name}}`);
        return encodeURIComponent(value);
      });
      for (const [i, role] of ROLES.entries()) {
        await observer.settle();
        const before = fingerprint(s);
        const token = tokenOf(role, hall);
        const res = await s.call(method, probe.query ? `${path}?${probe.query}` : path, { token, body: probe.body });
        const what = `${role}: ${key}`;
        expectCell(row[i]!, res.status, res.body, what);
        if (row[i] !== ok) await expectNoEffect(s, observer, before, what);
      }
    });
  });
});

/**
 * What each role reads of the hall (issue 10 §4; shared/src/audience.ts): staff whole tickets and
 * counters, a display its projection, a kiosk none of either. Every GET a device may call must be
 * listed here, as reading the hall or as reading something else, so a new one is looked at.
 */
const HALL_READS = ['/api/queue', '/api/events?since=0', '/api/counters'];
const OTHER_DEVICE_READS = [
  'GET /api/health',
  'GET /api/services',
  'GET /api/board',
  'GET /api/board/{centerId}',
  'GET /api/tickets/{ticketId}',
  'GET /api/push/key',
  'GET /api/auth/me',
  'GET /api/appointments/{centerId}',
  'GET /api/appointments/{centerId}/slots',
  'GET /api/appointments/{centerId}/{code}',
  'GET /api/appointments/{centerId}/{code}/calendar.ics',
  'GET /api/join/{centerId}',
];
const SEES: Record<Role, 'nothing' | 'kiosk' | 'display' | 'staff'> = { anonymous: 'nothing', kiosk: 'kiosk', display: 'display', operator: 'staff', supervisor: 'staff', admin: 'staff' };

/** Which audience a body was built for, from the fields of the tickets and counters in it. */
function audienceOfBody(body: unknown): string {
  const found = hallParts(body, Array.isArray(body) ? 'counters' : '');
  const keys = (xs: object[]) => new Set(xs.flatMap((x) => Object.keys(x)));
  if (keys(found.counters).has('staffLogin') || keys(found.tickets).has('clientRef')) return 'staff';
  if (found.counters.length > 0) {
    expect([...keys(found.counters)].sort()).toEqual([...DISPLAY_COUNTER_FIELDS].sort());
    for (const t of found.tickets) expect(Object.keys(t).sort()).toEqual([...DISPLAY_TICKET_FIELDS].sort());
    return 'display';
  }
  return found.tickets.length === 0 ? 'kiosk' : 'unknown';
}

describe('HTTP: what every role reads of the hall', () => {
  it('every GET a device may call is either a hall read checked below or listed as another read', () => {
    const deviceGets = Object.entries(HTTP_MATRIX)
      .filter(([key, row]) => key.startsWith('GET ') && (row[1] === ok || row[2] === ok))
      .map(([key]) => key);
    const hallKeys = HALL_READS.map((p) => `GET ${p.split('?')[0]}`);
    expect(deviceGets.sort()).toEqual([...hallKeys, ...OTHER_DEVICE_READS].sort());
  });

  it.each(HALL_READS)('%s', async (path) => {
    await withHall(async (s) => {
      for (const role of ROLES) {
        const res = await s.call('GET', path, { token: tokenOf(role, hall) });
        if (SEES[role] === 'nothing') expect(res.status, role).toBe(401);
        else expect(audienceOfBody(res.body), `${role}: ${path}`).toBe(SEES[role]);
      }
    });
  });
});

describe('HTTP: operators stay on their own trained counter', () => {
  it.each(SCENARIOS)('%s', async (what, who, method, path, body, code) => {
    await withHall(async (s, observer) => {
      const before = fingerprint(s);
      const res = await s.call(method, path, { token: hall.tokens[who], body });
      expectCell(code, res.status, res.body, what);
      await expectNoEffect(s, observer, before, what);
    });
  });

  it('T5: an operator retrained away from a service their counter serves no longer calls its visitors (found by this test)', async () => {
    await withHall(async (s, observer) => {
      const retrain = await s.call('PUT', '/api/admin/staff/op1', { token: hall.tokens.admin, body: { name: 'Operator 1', role: 'operator', services: ['passport'] } });
      expect(retrain.status).toBe(200);
      // Finishing the visitor already called is still theirs to do.
      expect((await s.call('POST', '/api/counters/2/complete', { token: hall.tokens.op1, body: {} })).status).toBe(200);
      // Only property visitors wait: none is theirs to call now, and the refusal changes nothing.
      const waiting = (await s.call('GET', '/api/queue', { token: hall.tokens.super })).body.tickets.filter((t: { status: string }) => t.status === 'waiting');
      for (const t of waiting.filter((x: { serviceId: string }) => x.serviceId !== 'property')) await s.call('POST', `/api/tickets/${t.id}/cancel`, { token: hall.tokens.super });
      await s.call('POST', '/api/tickets', { token: hall.tokens.kiosk, body: { serviceId: 'property' } });
      await observer.settle();
      const before = fingerprint(s);
      const res = await s.call('POST', '/api/counters/2/call-next', { token: hall.tokens.op1, body: {} });
      expectCell(ErrorCode.QueueEmpty, res.status, res.body, 'op1, trained for passport only, calls next at counter 2 (passport + property)');
      expect(res.body.error.message).toBe("Nobody is waiting for counter 2's services that you are trained for.");
      await expectNoEffect(s, observer, before, 'call-next by a retrained operator');
      // A passport visitor is theirs; a supervisor still calls the property visitor for that counter.
      await s.call('POST', '/api/tickets', { token: hall.tokens.kiosk, body: { serviceId: 'passport' } });
      expect((await s.call('POST', '/api/counters/2/call-next', { token: hall.tokens.op1, body: {} })).body.ticket.serviceId).toBe('passport');
      await s.call('POST', '/api/counters/2/complete', { token: hall.tokens.op1, body: {} });
      expect((await s.call('POST', '/api/counters/2/call-next', { token: hall.tokens.super, body: {} })).body.ticket.serviceId).toBe('property');
    });
  });
});

describe('Socket.IO: every role against every command', () => {
  it('the matrix names every client→server event', () => {
    expect(Object.keys(SOCKET_MATRIX).sort()).toEqual([...EVENT_NAMES].sort());
    expect(EVENT_NAMES.filter((e) => e.startsWith('counter:'))).toHaveLength(COUNTER_ACTIONS.length);
  });

  it.each(Object.entries(SOCKET_MATRIX))('%s', async (event, row) => {
    await withHall(async (s, observer) => {
      const payload = event === 'ticket:issue' ? { serviceId: 'passport' } : event === 'sync:since' ? { seq: 0 } : { counterId: '2', ...probeFor(`POST /api/counters/{counterId}/${event.slice('counter:'.length)}`, hall, s).body! };
      for (const [i, role] of ROLES.entries()) {
        const what = `${role}: ${event}`;
        const token = tokenOf(role, hall);
        if (token === undefined) {
          // Without a token there is no connection to send a command on.
          const sock = connect(s.url, { auth: {}, transports: ['websocket'], forceNew: true, reconnection: false });
          await expect(connected(sock), what).rejects.toThrow(row[i] as string);
          sock.disconnect();
          continue;
        }
        const sock = s.socket(token);
        await connected(sock);
        await observer.settle();
        const before = fingerprint(s);
        const reply = await ask(sock, event, payload);
        sock.disconnect();
        if (row[i] === ok) {
          if (!reply.ok) expect(REFUSALS.has(reply.error.code), `${what} was refused: ${JSON.stringify(reply)}`).toBe(false);
        } else {
          expect(reply, what).toEqual({ ok: false, error: { code: row[i], message: expect.stringMatching(/\S/) } });
          await expectNoEffect(s, observer, before, what);
        }
      }
    });
  });

  it.each(SOCKET_SCENARIOS)('%s', async (what, who, event, payload, code) => {
    await withHall(async (s, observer) => {
      const sock = s.socket(hall.tokens[who]);
      await connected(sock);
      const before = fingerprint(s);
      expect(await ask(sock, event, payload), what).toEqual({ ok: false, error: { code, message: expect.stringMatching(/\S/) } });
      await expectNoEffect(s, observer, before, what);
    });
  });
});

describe("another center's staff and devices", () => {
  it('reach nothing of this center, and hear none of its broadcasts', async () => {
    await withHall(async (s, observer) => {
      s.app.deps.configs.write(testCenter('c2'));
      s.app.deps.hub.add('c2');
      const login = async (who: string) => (await s.call('POST', '/api/auth/login', { body: { login: who, password: PASSWORD, centerId: 'c2' } })).body.token as string;
      const c2 = { kiosk: `${KIOSK_TOKEN}-c2`, op1: await login('op1'), super: await login('super'), admin: await login('admin') };
      const c2Display = await Observer.connect(s, `${DISPLAY_TOKEN}-c2`);
      const c1Config = s.app.deps.configs.read('c1');
      // prettier-ignore
      // Each does what it says in its own center (the status shows it), and nothing in this one.
      // prettier-ignore
      const attempts: [string, string, string, string, unknown, number][] = [
        // what                                         who (of c2) method    path                                              body                                        status
        ['its kiosk issues a ticket',                    c2.kiosk,   'POST',   '/api/tickets',                                  { serviceId: 'passport' },                  201],
        ['its operator claims "counter 2"',              c2.op1,     'POST',   '/api/counters/2/claim',                         {},                                         200],
        ['its operator calls next at "counter 2"',       c2.op1,     'POST',   '/api/counters/2/call-next',                     {},                                         200],
        ["its operator cancels this center's ticket",    c2.op1,     'POST',   `/api/tickets/${hall.tickets.waiting}/cancel`,   undefined,                                  404],
        ['its supervisor closes "counter 1"',            c2.super,   'POST',   '/api/counters/1/close',                         {},                                         409],
        ['its supervisor switches balancing to auto',    c2.super,   'PUT',    '/api/balance/mode',                             { mode: 'auto' },                           200],
        ["its admin imports this center's file",         c2.admin,   'PUT',    '/api/admin/config',                             c1Config,                                   400],
        ['its admin renames "passport"',                 c2.admin,   'PUT',    '/api/admin/services/passport',                  { prefix: 'A', names: { en: 'Not yours' } }, 200],
        ['its admin removes "op3" (only this center has one)', c2.admin, 'DELETE', '/api/admin/staff/op3',                      undefined,                                  404],
        ['its admin re-pairs "kiosk"',                   c2.admin,   'POST',   '/api/admin/devices/kiosk/pairing',              undefined,                                  201],
      ];
      for (const [what, token, method, path, body, status] of attempts) {
        await observer.settle();
        const before = fingerprint(s);
        const res = await s.call(method, path, { token, body });
        expect(res.status, `${what} → ${JSON.stringify(res.body)}`).toBe(status);
        await expectNoEffect(s, observer, before, what);
      }
      expect((await s.call('GET', '/api/auth/me', { token: KIOSK_TOKEN })).status, "this center's kiosk still paired").toBe(200);
      const queue = await s.call('GET', '/api/queue', { token: c2.op1 });
      expect(queue.body.center.id).toBe('c2');
      expect(queue.body.tickets.map((t: { id: string }) => t.id)).not.toContain(hall.tickets.waiting);

      await c2Display.settle();
      expect((await s.call('POST', '/api/counters/2/complete', { token: hall.tokens.op1, body: {} })).status).toBe(200);
      await c2Display.expectSilence("this center's op1 completing a ticket");
    });
  });
});
