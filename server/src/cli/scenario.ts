/**
 * `npm run scenario -- --center ID --from YYYY-MM-DD --to YYYY-MM-DD [--weekday mon] [--db FILE] [--out FILE]`:
 * a period of a center's log fitted as one typical `qms-scenario/1` day (advisor/fit.ts), to run
 * with `npm run simulate` or `npm run advise`. The database is only read; the server may keep running.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { fitQuerySchema, localTime, type FitQuery } from '@qms/shared';
import { checkPeriod, FitError, fitPeriod } from '../advisor/fit.js';
import { readEnv } from '../env.js';
import { ConfigStore } from '../storage/config-store.js';
import { openDatabase } from '../storage/db.js';
import { LiveStore } from '../storage/live-store.js';
import { ReportStore } from '../storage/report-store.js';

const USAGE = `usage: npm run scenario -- --center ID --from YYYY-MM-DD --to YYYY-MM-DD [--weekday mon] [--db FILE] [--out FILE]
  --center ID     the center whose log is read
  --from, --to    the period, the center's local days, both included (at most a year; today,
                  not over yet, is left out)
  --weekday DAY   only days of that weekday (mon, tue, wed, thu, fri, sat, sun): one day type
  --db FILE       the database (default: $QMS_DB, else ./data/qms.sqlite)
  --out FILE      write the scenario there instead of to stdout
The fitted day is a qms-scenario/1 file: npm run simulate -- --scenario FILE`;

export class UsageError extends Error {}

export interface ScenarioArgs {
  query: FitQuery;
  db: string;
  out: string | null;
}

/** Validate the flags; relative paths are taken from where `npm run` was typed (INIT_CWD). */
export function parseScenarioArgs(argv: string[], env: NodeJS.ProcessEnv): ScenarioArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { center: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, weekday: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const missing = (['center', 'from', 'to'] as const).filter((k) => values[k] === undefined);
  if (missing.length > 0) throw new UsageError(`${missing.map((k) => `--${k}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} required.`);
  const parsed = fitQuerySchema.safeParse({ centerId: values.center, from: values.from, to: values.to, ...(values.weekday !== undefined ? { weekday: values.weekday } : {}) });
  if (!parsed.success) {
    // The schema's field names are the API's; here they are flags.
    const flag: Record<string, string> = { centerId: '--center', from: '--from', to: '--to', weekday: '--weekday' };
    throw new UsageError(parsed.error.issues.map((i) => `${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message.replace(/^weekday: /, '')}`).join('\n'));
  }
  const period = checkPeriod(parsed.data.from, parsed.data.to);
  if (period) throw new UsageError(`--from/--to: ${period}.`);
  const here = env.INIT_CWD ?? process.cwd();
  let db: string;
  if (typeof values.db === 'string') db = resolve(here, values.db);
  else {
    try {
      db = resolve(readEnv(env).QMS_DB);
    } catch (err) {
      throw new UsageError(`Cannot read QMS_DB from the environment (${(err as Error).message}); pass --db FILE.`);
    }
  }
  if (!existsSync(db)) throw new UsageError(`There is no database at ${db}; pass --db FILE or set QMS_DB as the server has it.`);
  const out = typeof values.out === 'string' ? resolve(here, values.out) : null;
  if (out !== null && !existsSync(dirname(out))) throw new UsageError(`The directory ${dirname(out)} does not exist; create it first.`);
  if (out === db) throw new UsageError('--out must not be the database itself.');
  return { query: parsed.data, db, out };
}

function main(): void {
  let args: ScenarioArgs | 'help';
  try {
    args = parseScenarioArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const db = openDatabase(args.db, 'normal');
  try {
    const configs = new ConfigStore(db);
    const config = configs.read(args.query.centerId);
    if (!config) {
      const known = configs.centerIds();
      process.stderr.write(`--center: there is no center "${args.query.centerId}" in ${args.db}${known.length > 0 ? ` (centers: ${known.join(', ')})` : ' (it holds no center)'}.\n`);
      process.exit(2);
    }
    const fit = fitPeriod(config, { reports: new ReportStore(db), live: new LiveStore(db) }, args.query, localTime(Date.now(), config.center.timezone).day);
    const json = `${JSON.stringify(fit.scenario, null, 2)}\n`;
    if (args.out) {
      writeFileSync(args.out, json);
      const a = fit.actual;
      process.stderr.write(
        `Wrote ${args.out}: fitted from ${fit.days.length} day(s) (${fit.days[0]} … ${fit.days.at(-1)}), ${a.tickets} tickets; as lived: ` +
          `${a.withinTarget === null ? '–' : `${(a.withinTarget * 100).toFixed(1)} %`} within target, mean wait ${a.meanWaitMin ?? '–'} min.\n`,
      );
    } else process.stdout.write(json);
  } catch (err) {
    if (err instanceof FitError) {
      process.stderr.write(`${err.message}.\n`);
      process.exit(err.kind === 'range' ? 2 : 1);
    }
    throw err;
  } finally {
    db.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
