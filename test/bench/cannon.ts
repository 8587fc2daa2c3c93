/** The saturation runs: autocannon, closed loop, its results merged over several rounds. */
import autocannon, { type Options, type RawResult, type Request, type Result } from 'autocannon';
import { issueBody } from './hall.js';
import { errorCode } from './paced.js';
import { DEMO, MAX_OPERATORS, PRIMARY, type BenchServer } from './server.js';

export interface Timed {
  raw: RawResult;
  /** From the start to the last response: autocannon itself notices the end of an `amount` run only at its next 1 s tick. */
  seconds: number;
}

async function timed(opts: Options): Promise<Timed> {
  const t0 = performance.now();
  let last = t0;
  const instance = autocannon({ ...opts, skipAggregateResult: true });
  instance.on('response', () => (last = performance.now()));
  const raw = await instance;
  return { raw, seconds: (last - t0) / 1000 };
}

/** Rounds as one: autocannon merges their latency histograms; the time adds up. */
export function merge(runs: Timed[], url: string, connections: number): Result & { seconds: number } {
  const result = autocannon.aggregateResult(
    runs.map((r) => r.raw),
    { url, connections },
  );
  return { ...result, seconds: runs.reduce((sum, r) => sum + r.seconds, 0) };
}

/** `amount` kiosk requests over `connections` connections. */
export function issueSaturation(server: BenchServer, connections: number, amount: number): Promise<Timed> {
  let n = 0;
  const run = Date.now().toString(36);
  const requests = PRIMARY.map((serviceId) => ({
    method: 'POST',
    path: '/api/tickets',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO.kioskToken}` },
    // A fresh clientRef each, as the kiosk sends. (autocannon's own idReplacement gets the
    // Content-Length wrong with this hyperid, and the server then waits for the missing bytes.)
    setupRequest: (req: Request) => ({ ...req, body: JSON.stringify(issueBody(serviceId, `ac-${run}-${n++}`)) }),
  }));
  return timed({ url: server.url, connections, amount, requests });
}

/** One connection per counter, `calls` calls each; returns the run and how many calls found the queue empty. */
export async function callNextSaturation(server: BenchServer, tokens: string[], calls: number): Promise<{ run: Timed; empty: number }> {
  let nextCounter = 0;
  let empty = 0;
  const run = await timed({
    url: server.url,
    connections: MAX_OPERATORS,
    amount: calls * 2 * MAX_OPERATORS,
    setupClient: (client) => {
      const n = ++nextCounter;
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens[n - 1]!}` };
      client.setRequests([
        {
          method: 'POST',
          path: `/api/counters/${n}/call-next`,
          headers,
          body: '{}',
          onResponse: (status, body, context) => {
            context.called = status === 200;
            if (status !== 200 && errorCode(body) === 'QUEUE_EMPTY') empty += 1;
          },
        },
        // Nothing to complete after an empty call: restart from call-next.
        { method: 'POST', path: `/api/counters/${n}/complete`, headers, body: '{}', setupRequest: (req, context) => (context.called ? req : null) },
      ]);
    },
  });
  return { run, empty };
}
