/**
 * A real HTTP receiver for webhook deliveries (node:http), on a port that stays the same while it
 * goes down and comes back: `down` closes it (connections are refused), `up` listens again.
 * `mode` decides the answer: `ok` 200 at once, `error` 500, `slow` an answer after `slowMs`,
 * `hang` none until released (a delivery held in flight).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  raw: string;
  body: any;
  /** When it arrived (performance.now()). */
  at: number;
}

export type ReceiverMode = 'ok' | 'error' | 'slow' | 'hang';

export class Receiver {
  readonly received: Received[] = [];
  mode: ReceiverMode = 'ok';
  slowMs = 1_000;
  /** Requests being answered right now, and the most at once. */
  open = 0;
  maxOpen = 0;
  private server: Server | null = null;
  private readonly held = new Set<ServerResponse>();
  private waiters: { n: number; resolve: () => void }[] = [];

  private constructor(readonly port: number) {}

  /** A receiver on a free port, down until `up()`. */
  static async reserve(): Promise<Receiver> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return new Receiver(port);
  }

  static async start(mode: ReceiverMode = 'ok'): Promise<Receiver> {
    const r = await Receiver.reserve();
    r.mode = mode;
    await r.up();
    return r;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: unknown = null;
        try {
          body = JSON.parse(raw);
        } catch {
          // Kept as raw.
        }
        this.received.push({ path: req.url ?? '', headers: req.headers, raw, body, at: performance.now() });
        this.waiters = this.waiters.filter((w) => (this.received.length >= w.n ? (w.resolve(), false) : true));
        this.open += 1;
        this.maxOpen = Math.max(this.maxOpen, this.open);
        res.on('close', () => (this.open -= 1));
        this.answer(res);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Connections are refused from now on. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.release();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answer every held request (200). */
  release(): void {
    for (const res of this.held) if (!res.writableEnded) res.end('ok');
    this.held.clear();
  }

  /** Resolves once `n` requests have arrived in all. */
  waitFor(n: number, timeoutMs = 5_000): Promise<void> {
    if (this.received.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the receiver got ${this.received.length} requests, not ${n}, within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private answer(res: ServerResponse): void {
    switch (this.mode) {
      case 'ok':
        res.end('ok');
        return;
      case 'error':
        res.statusCode = 500;
        res.end('no');
        return;
      case 'slow': {
        const timer = setTimeout(() => !res.writableEnded && res.end('late'), this.slowMs);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'hang':
        this.held.add(res);
        return;
    }
  }
}
