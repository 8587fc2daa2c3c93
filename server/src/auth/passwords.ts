/** scrypt password hashes: "scrypt$N$r$p$salt$hash", salt and hash base64url. */
import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';
import { PASSWORD_HASH_RE } from '@qms/shared';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEYLEN, { N, r: R, p: P });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * False for a wrong password and for a stored hash this server would not have written (the
 * config schema refuses those, this guards rows written before it did): never a throw, never
 * parameters that cost more than our own.
 */
export function verifyPassword(password: string, stored: string): boolean {
  if (!PASSWORD_HASH_RE.test(stored)) return false;
  const [, n, r, p, salt, hash] = stored.split('$');
  if (!n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

/** Random bearer tokens; only their sha256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
