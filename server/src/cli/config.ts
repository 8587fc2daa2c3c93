/**
 * `npm run config -- import FILE` / `npm run config -- export [CENTER_ID]`: set a center up from a
 * JSON file (qms-center/1) before the first start, or back it up. While the server runs, use
 * `PUT /api/admin/config` instead so the live queue picks the change up at once.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatIssues } from '@qms/shared';
import { ZodError } from 'zod';
import { readEnv } from '../env.js';
import { ConfigConflict, ConfigStore, withoutSecrets } from '../storage/config-store.js';
import { openDatabase } from '../storage/db.js';

const USAGE = `usage: npm run config -- import FILE.json
       npm run config -- export [CENTER_ID] [--with-secrets] > FILE.json
An export leaves out password hashes and device tokens (a template to reuse, or to hand around):
on import, people already in the center keep their passwords, new people need "password", and
devices new to the center are paired from Admin → Devices. --with-secrets keeps them (a backup).
(database: $QMS_DB, default ./data/qms.sqlite)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

export function runConfigCli(argv: string[]): void {
  let positionals: string[];
  let withSecrets = false;
  try {
    let values: { 'with-secrets'?: boolean | undefined };
    ({ positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { 'with-secrets': { type: 'boolean' } } }));
    withSecrets = values['with-secrets'] === true;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const [verb, arg] = positionals;
  const env = readEnv(process.env);
  if (verb === 'import') {
    if (!arg) fail(USAGE);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(resolve(arg), 'utf8'));
    } catch (err) {
      fail(`Cannot read ${arg}: ${(err as Error).message}`);
    }
    const db = openDatabase(resolve(env.QMS_DB), env.QMS_DURABILITY);
    try {
      const cfg = new ConfigStore(db).write(json as never);
      process.stdout.write(`Imported center "${cfg.center.id}": ${cfg.services.length} services, ${cfg.counters.length} counters, ${cfg.staff.length} staff, ${cfg.devices.length} devices.\n`);
    } catch (err) {
      if (err instanceof ZodError) fail(`${arg} is not a valid center configuration:\n  ${formatIssues(err).split('; ').join('\n  ')}`);
      if (err instanceof ConfigConflict) fail(`${arg} was not imported: it would strand today's queue:\n  ${err.problems.map((p) => p.message).join('\n  ')}`);
      throw err;
    } finally {
      db.close();
    }
  } else if (verb === 'export') {
    const db = openDatabase(resolve(env.QMS_DB), env.QMS_DURABILITY);
    const store = new ConfigStore(db);
    const id = arg ?? store.centerIds()[0];
    const cfg = id ? store.read(id) : undefined;
    db.close();
    if (!cfg) fail(id ? `There is no center "${id}".` : 'The database holds no center.');
    process.stdout.write(`${JSON.stringify(withSecrets ? cfg : withoutSecrets(cfg), null, 2)}\n`);
  } else {
    fail(USAGE);
  }
}

runConfigCli(process.argv.slice(2));
