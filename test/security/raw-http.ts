/**
 * Requests through node:http, so that paths, headers and bodies go out exactly as written: fetch
 * would resolve `..` segments, re-encode the path and refuse some headers.
 */
import { request, type IncomingHttpHeaders } from 'node:http';

export interface RawRequest {
  method: string;
  /** Already encoded, sent as is. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawReply {
  status: number;
  /** The parsed JSON reply, or undefined when the reply was not JSON. */
  json: any;
  text: string;
  headers: IncomingHttpHeaders;
}

let forwardedFor = 0;

/**
 * Each request claims its own client address (the server trusts X-Forwarded-For from loopback, as
 * behind a local reverse proxy), so the login rate limit does not hide the validation behind it.
 */
export function uniqueClient(): Record<string, string> {
  forwardedFor += 1;
  return { 'x-forwarded-for': `10.${(forwardedFor >> 16) & 255}.${(forwardedFor >> 8) & 255}.${forwardedFor & 255}` };
}

export function raw(base: string, r: RawRequest): Promise<RawReply> {
  const url = new URL(base);
  // Node sends a GET or DELETE body with neither length nor chunking: the server would read it as
  // the next request. Say how long it is.
  const headers = { ...(r.body !== undefined ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}), ...r.headers };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, text, headers: res.headers });
      });
    });
    // The server may answer (413) and close before it has read a large body: a write error after
    // the answer is expected, one before it is a real failure.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    req.end(r.body);
  });
}
