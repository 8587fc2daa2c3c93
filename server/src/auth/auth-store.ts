/** Staff sessions, counter holding and device pairing. Only token hashes are stored. */
import { randomInt } from 'node:crypto';
import type { DeviceKind } from '@qms/shared';
import type { Db } from '../storage/db.js';
import { newToken, tokenHash, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { isDemoPasswordOutsideDemo, isDemoTokenOutsideDemo } from '../demo/secrets.js';

/** Staff sessions slide: each use pushes the end 12 hours on, so a working day never logs out. */
export const SESSION_TTL_MS = 12 * 3600_000;
const TOUCH_EVERY_MS = 60_000;
export const PAIRING_TTL_MS = 15 * 60_000;

type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

/** Tokens whose principal is remembered at most; more (a flood of sessions) starts afresh. */
const MAX_REMEMBERED = 10_000;

/**
 * A count of the changes to the tables a principal is read from, kept by SQLite itself: TEMP
 * triggers (this connection's alone, nothing stored in the file) call back on every insert,
 * update and delete, whoever makes it through this connection (logins, the admin API, config
 * imports, the counter a session holds). One count per connection.
 */
const authChanges = new WeakMap<Db, { n: number }>();

function watchAuthTables(db: Db): { n: number } {
  let changes = authChanges.get(db);
  if (changes) return changes;
  const count = (changes = { n: 0 });
  authChanges.set(db, count);
  db.function('qms_auth_changed', { deterministic: false, varargs: false }, () => {
    count.n += 1;
    return null;
  });
  for (const table of ['sessions', 'staff', 'devices']) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS qms_${table}_${op.toLowerCase()} AFTER ${op} ON main.${table} BEGIN SELECT qms_auth_changed(); END`);
    }
  }
  return changes;
}

export class AuthStore {
  private readonly q;
  private readonly revokeListeners = new Set<() => void>();
  private readonly changes: { n: number };
  private readonly resolved = new Map<string, { principal: Principal; until: number; version: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: () => number,
  ) {
    this.changes = watchAuthTables(db);
    this.q = {
      session: db.prepare<[string], { center_id: string; login: string; counter_id: string | null; expires_at: number; revoked_at: number | null }>(
        'SELECT center_id, login, counter_id, expires_at, revoked_at FROM sessions WHERE token_hash = ?',
      ),
      staff: db.prepare<[string, string], { name: string; role: 'operator' | 'supervisor' | 'admin'; password_hash: string; services_json: string }>(
        'SELECT name, role, password_hash, services_json FROM staff WHERE center_id = ? AND login = ?',
      ),
      insertSession: db.prepare('INSERT INTO sessions (token_hash, center_id, login, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      touch: db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?'),
      revoke: db.prepare('UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE token_hash = ?'),
      holder: db.prepare<[string, string, number], { token_hash: string; login: string }>(
        `SELECT token_hash, login FROM sessions WHERE center_id = ? AND counter_id = ? AND revoked_at IS NULL AND expires_at > ?`,
      ),
      setCounter: db.prepare('UPDATE sessions SET counter_id = ? WHERE token_hash = ?'),
      heldBy: db.prepare<[string, string, number], { token_hash: string; counter_id: string }>(
        `SELECT token_hash, counter_id FROM sessions
         WHERE center_id = ? AND counter_id IS NOT NULL AND login = ? AND revoked_at IS NULL AND expires_at > ?`,
      ),
      device: db.prepare<[string], { center_id: string; id: string; kind: 'kiosk' | 'display'; scope_json: string; last_seen_at: number | null }>(
        'SELECT center_id, id, kind, scope_json, last_seen_at FROM devices WHERE token_hash = ?',
      ),
      seen: db.prepare('UPDATE devices SET last_seen_at = ? WHERE token_hash = ?'),
    };
  }

  /** Called after any token stops working, so open sockets can be closed at once. */
  onRevoke(listener: () => void): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /** Sessions, staff or devices were changed by someone else (a configuration change): close what no longer works. */
  changed(): void {
    this.revoked();
  }

  private revoked(): void {
    for (const l of this.revokeListeners) l();
  }

  /** Check a password; on success a new session token (shown once) and the principal. */
  login(centerId: string, login: string, password: string): { token: string; principal: StaffPrincipal } | undefined {
    // The public demo passwords open the demo center only (demo/secrets.ts).
    if (isDemoPasswordOutsideDemo(centerId, password)) return undefined;
    const row = this.q.staff.get(centerId, login);
    // Verify against a dummy hash when the login is unknown, so timing does not reveal logins.
    const ok = verifyPassword(password, row?.password_hash ?? DUMMY_HASH) && row !== undefined;
    if (!ok || !row) return undefined;
    const token = newToken();
    const hash = tokenHash(token);
    const now = this.clock();
    this.q.insertSession.run(hash, centerId, login, now, now + SESSION_TTL_MS);
    return { token, principal: { kind: 'staff', centerId, login, name: row.name, role: row.role, services: JSON.parse(row.services_json) as string[], sessionHash: hash, counterId: null } };
  }

  logout(p: StaffPrincipal): void {
    this.q.revoke.run(this.clock(), p.sessionHash);
    this.revoked();
  }

  /**
   * The principal behind a bearer token, or undefined when unknown, expired or revoked. Every
   * request and socket command asks; the answer is remembered until anything in sessions, staff or
   * devices changes through this server (a revocation, a logout, a counter taken, a password or
   * role changed), the session's end comes, or its use is due to be recorded again. A change made
   * by another program on the same file (the config CLI) shows within TOUCH_EVERY_MS.
   */
  resolve(token: string): Principal | undefined {
    const now = this.clock();
    const known = this.resolved.get(token);
    if (known && known.version === this.changes.n && now < known.until) return known.principal;
    const found = this.lookup(token, now);
    if (!found) {
      this.resolved.delete(token);
      return undefined;
    }
    if (this.resolved.size >= MAX_REMEMBERED) this.resolved.clear();
    // Read after lookup(): its own touch of the session is not a reason to forget the answer.
    this.resolved.set(token, { ...found, version: this.changes.n });
    return found.principal;
  }

  private lookup(token: string, now: number): { principal: Principal; until: number } | undefined {
    const hash = tokenHash(token);
    const s = this.q.session.get(hash);
    if (s) {
      if (s.revoked_at !== null || s.expires_at <= now) return undefined;
      const staff = this.q.staff.get(s.center_id, s.login);
      if (!staff) return undefined;
      let expiresAt = s.expires_at;
      if (expiresAt - SESSION_TTL_MS < now - TOUCH_EVERY_MS) this.q.touch.run((expiresAt = now + SESSION_TTL_MS), hash);
      const principal: Principal = Object.freeze({
        kind: 'staff',
        centerId: s.center_id,
        login: s.login,
        name: staff.name,
        role: staff.role,
        services: Object.freeze(JSON.parse(staff.services_json) as string[]) as string[],
        sessionHash: hash,
        counterId: s.counter_id,
      });
      // Until its use is due to be recorded again (always before it ends).
      return { principal, until: expiresAt - SESSION_TTL_MS + TOUCH_EVERY_MS };
    }
    const d = this.q.device.get(hash);
    if (!d || isDemoTokenOutsideDemo(d.center_id, hash)) return undefined;
    let seenAt = d.last_seen_at ?? 0;
    if (seenAt < now - TOUCH_EVERY_MS) this.q.seen.run((seenAt = now), hash);
    const scope = JSON.parse(d.scope_json) as { counters?: string[]; services?: string[] };
    const principal: Principal = Object.freeze({
      kind: 'device',
      centerId: d.center_id,
      deviceId: d.id,
      deviceKind: d.kind,
      counters: scope.counters ?? [],
      services: scope.services ?? [],
    });
    return { principal, until: seenAt + TOUCH_EVERY_MS };
  }

  /** The live session holding a counter, if any. */
  holder(centerId: string, counterId: string): { sessionHash: string; login: string } | undefined {
    const h = this.q.holder.get(centerId, counterId, this.clock());
    return h && { sessionHash: h.token_hash, login: h.login };
  }

  /** Every counter a live session holds now, and whose session it is (the counter picker). */
  holders(centerId: string): { counterId: string; login: string }[] {
    return this.db
      .prepare<[string, number], { counter_id: string; login: string }>(
        'SELECT counter_id, login FROM sessions WHERE center_id = ? AND counter_id IS NOT NULL AND revoked_at IS NULL AND expires_at > ?',
      )
      .all(centerId, this.clock())
      .map((h) => ({ counterId: h.counter_id, login: h.login }));
  }

  /**
   * The counters a person's live sessions hold now, read afresh (a principal may be older than a
   * claim made since in another of their sessions).
   */
  heldBy(centerId: string, login: string): { sessionHash: string; counterId: string }[] {
    return this.q.heldBy.all(centerId, login, this.clock()).map((h) => ({ sessionHash: h.token_hash, counterId: h.counter_id }));
  }

  /** Make `p`'s session hold `counterId` (or none), releasing whatever it held before. */
  setHeldCounter(p: StaffPrincipal, counterId: string | null): void {
    this.db.transaction(() => {
      if (counterId !== null) {
        // The same person re-logging in takes the counter over from their older session.
        this.db.prepare('UPDATE sessions SET counter_id = NULL WHERE center_id = ? AND counter_id = ?').run(p.centerId, counterId);
      }
      this.q.setCounter.run(counterId, p.sessionHash);
    })();
  }

  clearHeldCounter(sessionHash: string): void {
    this.q.setCounter.run(null, sessionHash);
  }

  /** A fresh 6-digit pairing code for a device; its old token stops working. */
  startPairing(centerId: string, deviceId: string): { code: string; expiresAt: number } {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = this.clock() + PAIRING_TTL_MS;
    const res = this.db
      .prepare('UPDATE devices SET pairing_code = ?, pairing_expires_at = ?, token_hash = NULL WHERE center_id = ? AND id = ?')
      .run(code, expiresAt, centerId, deviceId);
    if (res.changes === 0) throw new Error(`no device ${deviceId}`);
    this.revoked();
    return { code, expiresAt };
  }

  /**
   * Exchange a pairing code for the device's long-lived token. With `kind` (the app asking), a
   * code made for the other kind is not used up: `{ wrongKind }` names what it is for.
   */
  pair(code: string, kind?: DeviceKind): { token: string; centerId: string; deviceId: string; kind: DeviceKind } | { wrongKind: DeviceKind } | undefined {
    const now = this.clock();
    const row = this.db
      .prepare<[string, number], { center_id: string; id: string; kind: DeviceKind }>(
        'SELECT center_id, id, kind FROM devices WHERE pairing_code = ? AND pairing_expires_at > ?',
      )
      .get(code, now);
    if (!row) return undefined;
    if (kind !== undefined && row.kind !== kind) return { wrongKind: row.kind };
    const token = newToken();
    this.db
      .prepare('UPDATE devices SET token_hash = ?, pairing_code = NULL, pairing_expires_at = NULL, last_seen_at = ? WHERE center_id = ? AND id = ?')
      .run(tokenHash(token), now, row.center_id, row.id);
    return { token, centerId: row.center_id, deviceId: row.id, kind: row.kind };
  }

  revokeDevice(centerId: string, deviceId: string): boolean {
    const changed = this.db.prepare('UPDATE devices SET token_hash = NULL, pairing_code = NULL WHERE center_id = ? AND id = ?').run(centerId, deviceId).changes > 0;
    this.revoked();
    return changed;
  }

  /** End every session of a staff member (password change, removal). */
  revokeStaff(centerId: string, login: string): void {
    this.db.prepare('UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE center_id = ? AND login = ? AND revoked_at IS NULL').run(this.clock(), centerId, login);
    this.revoked();
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
