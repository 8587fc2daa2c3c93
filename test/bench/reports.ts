/**
 * Issue 12: a year of a large center (3,000 tickets a day, ~1.1 M tickets) answers any report in
 * under a second, and a month's ticket log streams as CSV without being held in memory.
 *
 * The history is written straight into report_tickets, as the live store leaves it after each
 * day (this measures reading, not issuing); the server is the real app in this process on a
 * fresh SQLite file, asked over HTTP. "Cold" is the first report of the year, which sums every
 * past day once (report_rollups); "warm" is any report after that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarDays, localMidnight } from '@qms/shared';
import { createApp } from '../../server/src/app.js';
import { demoCenter } from '../../server/src/demo/center.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { table, type BenchReport } from './stats.js';

const PER_DAY = Number(process.env.BENCH_REPORT_PER_DAY ?? 3000);
const DAYS = Number(process.env.BENCH_REPORT_DAYS ?? 365);
const MIN = 60_000;

export async function reportsBench(): Promise<BenchReport> {
  const dir = mkdtempSync(join(tmpdir(), 'qms-bench-reports-'));
  const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
  const configs = new ConfigStore(db);
  const center = demoCenter();
  configs.write(center);
  const tz = center.center.timezone;
  const services = center.services.map((s) => s.id);
  const counters = (center.counters ?? []).map((c) => c.id);
  const today = new Date().toISOString().slice(0, 10);
  const first = addCalendarDays(today, -DAYS);

  // A year of tickets: arrivals over 08:00–17:00, waits and service times spread as a busy center's.
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const t0 = performance.now();
  const insert = db.prepare(`INSERT INTO report_tickets (center_id, id, day, number, issued_service_id, service_id, lane, category_id, channel, status, issued_at,
    first_called_at, started_at, finished_at, counter_id, staff_login, transfers, recalls, promised_wait_min) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  let n = 0;
  db.transaction(() => {
    for (let d = 0; d < DAYS; d += 1) {
      const day = addCalendarDays(first, d);
      const open = localMidnight(day, tz) + 8 * 60 * MIN;
      const seq = new Map<string, number>();
      for (let i = 0; i < PER_DAY; i += 1) {
        const service = services[Math.floor(rand() * services.length)]!;
        const no = (seq.get(service) ?? 0) + 1;
        seq.set(service, no);
        const issued = open + Math.floor((i / PER_DAY) * 9 * 60 * MIN);
        const wait = Math.floor(-Math.log(1 - rand()) * 8 * MIN);
        const noShow = rand() < 0.04;
        const called = issued + wait;
        const counter = counters[Math.floor(rand() * counters.length)]!;
        const finished = called + (noShow ? MIN : Math.floor((2 + rand() * 14) * MIN));
        insert.run('demo', `b${d}-${i}`, day, `${service.slice(0, 1).toUpperCase()}${String(no).padStart(4, '0')}`, service, service, rand() < 0.06 ? 'priority' : 'normal', null,
          rand() < 0.1 ? 'staff' : 'kiosk', noShow ? 'no_show' : 'done', issued, called, noShow ? null : called, finished, counter, `op${counter}`, 0, 0, Math.round(rand() * 200) / 10);
        n += 1;
      }
    }
  })();
  const fillS = (performance.now() - t0) / 1000;

  const app = createApp({ db, clock: () => Date.now(), balanceEveryMs: 0, summariseEveryMs: 0 });
  const port = await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'supervisor', password: 'supervisor-demo' }) });
  const { token } = (await login.json()) as { token: string };
  const get = async (path: string) => {
    const start = performance.now();
    const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status}`);
    // Read and drop, as a client saving to disk would: the server's memory is what is measured.
    let bytes = 0;
    const reader = res.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.byteLength;
    return { ms: performance.now() - start, bytes };
  };
  const year = `from=${first}&to=${today}`;
  const rows: string[][] = [];
  const cold = await get(`/api/reports/summary?${year}`);
  rows.push(['a year, total (cold: every day summed once)', `${cold.ms.toFixed(0)} ms`]);
  let worst = 0;
  for (const groupBy of ['none', 'service', 'counter', 'operator', 'hour', 'weekday', 'day', 'channel', 'lane']) {
    const r = await get(`/api/reports/summary?${year}&groupBy=${groupBy}`);
    worst = Math.max(worst, r.ms);
    rows.push([`a year by ${groupBy}`, `${r.ms.toFixed(0)} ms`]);
  }
  // Streaming: the live heap's peak while downloading a week's log and a month's (collected and
  // sampled every 50 ms) stays the same; a month held whole would grow with its size.
  const csvRun = async (days: number) => {
    const range = `from=${addCalendarDays(today, -days + 1)}&to=${today}`;
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = heap0;
    // Live memory, not garbage waiting for a collection: collect, then read.
    const sampler = setInterval(() => {
      global.gc?.();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }, 50);
    const r = await get(`/api/reports/tickets.csv?${range}`);
    clearInterval(sampler);
    return { ...r, peakMb: (peak - heap0) / 2 ** 20 };
  };
  const week = await csvRun(7);
  const csv = await csvRun(30);
  for (const [label, r] of [['a week', week], ['a month', csv]] as const) {
    rows.push([`${label}'s ticket log as CSV (${(r.bytes / 2 ** 20).toFixed(1)} MB)`, `${r.ms.toFixed(0)} ms, heap peak +${r.peakMb.toFixed(0)} MB`]);
  }
  const rssGrowth = csv.peakMb;
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    title: `Reports over a year (${n.toLocaleString('en')} tickets)`,
    body: `${table(['Request', 'Time'], rows)}\n\nHistory written in ${fillS.toFixed(1)} s (straight into report_tickets).`,
    targets: [
      { what: 'any report over a year of 1.1 M tickets (warm)', target: '< 1 s', measured: `${worst.toFixed(0)} ms`, met: worst < 1000 },
      { what: 'the first report of that year (summing every day once)', target: '', measured: `${(cold.ms / 1000).toFixed(1)} s`, met: null },
      {
        what: "a month's ticket log as CSV: heap peak against a week's",
        target: 'no growth with size (streamed)',
        measured: `+${rssGrowth.toFixed(0)} MB (${(csv.bytes / 2 ** 20).toFixed(0)} MB) vs +${week.peakMb.toFixed(0)} MB (${(week.bytes / 2 ** 20).toFixed(0)} MB)`,
        met: rssGrowth < week.peakMb + csv.bytes / 2 ** 20 / 2,
      },
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await reportsBench();
  console.log(`### ${r.title}\n\n${r.body}\n\n${table(['Target', 'Goal', 'Measured', ''], r.targets.map((t) => [t.what, t.target, t.measured, t.met === null ? '' : t.met ? 'met' : '**missed**']))}`);
}
