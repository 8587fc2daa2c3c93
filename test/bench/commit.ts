/**
 * What one durable commit costs on this disk, for scale: a one-row transaction on a fresh WAL
 * database, synchronous=FULL (an fsync per commit, as QMS_DURABILITY=full) and NORMAL.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function durableCommit(commits = 2000): { fullMs: number; normalMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'qms-bench-commit-'));
  try {
    const time = (sync: 'FULL' | 'NORMAL') => {
      const db = new Database(join(dir, `${sync}.db`));
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${sync}`);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, json TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO t (json) VALUES (?)');
      const commit = db.transaction((json: string) => insert.run(json));
      const row = JSON.stringify({ pad: 'x'.repeat(500) });
      const t0 = performance.now();
      for (let i = 0; i < commits; i++) commit(row);
      const each = (performance.now() - t0) / commits;
      db.close();
      return each;
    };
    return { fullMs: time('FULL'), normalMs: time('NORMAL') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
