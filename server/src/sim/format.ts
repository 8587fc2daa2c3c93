/** Results as tables for people: plain text for the terminal, Markdown for the README. */
import { formatHHMM as clock } from '@qms/shared';
import type { SimResult } from './results.js';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
const num = (v: number | null, digits = 1) => (v === null ? '–' : v.toFixed(digits));

/** The README's table: policy | within target | mean wait | P90 | priority P95 | switches | merged share | utilisation. */
export function markdownTable(results: SimResult[]): string {
  const head = ['policy', 'within target', 'mean wait', 'P90', 'priority P95', 'switches', 'merged share', 'utilisation'];
  const rows = results.map((r) => [
    r.policy,
    pct(r.withinTargetShare),
    num(r.waitMin.mean),
    num(r.waitMin.p90),
    num(r.lanes.priority.p95),
    num(r.counterSwitches),
    pct(r.mergedShare),
    pct(r.utilisation),
  ]);
  return [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** A terminal table of the main figures, then mean wait by service and policy. */
export function textTable(results: SimResult[]): string {
  const first = results[0];
  if (!first) return '';
  const seeds = first.seeds === 1 ? `seed ${first.seed}` : `mean of ${first.seeds} seeds from ${first.seed}`;
  const main = aligned(
    ['policy', 'within target', 'mean', 'P50', 'P90', 'P95', 'max', 'prio P95', 'switches', 'merged', 'utilisation', 'visitors', 'no-shows', 'last out'],
    results.map((r) => [
      r.policy,
      pct(r.withinTargetShare),
      num(r.waitMin.mean),
      num(r.waitMin.p50),
      num(r.waitMin.p90),
      num(r.waitMin.p95),
      num(r.waitMin.max),
      num(r.lanes.priority.p95),
      num(r.counterSwitches),
      pct(r.mergedShare),
      pct(r.utilisation),
      num(r.visitors),
      num(r.noShows),
      clock(r.lastServiceEndMin),
    ]),
  );
  const services = Object.keys(first.services);
  const byService = aligned(
    ['mean wait by service', ...results.map((r) => r.policy)],
    services.map((sid) => [sid, ...results.map((r) => num(r.services[sid]?.mean ?? null))]),
  );
  const booked = results.some((r) => r.booked.bookings > 0) ? `\n${bookedTable(results)}\n` : '';
  return `${first.scenario}: waits in minutes, ${seeds}\n\n${main}\n\n${byService}\n${booked}`;
}

/** Appointments (issue 13): how the booked fared, and the walk-ins beside them; only when some were booked. */
function bookedTable(results: SimResult[]): string {
  return aligned(
    ['appointments', 'bookings', 'arrived', 'no-shows', 'booked mean', 'booked P95', 'on time', 'walk-in mean', 'walk-in P90', 'walk-in within target'],
    results.map((r) => [
      r.policy,
      num(r.booked.bookings),
      num(r.booked.arrived),
      num(r.booked.noShows),
      num(r.booked.waitMin.mean),
      num(r.booked.waitMin.p95),
      pct(r.booked.onTimeShare),
      num(r.walkIns.mean),
      num(r.walkIns.p90),
      pct(r.walkIns.withinTargetShare),
    ]),
  );
}

/** Columns padded to their widest cell: text left, figures right. */
function aligned(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
