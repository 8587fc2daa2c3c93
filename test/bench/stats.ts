/** Percentiles and the Markdown the benchmarks print. */

/** Nearest-rank percentile (p in 0–100) of samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p90: percentile(samples, 90),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : NaN,
  };
}

/** Milliseconds, with a decimal below 100. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

export function int(v: number): string {
  return Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–';
}

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

/** One target of the issue, met or not: the summary table at the end of `npm run bench`. */
export interface Target {
  what: string;
  target: string;
  measured: string;
  /** null: the issue asks for the figure but sets no goal. */
  met: boolean | null;
}

/** What each benchmark hands back to run.ts. */
export interface BenchReport {
  title: string;
  /** Markdown: tables and notes. */
  body: string;
  targets: Target[];
}
