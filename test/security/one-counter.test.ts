/**
 * A person holds at most one counter at a time in a center (issue 10 §6), however many sessions
 * they open and whichever transport each uses. Found by a security probe: log in twice, claim
 * counter 1 in one session and counter 2 in the other, and one login held two counters. The same
 * person's new session may still take over their own counter (a new browser), and only that one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CounterState } from '@qms/shared';
import { KIOSK_TOKEN } from '../helpers/center.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { ask } from '../realtime/recorder.js';

let s: TestServer;
beforeEach(async () => {
  s = await startServer();
  admin = undefined;
});
afterEach(async () => {
  await s.stop();
});

const act = (token: string, counter: string, action: string, body: object = {}) => s.call('POST', `/api/counters/${counter}/${action}`, { token, body });
const conflict = (message: string) => ({ status: 409, body: { error: { code: 'CONFLICT', message } } });
const refusedOverSocket = (message: string) => ({ ok: false, error: { code: 'CONFLICT', message } });

let admin: string | undefined;

/** The counters open (or paused) in each person's name, from the hall's own view (staff see who holds them). */
async function openByLogin(): Promise<Record<string, string[]>> {
  admin ??= await s.login('admin');
  const counters = (await s.call('GET', '/api/counters', { token: admin })).body as CounterState[];
  const by: Record<string, string[]> = {};
  for (const c of counters) if (c.status !== 'closed' && c.staffLogin) (by[c.staffLogin] ??= []).push(c.id);
  return by;
}

const seqNow = async () => (await s.call('GET', '/api/queue', { token: KIOSK_TOKEN })).body.seq as number;

describe('one counter per person', () => {
  it('over HTTP: a second session of the same person cannot claim a second counter; it may take over the same one', async () => {
    const a = await s.login('op1');
    const b = await s.login('op1');
    expect((await act(a, '1', 'claim')).status).toBe(200);
    const before = await seqNow();
    expect(await act(b, '2', 'claim')).toMatchObject(conflict('You hold counter 1 in another session; release it there first.'));
    expect(await seqNow()).toBe(before); // refused: nothing committed, nothing broadcast
    expect(await openByLogin()).toEqual({ op1: ['1'] });
    expect(await s.call('GET', '/api/auth/me', { token: b })).toMatchObject({ body: { counterId: null } });

    // The same counter is a takeover (a new browser), as before.
    expect(await act(b, '1', 'claim')).toMatchObject({ status: 200, body: { counter: { id: '1', staffLogin: 'op1' } } });
    expect(await s.call('GET', '/api/auth/me', { token: a })).toMatchObject({ body: { counterId: null } });
    // Now the old session is the other one.
    expect(await act(a, '2', 'claim')).toMatchObject(conflict('You hold counter 1 in another session; release it there first.'));
    // Released there, the person may take another counter.
    expect(await act(b, '1', 'release')).toMatchObject({ status: 200, body: { counter: { status: 'closed' } } });
    expect(await act(a, '2', 'claim')).toMatchObject({ status: 200, body: { counter: { id: '2', staffLogin: 'op1' } } });
    expect(await openByLogin()).toEqual({ op1: ['2'] });
  });

  it('over Socket.IO, and across the two transports', async () => {
    const a = s.socket(await s.login('op1'));
    const b = s.socket(await s.login('op1'));
    const c = await s.login('op1'); // a third session, over HTTP
    expect(await ask(a, 'counter:claim', { counterId: '1' })).toMatchObject({ ok: true, data: { counter: { staffLogin: 'op1' } } });
    expect(await ask(b, 'counter:claim', { counterId: '2' })).toEqual(refusedOverSocket('You hold counter 1 in another session; release it there first.'));
    expect(await act(c, '2', 'claim')).toMatchObject(conflict('You hold counter 1 in another session; release it there first.'));
    // Claimed over HTTP first, refused over the socket.
    expect(await ask(a, 'counter:release', { counterId: '1' })).toMatchObject({ ok: true });
    expect((await act(c, '2', 'claim')).status).toBe(200);
    expect(await ask(a, 'counter:claim', { counterId: '1' })).toEqual(refusedOverSocket('You hold counter 2 in another session; release it there first.'));
    expect(await ask(b, 'counter:claim', { counterId: '3' })).toEqual(refusedOverSocket('You hold counter 2 in another session; release it there first.'));
    expect(await openByLogin()).toEqual({ op1: ['2'] });
  });

  it('supervisors too: one counter at a time, whatever the number of sessions', async () => {
    const a = await s.login('super');
    const b = s.socket(await s.login('super'));
    expect((await act(a, '3', 'claim')).status).toBe(200);
    expect(await ask(b, 'counter:claim', { counterId: '4' })).toEqual(refusedOverSocket('You hold counter 3 in another session; release it there first.'));
    expect(await act(a, '4', 'claim')).toMatchObject(conflict('You hold counter 3; release it first.'));
    // A supervisor still acts on any counter without holding it (that is not holding it).
    const op2 = await s.login('op2');
    expect((await act(op2, '1', 'claim')).status).toBe(200);
    expect((await act(a, '1', 'pause', { reason: 'Break' })).status).toBe(200);
    expect(await openByLogin()).toEqual({ super: ['3'], op2: ['1'] });
  });

  it('a counter left open in the person\'s name (logged out with a visitor at it) must be taken back first', async () => {
    const a = await s.login('op1');
    await act(a, '1', 'claim');
    expect((await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'passport' } })).status).toBe(201);
    expect(await act(a, '1', 'call-next')).toMatchObject({ status: 200, body: { ticket: { number: 'A001' } } });
    // Logging out with a ticket in hand leaves the counter open for a takeover.
    expect((await s.call('POST', '/api/auth/logout', { token: a })).status).toBe(200);
    expect(await openByLogin()).toEqual({ op1: ['1'] });

    const b = await s.login('op1');
    expect(await act(b, '2', 'claim')).toMatchObject(
      conflict('Counter 1 is still open in your name with ticket A001; take it back and complete or transfer the ticket, then release it (or ask a supervisor to).'),
    );
    const sock = s.socket(b);
    expect(await ask(sock, 'counter:claim', { counterId: '3' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await openByLogin()).toEqual({ op1: ['1'] });
    // Taking that one back is allowed; finished and released, another counter is free to take.
    expect((await act(b, '1', 'claim')).status).toBe(200);
    expect((await act(b, '1', 'complete')).status).toBe(200);
    expect((await act(b, '1', 'release')).status).toBe(200);
    expect((await act(b, '2', 'claim')).status).toBe(200);
    expect(await openByLogin()).toEqual({ op1: ['2'] });
  });

  it('an idle counter left open by a session that expired: the message says to release it', async () => {
    const a = await s.login('op1');
    await act(a, '1', 'claim');
    s.clock.advance(13 * 3600_000); // sessions end after 12 idle hours
    const b = await s.login('op1');
    expect(await act(b, '2', 'claim')).toMatchObject(conflict('Counter 1 is still open in your name; take it back and release it (or ask a supervisor to).'));
    const sup = await s.login('super');
    expect((await act(sup, '1', 'close')).status).toBe(200);
    expect((await act(b, '2', 'claim')).status).toBe(200);
  });

  it('claims raced from two sessions over HTTP and Socket.IO at once: exactly one counter ends up held', async () => {
    const http = await s.login('op1');
    const socket = s.socket(await s.login('op1'));
    for (let round = 0; round < 10; round++) {
      const [mine, theirs] = round % 2 ? ['1', '2'] : ['2', '1'];
      const [overHttp, overSocket] = await Promise.all([act(http, mine, 'claim'), ask(socket, 'counter:claim', { counterId: theirs })]);
      const won = [overHttp.status === 200, overSocket.ok];
      expect(won.filter(Boolean), `round ${round}`).toHaveLength(1);
      const held = await openByLogin();
      expect(held, `round ${round}`).toEqual({ op1: [won[0] ? mine : theirs] });
      // Release where it was won, racing a claim of the same counter from the other session.
      const counter = won[0] ? mine : theirs;
      // (A takeover of the same counter may come first: then the release is refused as not theirs.)
      const raced = won[0]
        ? await Promise.all([act(http, counter, 'release'), ask(socket, 'counter:claim', { counterId: round % 3 ? counter : '3' })])
        : await Promise.all([ask(socket, 'counter:release', { counterId: counter }), act(http, round % 3 ? counter : '3', 'claim')]);
      const after = await openByLogin();
      expect((after.op1 ?? []).length, `round ${round}: ${JSON.stringify(after)} after ${JSON.stringify(raced)}`).toBeLessThanOrEqual(1);
      // Whatever is left open is released before the next round.
      for (const id of after.op1 ?? []) {
        const viaHttp = await act(http, id, 'release');
        if (viaHttp.status !== 200) expect(await ask(socket, 'counter:release', { counterId: id })).toMatchObject({ ok: true });
      }
      expect(await openByLogin(), `round ${round}`).toEqual({});
    }
  });
});
