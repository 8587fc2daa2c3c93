/**
 * `npm run backup` against a running server process that keeps issuing tickets, then a restore
 * by the procedure in docs/operations.md (stop, replace the file, remove -wal/-shm, start).
 * The server is SIGKILLed rather than stopped cleanly, so the stale -wal it leaves makes the
 * "remove -wal/-shm" step matter.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { parseBackupArgs } from '../../server/src/cli/backup.js';
import { ROOT, ServerProcess, http, killAll } from '../crash/server-process.js';

const KIOSK = 'demo-kiosk-token-change-me';
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qms-backup-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await killAll();
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Issued {
  id: string;
  number: string;
  serviceId: string;
  seqNo: number;
}

async function issue(url: string, serviceId: string): Promise<Issued> {
  const res = await http(url, 'POST', '/api/tickets', { token: KIOSK, body: { serviceId } });
  if (res.status !== 201) throw new Error(`issue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.ticket as Issued;
}

/** The CLI exactly as `npm run backup` runs it (tsx), as a separate process. */
function runBackup(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/backup.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run backup', () => {
  it('copies a live database while the server writes, and the copy restores with every ticket acknowledged before', async () => {
    const dir = tempDir();
    const dbFile = join(dir, 'qms.sqlite');
    const out = join(dir, 'backup.sqlite');
    let srv = await ServerProcess.start(dbFile);

    const before: Issued[] = [];
    for (let i = 0; i < 30; i++) before.push(await issue(srv.url, i % 3 ? 'justice' : 'land'));

    // A kiosk keeps issuing during the backup: tickets acknowledged after it ended cannot be in it.
    const after: Issued[] = [];
    let backupDone = false;
    let writing = true;
    const writer = (async () => {
      let during = 0;
      while (writing) {
        const startedAfterBackup = backupDone;
        const t = await issue(srv.url, 'justice');
        if (startedAfterBackup) after.push(t);
        else during++;
      }
      return during;
    })();
    const result = await runBackup(['--db', dbFile, '--out', out]);
    backupDone = true;
    while (after.length < 3) await issue(srv.url, 'business').then((t) => after.push(t));
    writing = false;
    const during = await writer;

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Backed up ${dbFile} to ${out}: [\\d.]+ MB \\(\\d+ bytes, \\d+ pages, schema version \\d+\\) in \\d+ ms; integrity_check: ok\\.\\n$`));
    expect(existsSync(`${out}-wal`)).toBe(false);

    // The copy: a single file that passes integrity_check and holds the acknowledged tickets.
    const copy = new Database(out, { readonly: true, fileMustExist: true });
    let maxJustice: number;
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const ids = new Set((copy.prepare('SELECT id FROM tickets').all() as { id: string }[]).map((r) => r.id));
      for (const t of before) expect(ids.has(t.id), `ticket ${t.number}`).toBe(true);
      for (const t of after) expect(ids.has(t.id), `ticket ${t.number} issued after the backup`).toBe(false);
      maxJustice = (copy.prepare("SELECT max(seq_no) AS n FROM tickets WHERE issued_service_id = 'justice'").get() as { n: number }).n;
    } finally {
      copy.close();
    }

    // Restore: stop the server, replace the file, remove -wal/-shm, start.
    await srv.kill();
    expect(existsSync(`${dbFile}-wal`)).toBe(true);
    copyFileSync(out, dbFile);
    rmSync(`${dbFile}-wal`, { force: true });
    rmSync(`${dbFile}-shm`, { force: true });
    srv = await ServerProcess.start(dbFile);

    for (const t of before) {
      const res = await http(srv.url, 'GET', `/api/tickets/${t.id}`);
      expect(res.status, `ticket ${t.number} after restore`).toBe(200);
      expect(res.body).toMatchObject({ id: t.id, number: t.number, status: 'waiting' });
    }
    for (const t of after) expect((await http(srv.url, 'GET', `/api/tickets/${t.id}`)).status).toBe(404);
    // Numbering continues from the backup: the numbers handed out after it are handed out again.
    expect((await issue(srv.url, 'justice')).seqNo).toBe(maxJustice + 1);
    console.log(`backup taken while the server acknowledged ${during} more tickets: ${result.stdout.trim()}`);
  });

  it('validates its flags with messages a person can act on', () => {
    const dir = tempDir();
    const db = join(dir, 'qms.sqlite');
    const env = { INIT_CWD: dir };
    expect(() => parseBackupArgs([], env)).toThrow('--out FILE is required');
    expect(() => parseBackupArgs(['--out'], env)).toThrow("Option '--out <value>' argument missing");
    expect(() => parseBackupArgs(['--out', 'b.sqlite', '--bogus'], env)).toThrow("Unknown option '--bogus'");
    expect(() => parseBackupArgs(['--out', 'b.sqlite', '--db', 'qms.sqlite'], env)).toThrow(`There is no database at ${db}; pass --db FILE or set QMS_DB`);
    expect(() => parseBackupArgs(['--out', 'b.sqlite'], { ...env, QMS_DB: db })).toThrow(`There is no database at ${db}`);
    writeFileSync(db, '');
    expect(() => parseBackupArgs(['--out', 'nowhere/b.sqlite', '--db', 'qms.sqlite'], env)).toThrow(`The directory ${join(dir, 'nowhere')} does not exist`);
    expect(() => parseBackupArgs(['--out', 'qms.sqlite', '--db', 'qms.sqlite'], env)).toThrow('--out must not be the database itself');
    // Relative paths are where `npm run` was typed, not the repository root.
    expect(parseBackupArgs(['--out', 'b.sqlite', '--db', 'qms.sqlite'], env)).toEqual({ db, out: join(dir, 'b.sqlite') });
    expect(parseBackupArgs(['--out', 'b.sqlite'], { ...env, QMS_DB: db })).toEqual({ db, out: join(dir, 'b.sqlite') });
    writeFileSync(join(dir, 'b.sqlite'), '');
    expect(() => parseBackupArgs(['--out', 'b.sqlite', '--db', 'qms.sqlite'], env)).toThrow(`${join(dir, 'b.sqlite')} exists; choose another name (e.g. with the date) or pass --force`);
    expect(parseBackupArgs(['--out', 'b.sqlite', '--db', 'qms.sqlite', '--force'], env).out).toBe(join(dir, 'b.sqlite'));
  });

  it('refuses a file that is not a database, and leaves no partial copy', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.txt'), 'not a database '.repeat(100));
    const result = await runBackup(['--db', join(dir, 'notes.txt'), '--out', join(dir, 'b.sqlite')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Backup failed: file is not a database/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
