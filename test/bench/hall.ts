/**
 * The demo hall as the HTTP benchmark drives it: kiosk requests, counters calling and
 * completing, and filling or emptying the queue between measured runs (not measured).
 */
import { Agent } from 'node:http';
import { http } from '../crash/server-process.js';
import { errorCode, paced, send, type Req } from './paced.js';
import { DEMO, PRIMARY, type BenchServer } from './server.js';

export function issueBody(serviceId: string, clientRef: string) {
  return { serviceId, lane: 'normal', language: 'en', clientRef };
}

/** Kiosk requests rotating over the counters' primary services, each with a fresh clientRef. */
export function issueReq(): () => Req {
  let i = 0;
  const run = Date.now().toString(36);
  return () => ({ method: 'POST', path: '/api/tickets', token: DEMO.kioskToken, body: issueBody(PRIMARY[i % PRIMARY.length]!, `bench-${run}-${i++}`) });
}

/** Lane l is counter l+1: call-next, then complete, unless the call found nobody. */
export function callNextReq(tokens: string[]) {
  return (lane: number, previous: { req: Req; reply: { status: number } } | undefined): Req => {
    const called = previous?.req.path.endsWith('/call-next') && previous.reply.status === 200;
    return { method: 'POST', path: `/api/counters/${lane + 1}/${called ? 'complete' : 'call-next'}`, token: tokens[lane]!, body: {} };
  };
}

/** Issue `perCounter` tickets for each counter's primary service, as fast as it goes. */
export async function fill(server: BenchServer, perCounter: number): Promise<void> {
  const total = perCounter * PRIMARY.length;
  const res = await paced(server.url, { rate: 1e9, seconds: total / 1e9, lanes: 16, next: issueReq() });
  const failed = [...res.statuses].filter(([s]) => s !== 201);
  if (failed.length || res.networkErrors) throw new Error(`filling the queue failed: ${JSON.stringify(failed)}, ${res.networkErrors} network errors`);
}

/** Every counter calls and completes until nobody waits for it: the queue is empty again. */
export async function drain(server: BenchServer, tokens: string[]): Promise<void> {
  const url = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  await Promise.all(
    tokens.map(async (token, i) => {
      const post = (action: string) => send(url, agent, { method: 'POST', path: `/api/counters/${i + 1}/${action}`, token, body: {} });
      await post('complete'); // whatever it holds; refused if nothing
      for (;;) {
        const call = await post('call-next');
        if (call.status !== 200) {
          if (errorCode(call.body) === 'QUEUE_EMPTY') break;
          throw new Error(`counter ${i + 1} call-next while draining: HTTP ${call.status} ${call.body}`);
        }
        const done = await post('complete');
        if (done.status !== 200) throw new Error(`counter ${i + 1} complete while draining: HTTP ${done.status} ${done.body}`);
      }
    }),
  );
  agent.destroy();
  const left = await waiting(server);
  if (left > 0) throw new Error(`${left} tickets still wait after draining: no open counter serves them`);
}

/**
 * The rebalancer builds its day's log of service changes at its first look, from every fact
 * committed today (center/balancer.ts), and looks once a minute: a minute into a benchmark that
 * has already committed a busy week's facts, that first look stalls the server for most of a
 * second. A supervisor confirming the demo's mode ("suggest") has it look now, while the day is
 * still empty, as it would be on a morning start.
 */
export async function firstBalancerLook(server: BenchServer): Promise<void> {
  const login = await http(server.url, 'POST', '/api/auth/login', { body: { login: 'supervisor', password: DEMO.supervisorPassword } });
  if (login.status !== 200) throw new Error(`supervisor login: HTTP ${login.status} ${JSON.stringify(login.body)}`);
  const res = await http(server.url, 'PUT', '/api/balance/mode', { token: login.body.token, body: { mode: 'suggest' } });
  if (res.status !== 200) throw new Error(`PUT /api/balance/mode: HTTP ${res.status} ${JSON.stringify(res.body)}`);
}

/** Finish whatever the counters hold, so that every counter starts free. */
export async function completeAll(server: BenchServer, tokens: string[]): Promise<void> {
  await Promise.all(tokens.map((token, i) => http(server.url, 'POST', `/api/counters/${i + 1}/complete`, { token, body: {} })));
}

/** How many tickets wait now (the public catalogue's per-service loads). */
export async function waiting(server: BenchServer): Promise<number> {
  const res = await http(server.url, 'GET', '/api/services', { token: DEMO.kioskToken });
  return (res.body.loads as { waiting: number }[]).reduce((sum, l) => sum + l.waiting, 0);
}

/** The server's group-commit counters (GET /metrics): commits, batch transactions, fsyncs. */
export interface StorageCounts {
  commits: number;
  batches: number;
  fsyncs: number;
}

export async function storageCounts(server: BenchServer): Promise<StorageCounts> {
  const res = await fetch(`${server.url}/metrics`);
  const text = await res.text();
  const metric = (name: string) => {
    const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
    if (!m) throw new Error(`GET /metrics: no ${name} (HTTP ${res.status})`);
    return Number(m[1]);
  };
  return { commits: metric('qms_storage_commits_total'), batches: metric('qms_storage_batches_total'), fsyncs: metric('qms_storage_fsyncs_total') };
}

/** What happened between two readings. */
export function countsSince(before: StorageCounts, after: StorageCounts): StorageCounts {
  return { commits: after.commits - before.commits, batches: after.batches - before.batches, fsyncs: after.fsyncs - before.fsyncs };
}
