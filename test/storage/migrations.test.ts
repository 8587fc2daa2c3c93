import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../server/src/storage/db.js';
import { MIGRATIONS } from '../../server/src/storage/migrations.js';

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  it('bring an empty :memory: database to the latest version and create every table', () => {
    const db = openDatabase(':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r: any) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['centers', 'services', 'priority_categories', 'counters', 'staff', 'devices', 'sessions', 'counter_state', 'tickets', 'events', 'revoked_tokens', 'categories']));
    db.close();
  });

  it('are idempotent: running them again changes nothing', () => {
    const db = openDatabase(':memory:');
    const before = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(before);
    db.close();
  });

  it('apply a later migration on top of an existing database, keeping its rows', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO centers (id, info_json) VALUES ('x', '{}')").run();
    const next = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'test', sql: 'ALTER TABLE centers ADD COLUMN note TEXT;' }];
    expect(migrate(db, next)).toBe(MIGRATIONS.length + 1);
    expect(db.prepare('SELECT id, note FROM centers').all()).toEqual([{ id: 'x', note: null }]);
    db.close();
  });

  it('roll a failing migration back whole and leave the version alone', () => {
    const db = openDatabase(':memory:');
    const bad = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'bad', sql: 'CREATE TABLE t1 (a); CREATE TABLE nope (;' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't1'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuse a database newer than the server', () => {
    const db = openDatabase(':memory:');
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this server knows/);
    db.close();
  });

  it('set WAL and the chosen synchronous level on every open', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qms-mig-')), 'x.sqlite');
    const a = openDatabase(file, 'full');
    expect(a.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(a.pragma('synchronous', { simple: true })).toBe(2);
    a.close();
    const b = openDatabase(file, 'full');
    expect(b.pragma('synchronous', { simple: true })).toBe(2);
    b.close();
    const c = openDatabase(file, 'normal');
    expect(c.pragma('synchronous', { simple: true })).toBe(1);
    c.close();
  });
});
