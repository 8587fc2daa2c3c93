/**
 * Bad socket traffic, written as raw Socket.IO frames (`2<ackId>["event",payload,…]`) on a real
 * connection: what a hostile client can send, not only what socket.io-client would encode. Raw
 * frames carry `1e309`, `-0`, `__proto__` keys and deep nesting unchanged, and choose freely
 * whether there is an ack, a non-function last argument, or an ack with no payload at all.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { COUNTER_ACTIONS, counterActionBodies, issueTicketBody, syncSinceBody, type ClientToServerEvents } from '@qms/shared';
import type { ClientSocket, TestServer } from '../helpers/server.js';
import { connected } from '../realtime/recorder.js';
import type { Hall } from './hall.js';
import { Obj, hostileString, hostileValue, jsonText, violating, type Json, type Schema } from './payloads.js';

type Who = keyof Hall['tokens'];
export interface EventSpec {
  event: keyof ClientToServerEvents;
  /** The payload's schema, as the server checks it (server/src/realtime/socket.ts). */
  schema: Schema;
  /** For counter events: the schema of the payload less `counterId`. */
  rest?: Schema;
  /** Who sends it: principals that get past authorization, so validation is what answers. */
  senders: Who[];
}

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Schema;
const COUNTER_ID: Schema = { type: 'string', minLength: 1, maxLength: 64 } as Schema;

/** Every client→server event; the type below fails to compile when shared/src/events.ts gains one. */
export const EVENT_NAMES = ['ticket:issue', 'sync:since', ...COUNTER_ACTIONS.map((a) => `counter:${a}` as const)] as const;
type Missing = Exclude<keyof ClientToServerEvents, (typeof EVENT_NAMES)[number]>;
export const EVERY_EVENT_LISTED: [Missing] extends [never] ? true : Missing = true;

export function eventSpecs(): EventSpec[] {
  return [
    { event: 'ticket:issue', schema: jsonSchema(issueTicketBody), senders: ['kiosk', 'op1'] },
    { event: 'sync:since', schema: jsonSchema(syncSinceBody), senders: ['display', 'kiosk'] },
    ...COUNTER_ACTIONS.map((action): EventSpec => {
      const rest = jsonSchema(action in counterActionBodies ? counterActionBodies[action as keyof typeof counterActionBodies] : z.object({}).strict());
      return {
        event: `counter:${action}`,
        schema: { ...rest, type: 'object', properties: { counterId: COUNTER_ID, ...rest.properties }, required: ['counterId', ...(rest.required ?? [])] },
        rest,
        senders: ['op1', 'super'],
      };
    }),
  ];
}

/** Payloads the event must refuse; for counter events also op1's real counter with a bad rest. */
export function badPayloads(spec: EventSpec, realIds: Set<string>): fc.Arbitrary<Json> {
  const options = [violating(spec.schema)!];
  if (spec.rest) {
    const unknownCounter = hostileString.filter((x) => x.length >= 1 && x.length <= 64 && !realIds.has(x));
    options.push(unknownCounter.map((id) => new Obj([['counterId', id]])));
    const restBad = violating(spec.rest);
    if (restBad) options.push(restBad.filter((v): v is Obj => v instanceof Obj).map((v) => new Obj([['counterId', '2'], ...v.entries.filter(([k]) => k !== 'counterId')])));
  }
  return fc.oneof(...options);
}

export type AckMode = 'ack' | 'no ack' | 'non-function last argument' | 'ack without payload' | 'ack after extra arguments';
export const ACK_MODES: AckMode[] = ['ack', 'no ack', 'non-function last argument', 'ack without payload', 'ack after extra arguments'];

let nextAckId = 900_000;

/** The frame, and the ack id the server should answer to (none when the mode sends no ack). */
export function frame(event: string, payload: Json, mode: AckMode, extra: Json): { text: string; ackId?: number } {
  const ev = JSON.stringify(event);
  const p = jsonText(payload);
  const id = nextAckId++;
  switch (mode) {
    case 'ack':
      return { text: `2${id}[${ev},${p}]`, ackId: id };
    case 'no ack':
      return { text: `2[${ev},${p}]` };
    case 'non-function last argument':
      return { text: `2[${ev},${p},${jsonText(extra)}]` };
    case 'ack without payload':
      return { text: `2${id}[${ev}]`, ackId: id };
    case 'ack after extra arguments':
      return { text: `2${id}[${ev},${p},${jsonText(extra)}]`, ackId: id };
  }
}

export const extraArgument = hostileValue;

/** A connection that writes raw frames and reads the acks addressed to its own ids. */
export class RawSocket {
  private readonly acks = new Map<number, (reply: unknown) => void>();
  closed = false;

  private constructor(readonly socket: ClientSocket) {
    const engine = (socket as any).io.engine;
    engine.on('packet', (p: { type: string; data?: unknown }) => {
      if (p.type !== 'message' || typeof p.data !== 'string') return;
      const m = /^3(\d+)(\[.*)$/s.exec(p.data);
      if (!m) return;
      const resolve = this.acks.get(Number(m[1]));
      if (resolve) resolve(JSON.parse(m[2]!)[0]);
    });
    socket.on('disconnect', () => {
      this.closed = true;
    });
  }

  static async open(s: TestServer, token: string): Promise<RawSocket> {
    const socket = s.socket(token);
    await connected(socket);
    return new RawSocket(socket);
  }

  write(data: string | Buffer): void {
    (this.socket as any).io.engine.write(data);
  }

  /** Write a frame and wait for the ack to `ackId`; undefined if the connection closes first. */
  ask(text: string, ackId: number, timeoutMs = 5_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const done = (v: unknown) => {
        clearTimeout(timer);
        this.acks.delete(ackId);
        this.socket.off('disconnect', onClose);
        resolve(v);
      };
      const onClose = () => done(undefined);
      const timer = setTimeout(() => reject(new Error(`no ack ${ackId} within ${timeoutMs} ms for ${text.slice(0, 200)}`)), timeoutMs);
      this.acks.set(ackId, done);
      this.socket.on('disconnect', onClose);
      this.write(text);
    });
  }

  /**
   * Every frame written before this one has been handled once it is acked: the server handles a
   * connection's events in order, and the handlers do not await.
   */
  async barrier(): Promise<'handled' | 'closed'> {
    if (this.closed) return 'closed';
    const id = nextAckId++;
    const reply = await this.ask(`2${id}["sync:since",{"seq":0}]`, id);
    return reply === undefined ? 'closed' : 'handled';
  }

  close(): void {
    this.socket.disconnect();
  }
}
