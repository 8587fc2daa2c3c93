/**
 * One push message to one browser's push service (RFC 8030): web-push encrypts the payload for the
 * subscription (RFC 8291, aes128gcm) and signs the VAPID header (RFC 8292); the POST itself goes
 * through fetch, which also reaches a plain-http endpoint (a test's local push service; web-push's
 * own sender speaks https only).
 */
import { deadline } from '../ops/deadline.js';
import type { PushPayload } from '@qms/shared';
import webpush from 'web-push';
import type { VapidKeys } from './keys.js';
import type { PushRow } from './store.js';

/** A push service answers in well under a second; one that hangs must not pile requests up. */
export const SEND_TIMEOUT_MS = 10_000;

export interface SendOptions {
  vapid: VapidKeys & { subject: string };
  /** How long the push service keeps it for a phone that is off, seconds. */
  ttlSec: number;
  urgency: 'low' | 'normal' | 'high';
  /** Replaces a message with the same topic still waiting at the push service (RFC 8030 §5.4). */
  topic: string;
}

export type Delivery =
  | { ok: true; status: number }
  /** `gone`: the push service no longer knows the subscription (404, 410): it is dropped. */
  | { ok: false; status: number | null; gone: boolean; error: string };

export async function deliver(row: PushRow, payload: PushPayload, opts: SendOptions, signal: AbortSignal): Promise<Delivery> {
  const limit = deadline(SEND_TIMEOUT_MS, signal);
  try {
    // Throws on keys it cannot use (the route checks them, but a row is never trusted to be right).
    const details = webpush.generateRequestDetails({ endpoint: row.endpoint, keys: { p256dh: row.p256dh, auth: row.auth } }, JSON.stringify(payload), {
      vapidDetails: opts.vapid,
      TTL: opts.ttlSec,
      urgency: opts.urgency,
      topic: opts.topic,
    });
    // fetch counts the body itself (and refuses a Content-Length given by hand).
    const headers = Object.fromEntries(Object.entries(details.headers).filter(([k]) => k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
    const res = await fetch(details.endpoint, {
      method: 'POST',
      headers,
      body: new Uint8Array(details.body),
      redirect: 'error',
      signal: limit.signal,
    });
    // Nothing in the answer is needed; reading it lets the connection be reused.
    const text = await res.text().catch(() => '');
    if (res.ok) return { ok: true, status: res.status };
    return { ok: false, status: res.status, gone: res.status === 404 || res.status === 410, error: withoutTokens(text.slice(0, 300)) };
  } catch (err) {
    return { ok: false, status: null, gone: false, error: withoutTokens(err instanceof Error ? `${err.name}: ${err.message}` : String(err)) };
  } finally {
    limit.done();
  }
}

/** Where a subscription's messages go, for logs: the push service's origin, never the path (the secret part). */
export function serviceOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '(unreadable endpoint)';
  }
}

/** A push service's error text may quote the subscription's token: long base64url runs are cut out. */
function withoutTokens(text: string): string {
  return text.replace(/[A-Za-z0-9_-]{20,}/g, '…');
}
