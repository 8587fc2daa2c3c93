/**
 * `npm run scenario` (issue 15) as a separate process, exactly as npm runs it (tsx), over a database
 * holding the demo's generated history: the fitted day on stdout or in a file, usage with --help,
 * and every bad flag named with exit code 2 (an empty period: exit 1, nothing written).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCenter } from '../../server/src/demo/center.js';
import { generateHistory } from '../../server/src/demo/history.js';
import { parseScenario } from '../../server/src/sim/scenario.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { ROOT } from '../crash/server-process.js';
import { T0 } from '../helpers/server.js';

let dir: string;
let dbFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qms-scenario-cli-'));
  dbFile = join(dir, 'qms.sqlite');
  const db = openDatabase(dbFile, 'normal');
  const configs = new ConfigStore(db);
  configs.write(demoCenter());
  // The eight days before Monday 2 March 2026: Monday 23 February to Saturday 28 February open.
  generateHistory(db, configs.read('demo')!, 8, T0);
  db.close();
}, 60_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { QMS_DB: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli/scenario.ts', ...args], { cwd: ROOT, env: { ...inherited, INIT_CWD: dir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const PERIOD = ['--center', 'demo', '--from', '2026-02-22', '--to', '2026-03-01'];

describe('npm run scenario', () => {
  it('prints the fitted day as a qms-scenario/1 file; the database from QMS_DB when --db is not given', async () => {
    const r = await run([...PERIOD, '--weekday', 'mon'], { QMS_DB: dbFile });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const scenario = parseScenario(JSON.parse(r.stdout), 'stdout');
    expect(scenario.name).toBe('demo 2026-02-22..2026-03-01 mon');
    expect(scenario.description).toMatch(/^Fitted from 1 day of demo's log with tickets between 2026-02-22 and 2026-03-01 on Mondays \(2026-02-23\)/);
    expect(scenario.counters).toHaveLength(16);
  }, 30_000);

  it('--out writes the file (relative to where npm run was typed) and says what it fitted on stderr', async () => {
    const r = await run([...PERIOD, '--db', dbFile, '--out', 'week.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Wrote .*week\.json: fitted from 6 day\(s\) \(2026-02-23 … 2026-02-28\), \d+ tickets; as lived: \d+\.\d % within target, mean wait \d+(\.\d)? min\.\n$/);
    const scenario = parseScenario(JSON.parse(readFileSync(join(dir, 'week.json'), 'utf8')), 'week.json');
    expect(scenario.name).toBe('demo 2026-02-22..2026-03-01');
  }, 30_000);

  it('--help prints the usage and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run scenario -- --center ID --from YYYY-MM-DD --to YYYY-MM-DD \[--weekday mon\] \[--db FILE\] \[--out FILE\]/);
  }, 30_000);

  it('a period without tickets: exit 1, the period and weekday named, nothing written', async () => {
    const r = await run(['--center', 'demo', '--from', '2026-01-01', '--to', '2026-01-31', '--weekday', 'mon', '--db', dbFile, '--out', 'empty.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('no tickets between 2026-01-01 and 2026-01-31 on Mondays.\n');
    expect(existsSync(join(dir, 'empty.json'))).toBe(false);
  }, 30_000);

  it.each([
    ['no flags', [], /^--center, --from, --to are required\./],
    ['--to missing', ['--center', 'demo', '--from', '2026-02-22'], /^--to is required\./],
    ['no such date', ['--center', 'demo', '--from', '2026-02-30', '--to', '2026-03-01'], /^--from: no such date/],
    ['not a date', ['--center', 'demo', '--from', 'yesterday', '--to', '2026-03-01'], /^--from: expected a date "YYYY-MM-DD"/],
    ['backwards', ['--center', 'demo', '--from', '2026-03-01', '--to', '2026-02-22'], /^--from\/--to: "to" \(2026-02-22\) is before "from" \(2026-03-01\): swap them\./],
    ['over a year', ['--center', 'demo', '--from', '2025-01-01', '--to', '2026-03-01'], /^--from\/--to: a period covers at most 367 days; this asks for 425\./],
    ['weekday misspelt', [...PERIOD, '--weekday', 'monday'], /^--weekday: expected one of mon, tue, wed, thu, fri, sat, sun/],
    ['unknown flag', [...PERIOD, '--seeds', '3'], /Unknown option '--seeds'/],
    ['a stray argument', [...PERIOD, 'extra'], /positional argument/],
    ['no database there', [...PERIOD, '--db', 'nowhere.sqlite'], /^There is no database at .*nowhere\.sqlite; pass --db FILE or set QMS_DB as the server has it\./],
    ['--out into a missing directory', [...PERIOD, '--out', 'no/such/dir/x.json'], /^The directory .*no\/such\/dir does not exist; create it first\./],
    ['no such center', ['--center', 'nowhere', '--from', '2026-02-22', '--to', '2026-03-01'], /^--center: there is no center "nowhere" in .* \(centers: demo\)\./],
  ])('%s: exit 2 with a message that says what to change', async (_what, args, message) => {
    const r = await run(args.includes('--db') ? args : [...args, '--db', dbFile]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  }, 30_000);
});
