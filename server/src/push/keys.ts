/**
 * The server's VAPID key pair (RFC 8292): made at the first start and kept in `server_keys`, so
 * that every phone's subscription, made with the public key, stays valid across restarts. A new
 * pair would orphan them all: it is made again only if an operator deletes the row.
 */
import webpush from 'web-push';
import type { Db } from '../storage/db.js';

export interface VapidKeys {
  /** Uncompressed P-256 point, base64url: what a page passes to PushManager.subscribe. */
  publicKey: string;
  privateKey: string;
}

const NAME = 'vapid';

export function vapidKeys(db: Db): VapidKeys {
  const read = () => db.prepare('SELECT value FROM server_keys WHERE name = ?').get(NAME) as { value: string } | undefined;
  // OR IGNORE: a second process opening the same file at the same moment keeps the first one's pair.
  if (!read()) db.prepare('INSERT OR IGNORE INTO server_keys (name, value) VALUES (?, ?)').run(NAME, JSON.stringify(webpush.generateVAPIDKeys()));
  const row = read()!;
  const keys = JSON.parse(row.value) as Partial<VapidKeys>;
  if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
    throw new Error(`server_keys row "${NAME}" is not a VAPID key pair; delete it to have a new one made (phones will have to turn alerts on again).`);
  }
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

/**
 * Who runs this server, for the push services (RFC 8292 §2.1: a contact for when something goes
 * wrong): QMS_VAPID_SUBJECT when set, else the center's public https address, else a placeholder.
 * Apple refuses an https subject on localhost, so that one is never used.
 */
export function vapidSubject(configured: string | undefined, publicUrl: string | undefined): string {
  if (configured) return configured;
  if (publicUrl) {
    const url = new URL(publicUrl);
    if (url.protocol === 'https:' && url.hostname !== 'localhost') return url.origin;
  }
  return DEFAULT_SUBJECT;
}

export const DEFAULT_SUBJECT = 'mailto:admin@localhost';
