/**
 * Issue 5, benchmark 2: realtime fan-out. 1,000 Socket.IO clients (hall displays with the demo
 * display token, and the 16 operators' counter sessions) are connected; counter 1 calls next
 * over HTTP, one call at a time. For each call: the time from sending the request until the
 * last of the 1,000 clients has the `ticket:called` fact. Then the counter completes the ticket,
 * and the next call waits until every client has that fact too, so calls never overlap.
 */
import { Agent } from 'node:http';
import type { Fact, ServerToClientEvents } from '@qms/shared';
import { io, type Socket } from 'socket.io-client';
import { send } from './paced.js';
import { DEMO, MAX_OPERATORS, startBenchServer, type BenchServer } from './server.js';
import { int, ms, summarize, table, type BenchReport } from './stats.js';

const CLIENTS = 1000;
const CALLS = 200;
const WARMUP = 10;
/** Connected at once while setting up, so that the handshakes do not time out. */
const CONNECT_BATCH = 50;

const log = (line: string) => process.stderr.write(`[fanout] ${line}\n`);

type Client = Socket<ServerToClientEvents>;

export async function fanoutBench(): Promise<BenchReport> {
  const server = await startBenchServer();
  const clients: Client[] = [];
  try {
    const operators: string[] = [];
    for (let n = 1; n <= MAX_OPERATORS; n++) operators.push(await server.operator(n));
    const caller = operators[0]!;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(server.url);
    const post = async (path: string, token: string, body: unknown = {}) => {
      const reply = await send(url, agent, { method: 'POST', path, token, body });
      if (reply.status >= 300) throw new Error(`POST ${path}: HTTP ${reply.status} ${reply.body}`);
      return JSON.parse(reply.body) as { seq: number };
    };
    // Counter 1 serves justice: enough waiting that no call finds the queue empty.
    for (let i = 0; i < CALLS + WARMUP + 10; i++) await post('/api/tickets', DEMO.kioskToken, { serviceId: 'justice', lane: 'normal' });

    const rssBefore = server.rssMb();
    const tracker = new Tracker(CLIENTS);
    const tokens = Array.from({ length: CLIENTS }, (_, i) => operators[i] ?? DEMO.displayToken);
    log(`connecting ${CLIENTS} clients (${MAX_OPERATORS} counter sessions, ${CLIENTS - MAX_OPERATORS} displays)`);
    const t0 = performance.now();
    for (let i = 0; i < CLIENTS; i += CONNECT_BATCH) {
      const batch = tokens.slice(i, i + CONNECT_BATCH).map((token, j) => connect(server, token, i + j, tracker));
      clients.push(...(await Promise.all(batch)));
    }
    const connectSeconds = (performance.now() - t0) / 1000;
    const rssConnected = server.rssMb();

    log(`${WARMUP} warm-up calls, then ${CALLS} measured`);
    const lastClient: number[] = [];
    const firstClient: number[] = [];
    const medianClient: number[] = [];
    const ack: number[] = [];
    for (let i = 0; i < WARMUP + CALLS; i++) {
      const arrivals = tracker.expectCall();
      const start = performance.now();
      await post('/api/counters/1/call-next', caller);
      const acked = performance.now();
      const times = await arrivals;
      if (i >= WARMUP) {
        const sorted = times.map((t) => t - start).sort((a, b) => a - b);
        firstClient.push(sorted[0]!);
        medianClient.push(sorted[sorted.length >> 1]!);
        lastClient.push(sorted.at(-1)!);
        ack.push(acked - start);
      }
      const done = await post('/api/counters/1/complete', caller);
      // The next call starts once every client has taken in this commit: calls never overlap.
      await tracker.allPast(done.seq);
    }
    const rssAfter = server.rssMb();
    agent.destroy();

    const last = summarize(lastClient);
    const first = summarize(firstClient);
    const median = summarize(medianClient);
    const acks = summarize(ack);
    const row = (name: string, s: typeof last) => [name, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
    const body = [
      table(['From sending call-next to…', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'], [
        row(`the last of ${int(CLIENTS)} clients has ticket:called`, last),
        row('half of the clients have it', median),
        row('the first client has it', first),
        row('the HTTP answer (200)', acks),
      ]),
      '',
      table(['Server memory (VmRSS)', 'MB'], [
        ['before the clients connect', rssBefore.toFixed(0)],
        [`with ${int(CLIENTS)} clients connected`, rssConnected.toFixed(0)],
        [`after ${WARMUP + CALLS} calls and completes`, rssAfter.toFixed(0)],
        ['per connected client', `${(((rssConnected - rssBefore) * 1024) / CLIENTS).toFixed(0)} kB`],
      ]),
      '',
      `- ${int(CLIENTS)} clients over WebSocket only (${CLIENTS - MAX_OPERATORS} displays, ${MAX_OPERATORS} operators' counter sessions), connected in ${connectSeconds.toFixed(1)} s; ${CALLS} measured calls after ${WARMUP} warm-up ones, one at a time.`,
      '- Each call and each complete reaches every client as two messages (the fact, then the queue loads).',
      '- The HTTP answer comes last: the server sends the facts to every client before it answers (the broadcast runs inside the commit), and the answer then waits its turn in the benchmark process behind the clients\' messages.',
      `- The ${int(CLIENTS)} clients run in the benchmark's own process, on the same 2 cores as the server: the last client's time includes the client side decoding the message ${int(CLIENTS)} times.`,
    ].join('\n');
    return {
      title: `Realtime fan-out: call next to ${int(CLIENTS)} Socket.IO clients`,
      body,
      targets: [{ what: `ticket:called at all ${int(CLIENTS)} clients, p99`, target: '< 100 ms', measured: `${ms(last.p99)} ms`, met: last.p99 < 100 }],
    };
  } finally {
    for (const c of clients) c.disconnect();
    await server.stop();
  }
}

function connect(server: BenchServer, token: string, index: number, tracker: Tracker): Promise<Client> {
  // forceNew: one connection per client, as 1,000 separate screens would have (io() would otherwise share one).
  const socket: Client = io(server.url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
  socket.on('fact', (fact: Fact) => tracker.fact(index, fact));
  socket.on('queue:loads', ({ seq }) => tracker.loads(index, seq));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${index} got no snapshot within 15 s`)), 15_000);
    socket.once('snapshot', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(new Error(`client ${index} could not connect: ${err.message}`));
    });
  });
}

/**
 * When each client got the current call's fact, and the sequence number of the last queue loads
 * each has (they follow every commit's facts, so a client that has them has taken in the commit).
 */
class Tracker {
  private readonly seen: Int32Array;
  private arrivals: number[] = [];
  private got: Uint8Array;
  private onCall: ((times: number[]) => void) | undefined;
  private seqWaiter: { seq: number; behind: number; resolve: () => void } | undefined;

  constructor(private readonly size: number) {
    this.seen = new Int32Array(size);
    this.got = new Uint8Array(size);
  }

  expectCall(): Promise<number[]> {
    this.arrivals = [];
    this.got = new Uint8Array(this.size);
    return withTimeout(new Promise((resolve) => (this.onCall = resolve)), 30_000, () => `only ${this.arrivals.length} of ${this.size} clients got ticket:called`);
  }

  /** Resolves once every client has the queue loads of commit `seq` (and so its facts). */
  allPast(seq: number): Promise<void> {
    const behind = this.seen.reduce((n, s) => n + (s < seq ? 1 : 0), 0);
    if (behind === 0) return Promise.resolve();
    return withTimeout(new Promise((resolve) => (this.seqWaiter = { seq, behind, resolve })), 30_000, () => `${this.seqWaiter?.behind} clients never got the queue loads of commit ${seq}`);
  }

  loads(index: number, seq: number): void {
    const before = this.seen[index]!;
    this.seen[index] = Math.max(before, seq);
    const w = this.seqWaiter;
    if (w && before < w.seq && seq >= w.seq && --w.behind === 0) {
      this.seqWaiter = undefined;
      w.resolve();
    }
  }

  fact(index: number, fact: Fact): void {
    if (fact.type !== 'ticket:called' || this.got[index]) return;
    this.got[index] = 1;
    this.arrivals.push(performance.now());
    if (this.arrivals.length === this.size) {
      const done = this.onCall;
      this.onCall = undefined;
      done?.(this.arrivals);
    }
  }
}

function withTimeout<T>(p: Promise<T>, msLimit: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${msLimit / 1000} s: ${why()}`)), msLimit)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
