/**
 * Group commit (storage/group-sync.ts): commands that arrive together share one transaction and
 * one fsync, and nobody hears of a change before it is on the disk. The server runs with
 * `full` durability on a real SQLite file; the fsync is the real one, wrapped so that a test
 * can hold it, count it, or make the disk refuse it.
 */
import { fsync as realFsync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fact } from '@qms/shared';
import type { Fsync } from '../../server/src/storage/group-sync.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.stop();
  s = undefined;
});

/** An fsync the test holds back and releases by hand, once `holding`. */
interface HeldDisk {
  holding: boolean;
  held: (() => void)[];
  fsync: Fsync;
  release(): void;
}

function heldFsync(): HeldDisk {
  const disk: HeldDisk = {
    holding: false,
    held: [] as (() => void)[],
    fsync: (fd, done) => (disk.holding ? void disk.held.push(() => realFsync(fd, done)) : realFsync(fd, done)),
    release() {
      disk.holding = false;
      disk.held.splice(0).forEach((go) => go());
    },
  };
  return disk;
}

const issue = (server: TestServer, serviceId = 'passport') => server.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId } });

describe('group commit', () => {
  it('answers and broadcasts a change only once its fsync has returned', async () => {
    const disk = heldFsync();
    s = await startServer({ durability: 'full', app: { fsync: disk.fsync } });
    // A staff screen: it hears every fact whole.
    const display = s.socket(await s.login('super'));
    await next(display, 'snapshot');
    const facts: Fact[] = [];
    display.on('fact', (f) => facts.push(f));

    disk.holding = true;
    let answered = false;
    const reply = issue(s).then((r) => ((answered = true), r));
    await delay(150);
    // Committed to SQLite, not yet on the disk: nobody has been told.
    expect(disk.held.length).toBe(1);
    expect(answered).toBe(false);
    expect(facts).toEqual([]);
    expect((s.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(1);

    disk.release();
    const res = await reply;
    expect(res.status).toBe(201);
    await delay(50);
    expect(facts.map((f) => f.type)).toEqual(['ticket:issued']);
    expect(facts[0]!.seq).toBe(res.body.seq);
  });

  it('covers many commands with one fsync, and answers every one', async () => {
    let syncs = 0;
    // A slow disk: 30 ms an fsync, so that the requests pile up behind it.
    const slow: Fsync = (fd, done) => {
      syncs += 1;
      setTimeout(() => realFsync(fd, done), 30);
    };
    s = await startServer({ durability: 'full', app: { fsync: slow } });
    const server = s;
    syncs = 0;
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => issue(server, i % 2 ? 'passport' : 'property')));
    expect(replies.map((r) => r.status)).toEqual(Array(40).fill(201));
    const numbers = replies.map((r) => r.body.ticket.number as string).sort();
    expect(new Set(numbers).size).toBe(40);
    // Answers wait for the disk: however the requests fell into batches, far fewer fsyncs than commands.
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThanOrEqual(10);
    expect((s.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBe(40);

    // The same, as an operator's monitoring sees it.
    const text = (await s.call('GET', '/metrics')).text;
    const metric = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(metric('qms_storage_commits_total')).toBeGreaterThanOrEqual(40);
    expect(metric('qms_storage_batches_total')).toBeLessThanOrEqual(metric('qms_storage_commits_total'));
    expect(metric('qms_storage_fsyncs_total')).toBe(syncs);
    expect(metric('qms_storage_batches_lost_total')).toBe(0);
    expect(metric('qms_storage_fsync_failures_total')).toBe(0);
  });

  it('a disk that refuses the fsync: the waiting requests and every later one get a 503, and the server is told to stop', async () => {
    const failures: Error[] = [];
    let refuse = false;
    const flaky: Fsync = (fd, done) => (refuse ? setImmediate(() => done(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }))) : realFsync(fd, done));
    s = await startServer({ durability: 'full', app: { fsync: flaky, onDiskFailure: (err) => failures.push(err) } });
    expect((await issue(s)).status).toBe(201);

    refuse = true;
    const refused = await issue(s);
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toMatch(/may not have been saved: the server's disk reported an error/);
    expect(failures).toHaveLength(1);
    // What is in memory may not be what is on the disk: nothing more is answered as if it were.
    expect((await s.call('GET', '/api/queue', { token: DISPLAY_TOKEN })).status).toBe(503);
    expect(failures).toHaveLength(1);
  });

  it('a batch the disk cannot take is refused whole, and the hall goes back to what the disk holds', async () => {
    s = await startServer({ durability: 'full' });
    expect((await issue(s)).status).toBe(201);
    const { commands, hub, settled } = s.app.deps;
    const kiosk = s.app.deps.auth.resolve(KIOSK_TOKEN)!;
    const rt = hub.get('c1');
    const before = { waiting: rt.state.waiting.size, seq: rt.seq, tickets: count(s) };

    // One turn of the event loop: tickets join one batch until the (capped) file is full. SQLite
    // then rolls back the whole transaction, and with it the tickets issued before in the batch.
    s.db.exec('VACUUM');
    s.db.pragma(`max_page_count = ${s.db.pragma('page_count', { simple: true }) as number}`);
    // Each waits for the disk, as its HTTP route or socket handler would before answering.
    const answers: Promise<void>[] = [];
    let refusal: unknown;
    for (let i = 0; i < 5000 && !refusal; i++) {
      try {
        commands.issue(kiosk, { serviceId: 'passport', lane: 'normal' });
        answers.push(settled());
      } catch (err) {
        refusal = err;
      }
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(refusal).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/disk is full/) });
    const outcomes = await Promise.allSettled(answers);
    expect(outcomes.map((o) => o.status)).toEqual(answers.map(() => 'rejected'));
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_FULL' });
    expect({ waiting: rt.state.waiting.size, seq: rt.seq, tickets: count(s) }).toEqual(before);

    // Fixed: the queue carries on with the next number, as if the lost batch had never been.
    s.db.pragma('max_page_count = 1073741823');
    const again = await issue(s);
    expect(again.status).toBe(201);
    expect(again.body.ticket.number).toBe('A002');
    expect(again.body.seq).toBe(before.seq + 1);
  });

  // SQLite may roll a whole transaction back on a failed write (SQLITE_FULL, SQLITE_IOERR) that
  // did not go through the live store (an admin's import, a session): whatever ends the batch
  // early, the commands in it must be refused, not answered as saved.
  it('a batch ended early by SQLite is refused whole, and the hall goes back to what the disk holds', async () => {
    s = await startServer({ durability: 'full' });
    const { commands, hub, settled, auth } = s.app.deps;
    const kiosk = auth.resolve(KIOSK_TOKEN)!;
    const rt = hub.get('c1');
    const before = { waiting: rt.state.waiting.size, seq: rt.seq, tickets: count(s) };

    commands.issue(kiosk, { serviceId: 'passport', lane: 'normal' });
    const answer = settled();
    expect(rt.state.waiting.size).toBe(before.waiting + 1);
    s.db.exec('ROLLBACK'); // what SQLite does itself after such a failure
    await expect(answer).rejects.toMatchObject({ code: 'SQLITE_IOERR_ROLLBACK' });
    expect({ waiting: rt.state.waiting.size, seq: rt.seq, tickets: count(s) }).toEqual(before);
    expect((await issue(s)).body.ticket.number).toBe('A001');
  });
});

function count(server: TestServer): number {
  return (server.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
}
