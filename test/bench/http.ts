/**
 * Issue 5, benchmark 1: issuing tickets and calling next over HTTP, with durable commits.
 *
 * (a) POST /api/tickets as the demo kiosk sends it.
 * (b) Call next: 16 operators each hold their counter and repeat call-next then complete.
 *
 * Each at a steady 500 requests/s (paced.ts) and at saturation (autocannon, cannon.ts).
 */
import type { Result } from 'autocannon';
import { callNextSaturation, issueSaturation, merge, type Timed } from './cannon.js';
import { durableCommit } from './commit.js';
import { callNextReq, countsSince, drain, fill, firstBalancerLook, issueReq, storageCounts, type StorageCounts } from './hall.js';
import { paced, pool, type PacedResult } from './paced.js';
import { durability, MAX_OPERATORS, startBenchServer, type BenchServer } from './server.js';
import { int, ms, summarize, table, type BenchReport, type Target } from './stats.js';

const RATE = 500;
/** Queues stay under this many waiting: a large center issues 1,000–3,000 tickets a day (ENGINEERING.md). */
const MAX_WAITING = 1000;
/** Steady runs: rounds of this long, each from a known queue, pooled. */
const STEADY_ROUNDS = 5;
const STEADY_SECONDS = 2;
const ISSUE_CONNECTIONS = 32;
const ISSUE_ROUNDS = 8;
/** Call next at saturation: each round fills every counter's queue to this, then calls 90 % of it. */
const CALL_FILL = 60;
const CALL_ROUNDS = 12;

interface Row {
  name: string;
  opsPerSec: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  ok: number;
  errors: number;
  note: string;
}

const log = (line: string) => process.stderr.write(`[http] ${line}\n`);

export async function httpBench(): Promise<BenchReport> {
  const commit = durableCommit();
  const server = await startBenchServer();
  const rows: Row[] = [];
  /** p99 of each steady round: one slow round (a stalled commit) shows here, not in the pooled row. */
  const roundP99: { issue: number[]; call: number[] } = { issue: [], call: [] };
  let emptyCalls = 0;
  /** Group commit during the saturation runs: commits, batch transactions, fsyncs. */
  const grouped: { issue: StorageCounts; call: StorageCounts } = { issue: NONE, call: NONE };
  try {
    // Every counter open, as in a working hall: an issued ticket's answer carries its expected wait.
    const tokens: string[] = [];
    for (let n = 1; n <= MAX_OPERATORS; n++) tokens.push(await server.operator(n));
    await firstBalancerLook(server);
    log('warming up');
    await paced(server.url, { rate: RATE, seconds: STEADY_SECONDS, lanes: 32, next: issueReq() });
    await drain(server, tokens);

    // (a) issuing tickets: each round starts from an empty queue and adds at most MAX_WAITING.
    const steadyIssue: PacedResult[] = [];
    for (let round = 0; round < STEADY_ROUNDS; round++) {
      log(`issue @ ${RATE}/s, round ${round + 1}/${STEADY_ROUNDS}`);
      steadyIssue.push(logRound(await paced(server.url, { rate: RATE, seconds: STEADY_SECONDS, lanes: 32, next: issueReq() }), server));
      await drain(server, tokens);
    }
    rows.push(fromPaced(`issue ticket @ ${RATE}/s`, pool(steadyIssue)));
    roundP99.issue = steadyIssue.map((r) => summarize(r.latencies).p99);

    const saturatedIssue: Timed[] = [];
    for (let round = 0; round < ISSUE_ROUNDS; round++) {
      log(`issue, saturation, round ${round + 1}/${ISSUE_ROUNDS}`);
      const before = await storageCounts(server);
      saturatedIssue.push(await issueSaturation(server, ISSUE_CONNECTIONS, MAX_WAITING));
      grouped.issue = add(grouped.issue, countsSince(before, await storageCounts(server)));
      await drain(server, tokens);
    }
    rows.push(fromAutocannon('issue ticket, saturation', merge(saturatedIssue, server.url, ISSUE_CONNECTIONS)));

    // (b) calling next: each round starts with 60 waiting per counter (960 in all).
    const steadyCall: PacedResult[] = [];
    for (let round = 0; round < STEADY_ROUNDS; round++) {
      await fill(server, CALL_FILL);
      log(`call next @ ${RATE}/s, round ${round + 1}/${STEADY_ROUNDS}`);
      steadyCall.push(logRound(await paced(server.url, { rate: RATE, seconds: STEADY_SECONDS, lanes: MAX_OPERATORS, next: callNextReq(tokens) }), server));
      await drain(server, tokens);
    }
    const steady = pool(steadyCall);
    roundP99.call = steadyCall.map((r) => summarize(r.latencies).p99);
    rows.push(fromPaced(`call next (call-next + complete) @ ${RATE}/s`, steady, steady.errorCodes.get('QUEUE_EMPTY') ?? 0));

    const saturatedCall: Timed[] = [];
    for (let round = 0; round < CALL_ROUNDS; round++) {
      await fill(server, CALL_FILL);
      log(`call next, saturation, round ${round + 1}/${CALL_ROUNDS}`);
      const before = await storageCounts(server);
      const out = await callNextSaturation(server, tokens, Math.floor(CALL_FILL * 0.9));
      grouped.call = add(grouped.call, countsSince(before, await storageCounts(server)));
      saturatedCall.push(out.run);
      emptyCalls += out.empty;
      await drain(server, tokens);
    }
    rows.push(fromAutocannon('call next (call-next + complete), saturation', merge(saturatedCall, server.url, MAX_OPERATORS), emptyCalls));
  } finally {
    await server.stop();
  }

  const [issueRate, issueSat, callRate, callSat] = rows as [Row, Row, Row, Row];
  const targets: Target[] = [
    { what: `issue ticket p99 @ ${RATE}/s`, target: '< 10 ms', measured: `${ms(issueRate.p99)} ms`, met: issueRate.p99 < 10 && issueRate.errors === 0 },
    { what: `call next p99 @ ${RATE}/s`, target: '< 10 ms', measured: `${ms(callRate.p99)} ms`, met: callRate.p99 < 10 && callRate.errors === 0 },
    { what: 'issue ticket saturation', target: '> 3,000 ops/s', measured: `${int(issueSat.opsPerSec)} ops/s`, met: issueSat.opsPerSec > 3000 },
    { what: 'call next saturation', target: '> 3,000 ops/s', measured: `${int(callSat.opsPerSec)} ops/s`, met: callSat.opsPerSec > 3000 },
  ];
  const body = [
    table(
      ['Run', 'ops/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', '2xx', 'errors / non-2xx'],
      rows.map((r) => [r.name, int(r.opsPerSec), ms(r.p50), ms(r.p90), ms(r.p99), ms(r.max), int(r.ok), `${int(r.errors)}${r.note ? ` (${r.note})` : ''}`]),
    ),
    '',
    `- One server, all 16 counters open. Every run is made of rounds that start from a known queue and keep it under ${int(MAX_WAITING)} waiting (a large center issues 1,000–3,000 tickets a day); between rounds the counters serve everyone (not measured). ` +
      `Tickets rotate over the 7 services as the 16 counters' primaries do, each with a fresh clientRef, as the kiosk sends them.`,
    `- Issue: ${STEADY_ROUNDS} rounds of ${STEADY_SECONDS} s at ${RATE}/s from an empty queue; at saturation, ${ISSUE_ROUNDS} rounds of ${int(MAX_WAITING)} tickets over ${ISSUE_CONNECTIONS} connections.`,
    `- Call next: one op is one request; a call is a call-next then its complete (2 ops), as a counter holding a ticket must finish it before its next call. ` +
      `${STEADY_ROUNDS} rounds of ${STEADY_SECONDS} s at ${RATE}/s (${RATE / 2} calls/s), and ${CALL_ROUNDS} rounds at saturation (one connection per counter), each from ${CALL_FILL} waiting per counter (${int(CALL_FILL * MAX_OPERATORS)} in all).`,
    `- p99 of each steady round, ms: issue ${roundP99.issue.map(ms).join(', ')}; call next ${roundP99.call.map(ms).join(', ')}. ` +
      'A round far above the others is the server blocked for tens to hundreds of ms; in the CPU profiles taken, inside one SQLite commit (a write or a checkpoint\'s sync this virtual disk was slow to answer, with QMS_DURABILITY=normal too) or, before Socket.IO\'s connection-state recovery was turned off, in a garbage collection of the broadcasts it held.',
    `- Steady runs: requests due every ${ms(1000 / RATE)} ms over keep-alive connections; latency counts from when a request was due, so a server that falls behind is charged for it (no coordinated omission). ` +
      `Saturation: autocannon, closed loop; its latencies have 1 ms resolution.`,
    `- For scale: a bare durable SQLite commit (WAL, synchronous=FULL, one row) takes ${ms(commit.fullMs)} ms on this disk (${int(1000 / commit.fullMs)}/s), ${ms(commit.normalMs)} ms without the fsync (synchronous=NORMAL). ` +
      'The server does not pay that per command: commands read in one turn of the event loop share a transaction, and one fsync, run off the main thread, covers every commit made before it started (group commit; answers wait for it). ' +
      `At saturation (the server's own counters, GET /metrics): issue ${groupedText(grouped.issue)}; call next ${groupedText(grouped.call)}.`,
    '- Before measuring: one unmeasured round, and the rebalancer\'s first look of the day (a supervisor confirms its mode), which replays every fact committed today: left to its own minute timer it would come a minute in, after a busy week\'s worth of facts, and stall the server for most of a second.',
    '- The load generator runs on the same 2 cores as the server.',
  ].join('\n');
  return { title: `HTTP: issue ticket and call next (QMS_DURABILITY=${durability()})`, body, targets };
}

const NONE: StorageCounts = { commits: 0, batches: 0, fsyncs: 0 };
const add = (a: StorageCounts, b: StorageCounts): StorageCounts => ({ commits: a.commits + b.commits, batches: a.batches + b.batches, fsyncs: a.fsyncs + b.fsyncs });

function groupedText(c: StorageCounts): string {
  const per = (n: number) => (n > 0 ? (c.commits / n).toFixed(1) : '–');
  return `${int(c.commits)} commits in ${int(c.batches)} transactions and ${int(c.fsyncs)} fsyncs (${per(c.batches)} commits per transaction, ${per(c.fsyncs)} per fsync)`;
}

/** Each round's figures on stderr: one slow round among five shows there, not in the pooled row. */
function logRound(r: PacedResult, server: BenchServer): PacedResult {
  const s = summarize(r.latencies);
  log(`  p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms (server up ${((performance.now() - server.startedAt) / 1000).toFixed(0)} s)`);
  return r;
}

function fromPaced(name: string, r: PacedResult, queueEmpty = 0): Row {
  const s = summarize(r.latencies);
  let ok = 0;
  let failed = r.networkErrors;
  for (const [status, count] of r.statuses) {
    if (status < 300) ok += count;
    else failed += count;
  }
  const codes = [...r.errorCodes].filter(([code]) => code !== 'QUEUE_EMPTY').map(([code, n]) => `${n} ${code}`);
  if (r.networkErrors) codes.push(`${r.networkErrors} network`);
  return { name, opsPerSec: r.count / r.seconds, p50: s.p50, p90: s.p90, p99: s.p99, max: s.max, ok, errors: failed - queueEmpty, note: notes(queueEmpty, codes) };
}

function fromAutocannon(name: string, r: Result & { seconds: number }, queueEmpty = 0): Row {
  const seconds = r.seconds;
  // "Queue empty" is a 409; the rest of the 409s, if any, are errors.
  const codes = Object.entries(r.statusCodeStats)
    .map(([s, { count }]) => [s, s === '409' ? count - queueEmpty : count] as const)
    .filter(([s, count]) => !s.startsWith('2') && count > 0)
    .map(([s, count]) => `HTTP ${s}: ${count}`);
  if (r.errors) codes.push(`${r.errors} network`);
  return {
    name,
    opsPerSec: r.requests.total / seconds,
    p50: r.latency.p50!,
    p90: r.latency.p90!,
    p99: r.latency.p99!,
    max: r.latency.max,
    ok: r['2xx'],
    errors: r.non2xx + r.errors - queueEmpty,
    note: notes(queueEmpty, codes),
  };
}

function notes(queueEmpty: number, codes: string[]): string {
  return [...(queueEmpty ? [`+ ${queueEmpty} "queue empty" answers, not counted as errors`] : []), ...codes].join('; ');
}
