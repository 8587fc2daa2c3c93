/**
 * A steady request rate, measured without coordinated omission.
 *
 * Why not autocannon's `overallRate`: autocannon gives each connection a quota per second and
 * sends it back to back at the start of every second (lib/httpClient.js `reqsMadeThisSecond`),
 * so "500/s" arrives as one 500-request burst per second; and its latency correction records a
 * synthetic sample for every millisecond a response took. That measures a burst, not a rate.
 *
 * Here request i is due at start + i/rate. Requests go out on `lanes` keep-alive connections,
 * each lane sending its own requests one after another (a counter must finish one command
 * before its next). Latency runs from the moment a request was *due*, so a server that falls
 * behind is charged for the wait it causes, not only for the requests it answers.
 */
import { Agent, request } from 'node:http';

export interface Reply {
  status: number;
  body: string;
}

export interface Req {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
}

/** Decides lane `lane`'s next request from its previous reply (undefined for its first). */
export type NextRequest = (lane: number, previous: { req: Req; reply: Reply } | undefined) => Req;

export interface PacedResult {
  /** Latency of every request from its due time, ms. */
  latencies: number[];
  /** Replies per status code. */
  statuses: Map<number, number>;
  /** Replies per error code (the `error.code` of a JSON error body). */
  errorCodes: Map<string, number>;
  /** Requests that got no HTTP answer at all. */
  networkErrors: number;
  /** Requests answered, and the wall time they took, s. */
  count: number;
  seconds: number;
}

export async function paced(base: string, opts: { rate: number; seconds: number; lanes: number; next: NextRequest }): Promise<PacedResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.lanes });
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const result: PacedResult = { latencies: [], statuses: new Map(), errorCodes: new Map(), networkErrors: 0, count: total, seconds: 0 };
  const start = performance.now() + 50;

  const lane = async (l: number) => {
    let previous: { req: Req; reply: Reply } | undefined;
    for (let i = l; i < total; i += opts.lanes) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const req = opts.next(l, previous);
      try {
        const reply = await send(url, agent, req);
        result.latencies.push(performance.now() - due);
        result.statuses.set(reply.status, (result.statuses.get(reply.status) ?? 0) + 1);
        if (reply.status >= 400) {
          const code = errorCode(reply.body);
          result.errorCodes.set(code, (result.errorCodes.get(code) ?? 0) + 1);
        }
        previous = { req, reply };
      } catch {
        result.networkErrors += 1;
        previous = undefined;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.lanes, total) }, (_, l) => lane(l)));
  result.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return result;
}

/** Several runs as one: latencies and counts pooled, the time added up. */
export function pool(runs: PacedResult[]): PacedResult {
  const out: PacedResult = { latencies: [], statuses: new Map(), errorCodes: new Map(), networkErrors: 0, count: 0, seconds: 0 };
  for (const r of runs) {
    out.latencies.push(...r.latencies);
    for (const [k, v] of r.statuses) out.statuses.set(k, (out.statuses.get(k) ?? 0) + v);
    for (const [k, v] of r.errorCodes) out.errorCodes.set(k, (out.errorCodes.get(k) ?? 0) + v);
    out.networkErrors += r.networkErrors;
    out.count += r.count;
    out.seconds += r.seconds;
  }
  return out;
}

export function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? 'no error code';
  } catch {
    return 'not JSON';
  }
}

export function send(url: URL, agent: Agent, req: Req): Promise<Reply> {
  const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
  return new Promise((resolve, reject) => {
    const r = request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        agent,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(req.token ? { authorization: `Bearer ${req.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(payload);
  });
}

const sleep = (msDelay: number) => new Promise<void>((resolve) => setTimeout(resolve, msDelay));
