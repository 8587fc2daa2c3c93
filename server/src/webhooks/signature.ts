/**
 * The signature every delivery carries, as Stripe and Qminder do it: an HMAC-SHA256 of
 * "<unix seconds>.<raw body>" with the webhook's secret, in
 * `Qms-Signature: t=<unix seconds>,v1=<hex>`. The timestamp is signed too, so a receiver can
 * refuse an old delivery replayed at it (docs/webhooks.md shows how to check both).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function sign(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does; the tests check deliveries with it. */
export function verify(secret: string, body: string, header: string): boolean {
  const parts = new Map(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
}

/** 32 random bytes, base64url, with a prefix that says what it is when it turns up in a config file. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** What the list shows of a secret once it has been shown in full. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}
