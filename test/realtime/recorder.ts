/**
 * Socket helpers for the realtime tests: record every server event a client receives, in order,
 * and wait for one (never sleep); send a command and wait for its ack.
 */
import type { Fact, Response, Snapshot } from '@qms/shared';
import type { ClientSocket } from '../helpers/server.js';

export interface Received {
  event: string;
  payload: any;
}

interface Waiter {
  from: number;
  pred: (e: Received) => boolean;
  resolve: (index: number) => void;
}

export class Recorder {
  readonly events: Received[] = [];
  private waiters: Waiter[] = [];

  constructor(readonly socket: ClientSocket) {
    // With connection state recovery on, broadcasts carry an offset as a last extra argument; the
    // payload is always the first.
    socket.onAny((event: string, payload: unknown) => {
      this.events.push({ event, payload });
      const index = this.events.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (index < w.from || !w.pred(this.events[index]!)) return true;
        w.resolve(index);
        return false;
      });
    });
  }

  /** The position of the next event to arrive: pass it as `from` to look only at what follows. */
  get mark(): number {
    return this.events.length;
  }

  facts(from = 0): Fact[] {
    return this.events.slice(from).filter((e) => e.event === 'fact').map((e) => e.payload as Fact);
  }

  /** The highest seq this client has seen, from snapshots and facts. */
  get lastSeq(): number {
    let seq = -1;
    for (const e of this.events) {
      if (e.event === 'snapshot') seq = Math.max(seq, (e.payload as Snapshot).seq);
      if (e.event === 'fact') seq = Math.max(seq, (e.payload as Fact).seq);
    }
    return seq;
  }

  /** The index of the first event at or after `from` that matches (it may already be here). */
  waitFor(pred: (e: Received) => boolean, from = 0, timeoutMs = 5000): Promise<number> {
    for (let i = from; i < this.events.length; i++) if (pred(this.events[i]!)) return Promise.resolve(i);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        from,
        pred,
        resolve: (i) => {
          clearTimeout(timer);
          resolve(i);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(from).map((e) => e.event))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The first event of a name at or after `from`. */
  async next(event: string, from = this.mark, timeoutMs = 5000): Promise<Received & { index: number }> {
    const index = await this.waitFor((e) => e.event === event, from, timeoutMs);
    return { ...this.events[index]!, index };
  }
}

/** Emit an event and wait for its ack. Untyped on purpose: the tests also send malformed payloads. */
export function ask<T = any>(socket: ClientSocket, event: string, payload: unknown, timeoutMs = 5000): Promise<Response<T>> {
  const raw = socket as unknown as { timeout(ms: number): { emitWithAck(ev: string, ...args: unknown[]): Promise<Response<T>> } };
  return raw.timeout(timeoutMs).emitWithAck(event, payload);
}

/** Resolve on `connect`, reject with the error on `connect_error`. */
export function connected(socket: ClientSocket, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    const done = (err?: Error) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onConnect = () => done();
    const onError = (err: Error) => done(err);
    const timer = setTimeout(() => done(new Error(`not connected within ${timeoutMs} ms`)), timeoutMs);
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}
