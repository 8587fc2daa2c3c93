/**
 * `npm run backup -- --out FILE [--db FILE] [--force]`: a consistent copy of the database, taken
 * with SQLite's online backup while the server keeps running (WAL: readers do not block the
 * writer). The copy is checked with `PRAGMA integrity_check` and only then given its name, so a
 * file called FILE is always a whole, verified backup. Restore: docs/operations.md.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { readEnv } from '../env.js';

const USAGE = `usage: npm run backup -- --out FILE [--db FILE] [--force]
  --out FILE   where to write the copy (refused if it exists, unless --force)
  --db FILE    the database to copy (default: $QMS_DB, else ./data/qms.sqlite)
  --force      replace FILE if it exists`;

export interface BackupReport {
  bytes: number;
  ms: number;
  pages: number;
  schemaVersion: number;
}

class UsageError extends Error {}

export async function backupDatabase(dbFile: string, outFile: string): Promise<BackupReport> {
  const started = performance.now();
  // Written aside and renamed at the end: an interrupted run never leaves a half file at FILE.
  const partial = `${outFile}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    const src = new Database(dbFile, { fileMustExist: true });
    let pages = 0;
    try {
      src.pragma('busy_timeout = 5000');
      // All pages in one step: a step-wise copy starts over whenever the server commits in
      // between, and on a busy day might never finish. One step holds a read snapshot instead.
      pages = (await src.backup(partial, { progress: () => 0x7fffffff })).totalPages;
    } finally {
      src.close();
    }
    const copy = new Database(partial);
    let schemaVersion: number;
    try {
      // One self-contained file: no -wal or -shm to forget when the backup is moved.
      copy.pragma('journal_mode = DELETE');
      const problems = (copy.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
      if (problems.join() !== 'ok') throw new Error(`integrity_check failed on the copy, so the source may be damaged: ${problems.slice(0, 5).join('; ')}`);
      schemaVersion = copy.pragma('user_version', { simple: true }) as number;
    } finally {
      copy.close();
    }
    renameSync(partial, outFile);
    return { bytes: statSync(outFile).size, ms: performance.now() - started, pages, schemaVersion };
  } finally {
    rmSync(partial, { force: true });
  }
}

/** Validate the flags; relative paths are taken from where `npm run` was typed (INIT_CWD). */
export function parseBackupArgs(argv: string[], env: NodeJS.ProcessEnv): { db: string; out: string } {
  let values: { out?: string | undefined; db?: string | undefined; force?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { out: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean' } } }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (!values.out) throw new UsageError('--out FILE is required: where to write the backup.');
  const here = env.INIT_CWD ?? process.cwd();
  const out = resolve(here, values.out);
  const db = values.db ? resolve(here, values.db) : resolve(readEnv(env).QMS_DB);
  if (!existsSync(db)) throw new UsageError(`There is no database at ${db}; pass --db FILE or set QMS_DB as the server has it.`);
  if (out === db) throw new UsageError('--out must not be the database itself.');
  if (!existsSync(dirname(out))) throw new UsageError(`The directory ${dirname(out)} does not exist; create it first.`);
  if (existsSync(out) && !values.force) throw new UsageError(`${out} exists; choose another name (e.g. with the date) or pass --force to replace it.`);
  return { db, out };
}

async function main(): Promise<void> {
  let args: { db: string; out: string };
  try {
    args = parseBackupArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    const r = await backupDatabase(args.db, args.out);
    process.stdout.write(
      `Backed up ${args.db} to ${args.out}: ${(r.bytes / 1024 / 1024).toFixed(2)} MB (${r.bytes} bytes, ${r.pages} pages, schema version ${r.schemaVersion}) in ${Math.round(r.ms)} ms; integrity_check: ok.\n`,
    );
  } catch (err) {
    process.stderr.write(`Backup failed: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
