import { centerConfigSchema, formatIssues, type FactBody, type Ticket } from '@qms/shared';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { AuthStore, SESSION_TTL_MS } from '../../server/src/auth/auth-store.js';
import { verifyPassword } from '../../server/src/auth/passwords.js';
import { CenterRuntime } from '../../server/src/center/runtime.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { LiveStore } from '../../server/src/storage/live-store.js';
import { KIOSK_TOKEN, PASSWORD, testCenter } from '../helpers/center.js';
import { T0 } from '../helpers/server.js';

function setup(file = ':memory:') {
  const db = openDatabase(file, 'normal');
  const configs = new ConfigStore(db);
  configs.write(testCenter());
  return { db, configs, live: new LiveStore(db) };
}

describe('ConfigStore', () => {
  it('writes and reads back the whole configuration, hashing plain passwords with scrypt', () => {
    const { configs } = setup();
    const cfg = configs.read('c1');
    const expected = centerConfigSchema.parse(testCenter());
    expect(cfg?.services).toEqual(expected.services);
    expect(cfg?.counters).toEqual(expected.counters);
    expect(cfg?.center).toEqual(expected.center);
    const admin = cfg?.staff.find((s) => s.login === 'admin');
    expect(admin?.passwordHash).toMatch(/^scrypt\$/);
    expect(admin && 'password' in admin).toBe(false);
    expect(verifyPassword(PASSWORD, admin?.passwordHash ?? '')).toBe(true);
    expect(verifyPassword('wrong-password', admin?.passwordHash ?? '')).toBe(false);
  });

  it('an export re-imports to the same configuration (round trip)', () => {
    const { configs } = setup();
    const exported = configs.read('c1');
    const again = configs.write(JSON.parse(JSON.stringify(exported)));
    expect(again).toEqual(exported);
  });

  it('rejects an invalid configuration with JSON paths and writes nothing', () => {
    const { configs } = setup();
    const before = configs.read('c1');
    const bad = testCenter() as any;
    bad.services[1].prefix = 'A';
    bad.counters[0].services[0].serviceId = 'nope';
    // The call rules read a counter's services as a set: one role per service.
    bad.counters[1].services = [...bad.counters[1].services, { ...bad.counters[1].services[0], role: 'secondary' }];
    let message = '';
    try {
      configs.write(bad);
    } catch (err) {
      message = formatIssues(err as ZodError);
    }
    expect(message).toContain('services[1].prefix: prefix "A" is already used by service "passport"');
    expect(message).toContain('counters[0].services[0].serviceId: unknown service "nope"');
    expect(message).toMatch(new RegExp(`counters\\[1\\]\\.services\\[${bad.counters[1].services.length - 1}\\]\\.serviceId: service "${bad.counters[1].services[0].serviceId}" is listed twice`));
    expect(configs.read('c1')).toEqual(before);
  });

  it('keys everything by center: two centers live side by side', () => {
    const { configs } = setup();
    configs.write(testCenter('c2'));
    expect(configs.centerIds()).toEqual(['c1', 'c2']);
    expect(configs.read('c2')?.center.name).toBe('Test center c2');
    expect(configs.read('c1')?.services.length).toBe(3);
  });

  it('refuses a device token already paired in another center, naming the device', () => {
    const { configs } = setup();
    const other = testCenter('c2') as any;
    other.devices[0].tokenHash = configs.read('c1')?.devices[0]?.tokenHash;
    let message = '';
    try {
      configs.write(other);
    } catch (err) {
      message = formatIssues(err as ZodError);
    }
    expect(message).toBe('devices[0].tokenHash: this token is already used by device "kiosk" of center "c1"');
    expect(configs.centerIds()).toEqual(['c1']);
  });
});

describe('AuthStore', () => {
  // resolve() remembers answers: whatever changes a session, a person or a device through this
  // connection must show at the very next request, however it is changed.
  it('never answers with a principal older than the last change to sessions, staff or devices', () => {
    const { db } = setup();
    let now = T0;
    const auth = new AuthStore(db, () => now);
    const { token, principal } = auth.login('c1', 'op1', PASSWORD)!;
    expect(auth.resolve(token)).toMatchObject({ login: 'op1', role: 'operator', counterId: null });
    expect(auth.resolve(token)).toBe(auth.resolve(token));

    auth.setHeldCounter(principal, '1');
    expect(auth.resolve(token)).toMatchObject({ counterId: '1' });
    // A change the store does not make itself: an admin's edit of the staff table.
    db.prepare("UPDATE staff SET role = 'supervisor' WHERE login = 'op1'").run();
    expect(auth.resolve(token)).toMatchObject({ role: 'supervisor', counterId: '1' });
    db.prepare("UPDATE sessions SET revoked_at = ? WHERE login = 'op1'").run(now);
    expect(auth.resolve(token)).toBeUndefined();

    const kiosk = auth.resolve(KIOSK_TOKEN)!;
    expect(kiosk).toMatchObject({ kind: 'device', deviceKind: 'kiosk' });
    db.prepare("DELETE FROM devices WHERE id = 'kiosk'").run();
    expect(auth.resolve(KIOSK_TOKEN)).toBeUndefined();

    // Time alone ends a session: twelve idle hours later it is gone, remembered or not.
    const again = auth.login('c1', 'op2', PASSWORD)!;
    expect(auth.resolve(again.token)).toBeDefined();
    now += SESSION_TTL_MS + 1;
    expect(auth.resolve(again.token)).toBeUndefined();
  });
});

describe('LiveStore', () => {
  const ticket = (seqNo: number, id = `t${seqNo}`): Ticket => ({
    id, centerId: 'c1', day: '2026-03-02', serviceId: 'passport', issuedServiceId: 'passport', seqNo, number: `A00${seqNo}`,
    lane: 'normal', categoryId: null, language: null, status: 'waiting', issuedAt: T0, queuedAt: T0, targetCounterId: null,
    returnServiceId: null, counterId: null, calledAt: null, startedAt: null, finishedAt: null, recalls: 0, transfers: 0, firstCalledAt: null, clientRef: null,
  });

  it('stamps facts with consecutive sequence numbers and reads them back', () => {
    const { live } = setup();
    const facts = live.commit('c1', [{ type: 'ticket:issued', ticket: ticket(1), counter: null }, { type: 'ticket:issued', ticket: ticket(2), counter: null }], T0, 'test');
    expect(facts.map((f) => f.seq)).toEqual([1, 2]);
    expect(live.seq('c1')).toBe(2);
    expect(live.factsSince('c1', 1, 10).map((f) => [f.seq, f.type])).toEqual([[2, 'ticket:issued']]);
    expect(live.liveTickets('c1', '2026-03-02').map((t) => t.number)).toEqual(['A001', 'A002']);
  });

  it('I2: the database refuses a second ticket with the same number, and the whole commit rolls back', () => {
    const { live } = setup();
    live.commit('c1', [{ type: 'ticket:issued', ticket: ticket(1), counter: null }], T0, null);
    const batch: FactBody[] = [
      { type: 'ticket:issued', ticket: ticket(2), counter: null },
      { type: 'ticket:issued', ticket: ticket(1, 'other-id'), counter: null },
    ];
    expect(() => live.commit('c1', batch, T0, null)).toThrow(/UNIQUE/);
    expect(live.seq('c1')).toBe(1);
    expect(live.liveTickets('c1', '2026-03-02').map((t) => t.id)).toEqual(['t1']);
    expect(live.factsSince('c1', 0, 10)).toHaveLength(1);
  });
});

describe('CenterRuntime over a real file', () => {
  it('comes back after a restart with waiting, called and serving tickets and a paused counter', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qms-rt-')), 'q.sqlite');
    const a = setup(file);
    let now = T0;
    const rt = new CenterRuntime('c1', a.configs, a.live, () => now);
    const ok = (cmd: Parameters<CenterRuntime['execute']>[0]) => {
      const out = rt.execute(cmd, 'test');
      if (!out.ok) throw new Error(out.error.message);
      now += 60_000;
    };
    for (let i = 0; i < 5; i++) ok({ type: 'issue', ticketId: `t${i}`, serviceId: 'passport', lane: 'normal' });
    ok({ type: 'open', counterId: '1', staffLogin: 'op1' });
    ok({ type: 'open', counterId: '2', staffLogin: 'op2' });
    ok({ type: 'open', counterId: '3', staffLogin: 'super' });
    ok({ type: 'call-next', counterId: '1' });
    ok({ type: 'call-next', counterId: '2' });
    ok({ type: 'start', counterId: '2' });
    ok({ type: 'pause', counterId: '3', reason: 'lunch' });
    const before = rt.snapshot();
    a.db.close();

    const b = setup(file);
    const again = new CenterRuntime('c1', b.configs, b.live, () => now);
    const after = again.snapshot();
    expect(after.seq).toBe(before.seq);
    expect(after.counters).toEqual(before.counters);
    expect(after.tickets).toEqual(before.tickets);
    expect(after.counters.find((c) => c.id === '3')).toMatchObject({ status: 'paused', pauseReason: 'lunch' });
    expect(after.tickets.map((t) => t.status).sort()).toEqual(['called', 'serving', 'waiting', 'waiting', 'waiting']);
    // Numbering continues where it stopped.
    const out = again.execute({ type: 'issue', ticketId: 'late', serviceId: 'passport', lane: 'normal' }, null);
    expect(out.ok && out.facts[0]?.type === 'ticket:issued' && out.facts[0].ticket.number).toBe('A006');
    b.db.close();
  });

  it('I2, D1: in a 24-hour center yesterday\'s A001 at a counter after midnight is skipped, before and after a restart; the unique index holds', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qms-rt-')), 'q.sqlite');
    const moscow = (day: number, hh: number, mm = 0) => Date.UTC(2026, 2, day, hh - 3, mm);
    let now = moscow(2, 23, 50);
    let db = setup(file);
    let rt = new CenterRuntime('c1', db.configs, db.live, () => now);
    const restart = () => {
      db.db.close();
      db = setup(file);
      rt = new CenterRuntime('c1', db.configs, db.live, () => now);
    };
    const run = (cmd: Parameters<CenterRuntime['execute']>[0]) => {
      const out = rt.execute(cmd, 'test');
      if (!out.ok) throw new Error(out.error.message);
      return out.facts;
    };
    const issue = (id: string) => {
      const fact = run({ type: 'issue', ticketId: id, serviceId: 'passport', lane: 'normal' })[0];
      return fact && 'ticket' in fact ? `${fact.ticket.number} ${fact.ticket.day}` : 'nothing';
    };
    /** The numbers the hall shows: every open ticket of the snapshot. */
    const shown = () => rt.snapshot().tickets.filter((t) => ['waiting', 'called', 'serving'].includes(t.status)).map((t) => `${t.number} ${t.status} ${t.day}`).sort();

    expect([issue('y1'), issue('y2')]).toEqual(['A001 2026-03-02', 'A002 2026-03-02']);
    run({ type: 'open', counterId: '1', staffLogin: 'op1' });
    run({ type: 'call-next', counterId: '1' });
    now = moscow(3, 0, 1);
    // A restart before the day's first command: D1 runs at start, and A001 at the counter is kept and skipped.
    restart();
    expect(shown()).toEqual(['A001 called 2026-03-02']);
    expect(issue('t1')).toBe('A002 2026-03-03'); // yesterday's A002 was cancelled (D1): its number is free
    expect(shown()).toEqual(['A001 called 2026-03-02', 'A002 waiting 2026-03-03']);
    // Transferred after midnight, yesterday's A001 waits again for counter 2 (open: I5), still showing A001.
    run({ type: 'open', counterId: '2', staffLogin: 'op2' });
    run({ type: 'transfer', counterId: '1', toCounterId: '2' });
    now = moscow(3, 0, 30);
    restart();
    expect(shown()).toEqual(['A001 waiting 2026-03-02', 'A002 waiting 2026-03-03']);
    expect(issue('t2')).toBe('A003 2026-03-03');
    // The database holds yesterday's and today's numbers side by side, each once (UNIQUE center, day, service, number).
    const rows = db.db.prepare("SELECT day, seq_no AS n, status FROM tickets WHERE center_id = 'c1' ORDER BY day, seq_no").all();
    expect(rows).toEqual([
      { day: '2026-03-02', n: 1, status: 'waiting' },
      { day: '2026-03-02', n: 2, status: 'cancelled' },
      { day: '2026-03-03', n: 2, status: 'waiting' },
      { day: '2026-03-03', n: 3, status: 'waiting' },
    ]);
    db.db.close();
  });

  it('a failed write changes nothing in memory, broadcasts nothing and says so', () => {
    const { db, configs, live } = setup();
    const rt = new CenterRuntime('c1', configs, live, () => T0);
    const heard: unknown[] = [];
    rt.subscribe((f) => heard.push(f));
    // Simulate a storage failure (as a full disk would raise) for the next commit only.
    db.exec("CREATE TRIGGER fail BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
    const out = rt.execute({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal' }, null);
    expect(out).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(rt.state.tickets.size).toBe(0);
    expect(heard).toEqual([]);
    db.exec('DROP TRIGGER fail');
    const retry = rt.execute({ type: 'issue', ticketId: 'x', serviceId: 'passport', lane: 'normal' }, null);
    expect(retry.ok && retry.facts[0]?.type === 'ticket:issued' && retry.facts[0].ticket.number).toBe('A001');
  });
});
