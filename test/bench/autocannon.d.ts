/** The part of autocannon 8's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export type Context = Record<string, unknown>;

  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Return a falsy value to skip this request and restart the sequence from the first one. */
    setupRequest?: (req: Request, context: Context) => Request | null | undefined;
    onResponse?: (status: number, body: string, context: Context, headers: Record<string, unknown>) => void;
  }

  export interface Client extends EventEmitter {
    setRequests(requests: Request[]): void;
  }

  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: Request[];
    idReplacement?: boolean;
    setupClient?: (client: Client) => void;
    /** Resolve with raw histograms, for `autocannon.aggregateResult` to merge several runs. */
    skipAggregateResult?: boolean;
  }

  /** Percentiles are keyed p50, p90, p97_5, p99, p99_9 … */
  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    [percentile: `p${string}`]: number;
  }

  export interface Result {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
  }

  /** A raw result (`skipAggregateResult`): only for `aggregateResult`. */
  export type RawResult = { readonly raw: unique symbol };

  /** A running benchmark: emits `response` (client, status, bytes, ms) and resolves when done. */
  export interface Instance<R> extends EventEmitter, PromiseLike<R> {}

  function autocannon(opts: Options & { skipAggregateResult: true }): Instance<RawResult>;
  function autocannon(opts: Options): Instance<Result>;
  namespace autocannon {
    function aggregateResult(results: RawResult[], opts: Options): Result;
  }
  export default autocannon;
}
