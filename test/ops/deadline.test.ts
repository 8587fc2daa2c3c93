/**
 * server/src/ops/deadline.ts: the time limit of the webhook and Web Push requests. It replaced
 * AbortSignal.any([AbortSignal.timeout(ms), parent]), whose timeout Node 20 may garbage-collect
 * before it fires (nodejs/node#57736): a slow receiver was then waited for until it answered. The
 * timeout here fires whatever the collector does, and a real slow server is cut off by it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { deadline } from '../../server/src/ops/deadline.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that answers after `ms`. */
async function slowServer(ms: number): Promise<string> {
  const s = createServer((_req, res) => {
    const timer = setTimeout(() => res.end('late'), ms);
    res.on('close', () => clearTimeout(timer));
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}

describe('deadline', () => {
  it('aborts as a TimeoutError after its time, with the collector run in between', async () => {
    const limit = deadline(40);
    const gc = (globalThis as { gc?: () => void }).gc;
    await new Promise((r) => setTimeout(r, 10));
    gc?.();
    await new Promise((r) => setTimeout(r, 60));
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as DOMException).name).toBe('TimeoutError');
    limit.done();
  });

  it('cuts off a server slower than it, and fetch fails with a TimeoutError', async () => {
    const url = await slowServer(1_000);
    const limit = deadline(100);
    const started = Date.now();
    const err = await fetch(url, { signal: limit.signal }).then(() => null, (e: unknown) => e as Error);
    limit.done();
    expect(err?.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('aborts with its parent, at once if the parent already has', () => {
    const parent = new AbortController();
    const limit = deadline(10_000, parent.signal);
    expect(limit.signal.aborted).toBe(false);
    parent.abort(new Error('stopping'));
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).message).toBe('stopping');
    limit.done();
    const late = deadline(10_000, parent.signal);
    expect(late.signal.aborted).toBe(true);
    late.done();
  });

  it('after done(), neither the timer nor the parent aborts it', async () => {
    const parent = new AbortController();
    const limit = deadline(20, parent.signal);
    limit.done();
    parent.abort();
    await new Promise((r) => setTimeout(r, 40));
    expect(limit.signal.aborted).toBe(false);
  });
});
