/**
 * The center configuration, table by table. Admin edits read the whole configuration, change it,
 * validate it with the import schema and write it back, so one set of checks guards both paths.
 */
import {
  centerConfigSchema,
  type CenterConfig,
  type CenterConfigInput,
  type Category,
  type CenterInfo,
  type Counter,
  type CounterState,
  type Device,
  type PriorityCategory,
  type Service,
  type StaffRole,
  type Ticket,
} from '@qms/shared';
import { ZodError, type z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import { isDemoPasswordOutsideDemo, isDemoTokenOutsideDemo } from '../demo/secrets.js';
import { changeProblems, type OpenWork, type Problem } from './config-checks.js';
import type { Db } from './db.js';

export interface StaffRow {
  login: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  services: string[];
}

type JsonTable = 'services' | 'priority_categories' | 'counters' | 'categories';
type ParsedConfig = ReturnType<typeof centerConfigSchema.parse>;

export interface WriteOptions {
  /** The admin making the change (API); none for the console (CLI). They may not remove or demote themselves. */
  actor?: string | undefined;
  /** When a changed password ends its sessions (the server's clock). */
  now?: number | undefined;
}

/** The change would strand the live day (config-checks.ts); nothing was written. */
export class ConfigConflict extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/** A configuration to hand around or reuse as a template: no password hashes, no device tokens. */
export function withoutSecrets(cfg: CenterConfig): CenterConfig {
  return {
    ...cfg,
    staff: cfg.staff.map(({ passwordHash: _h, ...s }) => s),
    devices: cfg.devices.map(({ tokenHash: _t, ...d }) => d),
  };
}

function issue(issues: z.core.$ZodIssue[], path: (string | number)[], message: string): void {
  issues.push({ code: 'custom', path, message, input: undefined } as z.core.$ZodIssue);
}

export class ConfigStore {
  constructor(private readonly db: Db) {}

  centerIds(): string[] {
    return this.db.prepare<[], { id: string }>('SELECT id FROM centers ORDER BY rowid').all().map((r) => r.id);
  }

  has(centerId: string): boolean {
    return this.db.prepare('SELECT 1 FROM centers WHERE id = ?').get(centerId) !== undefined;
  }

  read(centerId: string): CenterConfig | undefined {
    const row = this.db.prepare<[string], { info_json: string }>('SELECT info_json FROM centers WHERE id = ?').get(centerId);
    if (!row) return undefined;
    const center = { id: centerId, ...(JSON.parse(row.info_json) as Omit<CenterInfo, 'id'>) } as CenterInfo;
    const staff = this.staff(centerId).map(({ login, name, role, passwordHash, services }) => ({ login, name, role, passwordHash, services }));
    const devices = this.db
      .prepare<[string], { id: string; kind: 'kiosk' | 'display'; name: string; scope_json: string; token_hash: string | null }>(
        'SELECT id, kind, name, scope_json, token_hash FROM devices WHERE center_id = ? ORDER BY rowid',
      )
      .all(centerId)
      .map((d): Device => {
        const scope = JSON.parse(d.scope_json) as { counters?: string[]; services?: string[] };
        return {
          id: d.id,
          kind: d.kind,
          name: d.name,
          counters: scope.counters ?? [],
          services: scope.services ?? [],
          ...(d.token_hash ? { tokenHash: d.token_hash } : {}),
        };
      });
    return {
      format: 'qms-center/1',
      center,
      services: this.jsonRows<Service>('services', centerId),
      priorityCategories: this.jsonRows<PriorityCategory>('priority_categories', centerId),
      categories: this.jsonRows<Category>('categories', centerId),
      counters: this.jsonRows<Counter>('counters', centerId),
      staff,
      devices,
    };
  }

  staff(centerId: string): StaffRow[] {
    return this.db
      .prepare<[string], { login: string; name: string; role: StaffRole; password_hash: string; services_json: string }>(
        'SELECT login, name, role, password_hash, services_json FROM staff WHERE center_id = ? ORDER BY rowid',
      )
      .all(centerId)
      .map((r) => ({ login: r.login, name: r.name, role: r.role, passwordHash: r.password_hash, services: JSON.parse(r.services_json) as string[] }));
  }

  /**
   * Validate and write a whole configuration: an import, the CLI, or the result of an admin edit,
   * all through here so that one set of checks guards every path.
   * - Plain passwords are hashed here; a person already in the center whose entry has neither
   *   `password` nor `passwordHash` (an export without secrets) keeps their password, and whose entry
   *   leaves `services` out keeps their training. A changed password ends that person's sessions.
   * - A device keeps its current pairing whatever the file says; an unpaired one takes the file's
   *   token hash unless that token was ever revoked here; the demo's public tokens and passwords are
   *   refused for any other center.
   * - The live day must survive it (config-checks.ts): otherwise ConfigConflict, nothing written.
   * Throws a ZodError on invalid input, before anything is written.
   */
  write(input: CenterConfigInput | CenterConfig, opts: WriteOptions = {}): CenterConfig {
    const cfg = centerConfigSchema.parse(input);
    const centerId = cfg.center.id;
    const current = this.read(centerId);
    const { staff, passwordsChanged } = this.resolveStaff(cfg, current);
    const devices = this.resolveDevices(cfg, current);
    const resolved: CenterConfig = { ...cfg, staff: staff.map(({ passwordHash, ...s }) => ({ ...s, passwordHash })) };
    const problems = changeProblems(current, resolved, this.openWork(centerId), opts.actor);
    if (problems.length) throw new ConfigConflict(problems);
    const now = opts.now ?? Date.now();
    this.db.transaction(() => {
      const { id: _id, ...info } = cfg.center;
      this.db
        .prepare('INSERT INTO centers (id, info_json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET info_json = excluded.info_json')
        .run(centerId, JSON.stringify(info));
      this.replaceJsonRows('services', centerId, cfg.services);
      this.replaceJsonRows('priority_categories', centerId, cfg.priorityCategories);
      this.replaceJsonRows('categories', centerId, cfg.categories);
      this.replaceJsonRows('counters', centerId, cfg.counters);
      this.db.prepare('DELETE FROM staff WHERE center_id = ?').run(centerId);
      const insStaff = this.db.prepare('INSERT INTO staff (center_id, login, name, role, password_hash, services_json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const s of staff) insStaff.run(centerId, s.login, s.name, s.role, s.passwordHash, JSON.stringify(s.services));
      // Sessions of staff who no longer exist end with them; so do those of a changed password.
      this.db.prepare('DELETE FROM sessions WHERE center_id = ? AND login NOT IN (SELECT login FROM staff WHERE center_id = ?)').run(centerId, centerId);
      const endSessions = this.db.prepare('UPDATE sessions SET revoked_at = ?, counter_id = NULL WHERE center_id = ? AND login = ? AND revoked_at IS NULL');
      for (const login of passwordsChanged) endSessions.run(now, centerId, login);
      // Devices are updated in place, so a pairing code given out a minute ago still works.
      const keep = new Set(devices.map((d) => d.id));
      for (const old of current?.devices ?? []) {
        if (!keep.has(old.id)) this.db.prepare('DELETE FROM devices WHERE center_id = ? AND id = ?').run(centerId, old.id);
      }
      const upsert = this.db.prepare(
        `INSERT INTO devices (center_id, id, kind, name, scope_json, token_hash) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (center_id, id) DO UPDATE SET kind = excluded.kind, name = excluded.name, scope_json = excluded.scope_json, token_hash = excluded.token_hash`,
      );
      for (const d of devices) upsert.run(centerId, d.id, d.kind, d.name, JSON.stringify({ counters: d.counters, services: d.services }), d.tokenHash ?? null);
    })();
    return this.read(centerId) as CenterConfig;
  }

  /** Each person's password hash and training after the change, and whose password changed. */
  private resolveStaff(cfg: ParsedConfig, current: CenterConfig | undefined) {
    const issues: z.core.$ZodIssue[] = [];
    const passwordsChanged: string[] = [];
    const staff = cfg.staff.map((s, i) => {
      const before = current?.staff.find((x) => x.login === s.login);
      let passwordHash = s.passwordHash ?? before?.passwordHash;
      if (s.password !== undefined) {
        if (isDemoPasswordOutsideDemo(cfg.center.id, s.password)) issue(issues, ['staff', i, 'password'], "this is the demo center's public password: choose another");
        passwordHash = hashPassword(s.password);
      }
      if (passwordHash === undefined) issue(issues, ['staff', i, 'password'], `"${s.login}" is new here: give "password"`);
      if (before && passwordHash !== undefined && passwordHash !== before.passwordHash) passwordsChanged.push(s.login);
      let services = s.services ?? before?.services;
      if (services === undefined) {
        if (s.role === 'operator') issue(issues, ['staff', i, 'services'], `say which services "${s.login}" is trained for ([] = all of them)`);
        services = [];
      }
      return { login: s.login, name: s.name, role: s.role, passwordHash: passwordHash ?? '', services };
    });
    if (issues.length) throw new ZodError(issues);
    return { staff, passwordsChanged };
  }

  /** Devices with the token hash each will have: never a revoked one, never the demo's outside the demo. */
  private resolveDevices(cfg: ParsedConfig, current: CenterConfig | undefined): Device[] {
    const issues: z.core.$ZodIssue[] = [];
    const revoked = this.db.prepare<[string], { revoked_at: number }>('SELECT revoked_at FROM revoked_tokens WHERE token_hash = ?');
    const devices = cfg.devices.map((d, i): Device => {
      const { tokenHash: fromFile, ...rest } = d;
      const paired = current?.devices.find((x) => x.id === d.id)?.tokenHash;
      if (paired) return { ...rest, tokenHash: paired };
      if (!fromFile) return rest;
      const path = ['devices', i, 'tokenHash'];
      if (isDemoTokenOutsideDemo(cfg.center.id, fromFile)) issue(issues, path, "this is the demo center's public token: leave tokenHash out and pair the device");
      else if (revoked.get(fromFile)) issue(issues, path, 'this token was revoked here: leave tokenHash out and pair the device again');
      return { ...rest, tokenHash: fromFile };
    });
    if (issues.length) throw new ZodError(issues);
    this.checkTokensAreOurs(cfg.center.id, devices);
    return devices;
  }

  /** Open tickets and live counter states, as the database holds them (the server's memory writes through). */
  private openWork(centerId: string): OpenWork {
    const tickets = this.db
      .prepare<[string], { json: string }>("SELECT json FROM tickets WHERE center_id = ? AND status IN ('waiting', 'called', 'serving')")
      .all(centerId)
      .map((r) => JSON.parse(r.json) as Ticket);
    const counters = this.db
      .prepare<[string], { json: string }>('SELECT json FROM counter_state WHERE center_id = ?')
      .all(centerId)
      .map((r) => JSON.parse(r.json) as CounterState);
    return { tickets, counters };
  }

  /** Device tokens identify their center, so one token cannot belong to two centers. */
  private checkTokensAreOurs(centerId: string, devices: Device[]): void {
    const q = this.db.prepare<[string, string], { center_id: string; id: string }>('SELECT center_id, id FROM devices WHERE token_hash = ? AND center_id != ?');
    const issues = devices.flatMap((d, i) => {
      const clash = d.tokenHash ? q.get(d.tokenHash, centerId) : undefined;
      return clash ? [{ code: 'custom' as const, path: ['devices', i, 'tokenHash'], message: `this token is already used by device "${clash.id}" of center "${clash.center_id}"`, input: d.tokenHash }] : [];
    });
    if (issues.length) throw new ZodError(issues);
  }

  private jsonRows<T>(table: JsonTable, centerId: string): T[] {
    return this.db
      .prepare<[string], { json: string }>(`SELECT json FROM ${table} WHERE center_id = ? ORDER BY position`)
      .all(centerId)
      .map((r) => JSON.parse(r.json) as T);
  }

  private replaceJsonRows(table: JsonTable, centerId: string, items: { id: string }[]): void {
    this.db.prepare(`DELETE FROM ${table} WHERE center_id = ?`).run(centerId);
    const ins = this.db.prepare(`INSERT INTO ${table} (center_id, id, position, json) VALUES (?, ?, ?, ?)`);
    items.forEach((it, i) => ins.run(centerId, it.id, i, JSON.stringify(it)));
  }
}
