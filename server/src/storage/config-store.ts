/**
 * The center configuration, table by table. Admin edits read the whole configuration, change it,
 * validate it with the import schema and write it back, so one set of checks guards both paths.
 */
import {
  centerConfigSchema,
  type CenterConfig,
  type CenterConfigInput,
  type CenterInfo,
  type Counter,
  type Device,
  type PriorityCategory,
  type Service,
  type StaffRole,
} from '@qms/shared';
import { ZodError } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import type { Db } from './db.js';

export interface StaffRow {
  login: string;
  name: string;
  role: StaffRole;
  passwordHash: string;
  services: string[];
}

type JsonTable = 'services' | 'priority_categories' | 'counters';

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
   * Validate and write a whole configuration (import, or the result of an admin edit).
   * Plain passwords are hashed here; devices keep their pairing when the file has no token hash.
   * Throws a ZodError on invalid input, before anything is written.
   */
  write(input: CenterConfigInput | CenterConfig): CenterConfig {
    const cfg = centerConfigSchema.parse(input);
    this.checkTokensAreOurs(cfg);
    const hashes = new Map(cfg.staff.map((s) => [s.login, s.password !== undefined ? hashPassword(s.password) : (s.passwordHash ?? '')]));
    const centerId = cfg.center.id;
    this.db.transaction(() => {
      const { id: _id, ...info } = cfg.center;
      this.db
        .prepare('INSERT INTO centers (id, info_json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET info_json = excluded.info_json')
        .run(centerId, JSON.stringify(info));
      this.replaceJsonRows('services', centerId, cfg.services);
      this.replaceJsonRows('priority_categories', centerId, cfg.priorityCategories);
      this.replaceJsonRows('counters', centerId, cfg.counters);
      this.db.prepare('DELETE FROM staff WHERE center_id = ?').run(centerId);
      const insStaff = this.db.prepare('INSERT INTO staff (center_id, login, name, role, password_hash, services_json) VALUES (?, ?, ?, ?, ?, ?)');
      for (const s of cfg.staff) insStaff.run(centerId, s.login, s.name, s.role, hashes.get(s.login), JSON.stringify(s.services));
      // Sessions of staff who no longer exist end with them.
      this.db.prepare('DELETE FROM sessions WHERE center_id = ? AND login NOT IN (SELECT login FROM staff WHERE center_id = ?)').run(centerId, centerId);
      const keep = this.db.prepare<[string], { id: string; token_hash: string | null }>('SELECT id, token_hash FROM devices WHERE center_id = ?').all(centerId);
      const oldHash = new Map(keep.map((d) => [d.id, d.token_hash]));
      this.db.prepare('DELETE FROM devices WHERE center_id = ?').run(centerId);
      const insDev = this.db.prepare('INSERT INTO devices (center_id, id, kind, name, scope_json, token_hash) VALUES (?, ?, ?, ?, ?, ?)');
      for (const d of cfg.devices) {
        const scope = JSON.stringify({ counters: d.counters, services: d.services });
        insDev.run(centerId, d.id, d.kind, d.name, scope, d.tokenHash ?? oldHash.get(d.id) ?? null);
      }
    })();
    return this.read(centerId) as CenterConfig;
  }

  /** Device tokens identify their center, so one token cannot belong to two centers. */
  private checkTokensAreOurs(cfg: CenterConfig): void {
    const q = this.db.prepare<[string, string], { center_id: string; id: string }>('SELECT center_id, id FROM devices WHERE token_hash = ? AND center_id != ?');
    const issues = cfg.devices.flatMap((d, i) => {
      const clash = d.tokenHash ? q.get(d.tokenHash, cfg.center.id) : undefined;
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
