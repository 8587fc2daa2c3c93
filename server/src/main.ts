/** `npm start`: the real clock, the real file, the real port. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { createApp } from './app.js';
import { DEMO_CREDENTIALS, demoCenter } from './demo/center.js';
import { generateHistory } from './demo/history.js';
import { readEnv } from './env.js';
import { defaultMaxConnections } from './http/connections.js';
import { ConfigStore } from './storage/config-store.js';
import { openDatabase } from './storage/db.js';

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Read before the environment is validated, so that a bad environment can be reported. Request
// lines carry no secrets by construction (ops/request-log.ts); the redaction guards error objects.
const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: ['*.password', '*.token', '*.authorization', '*.headers.authorization', '*.headers.cookie'], censor: '[redacted]' },
});

function main(): void {
  const env = readEnv(process.env);
  const version = (JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dbFile = resolve(env.QMS_DB);
  const db = openDatabase(dbFile, env.QMS_DURABILITY);
  const configs = new ConfigStore(db);
  const created = configs.centerIds().length === 0 && env.QMS_DEMO === 'yes';
  if (created) {
    configs.write(demoCenter());
    if (env.QMS_DEMO_HISTORY_DAYS > 0) {
      const started = Date.now();
      log.info(`Preparing the demo: ${env.QMS_DEMO_HISTORY_DAYS} days of simulated history for Reports (first start only; QMS_DEMO_HISTORY_DAYS=0 skips it)…`);
      const config = configs.read('demo');
      if (config) {
        const h = generateHistory(db, config, env.QMS_DEMO_HISTORY_DAYS, Date.now());
        log.info(`Demo history: ${h.tickets} tickets over ${h.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }
    }
  }

  const app = createApp({
    db,
    log,
    version,
    rootDir,
    kioskIssuePerMin: env.QMS_KIOSK_ISSUE_PER_MIN,
    boardPerMin: env.QMS_BOARD_PER_MIN,
    bookPer10Min: env.QMS_BOOK_PER_10MIN,
    joinPer10Min: env.QMS_JOIN_PER_10MIN,
    metricsToken: env.QMS_METRICS_TOKEN,
    webhookRetryMs: env.QMS_WEBHOOK_RETRY_MS,
    vapidSubject: env.QMS_VAPID_SUBJECT,
    connections: { maxConnections: env.QMS_MAX_CONNECTIONS ?? defaultMaxConnections() },
    sockets: { perDevice: env.QMS_SOCKETS_PER_DEVICE, perSession: env.QMS_SOCKETS_PER_SESSION, perAddress: env.QMS_SOCKETS_PER_ADDRESS },
    // What is in memory may no longer be what is on the disk: restart from the disk (systemd's
    // Restart=on-failure, docs/operations.md). The refused requests have been answered 503 by then.
    onDiskFailure: () => setTimeout(() => process.exit(70), 100),
  });
  app.listen(env.PORT, env.HOST).then((port) => {
    const base = `http://localhost:${port}`;
    const lines = [
      `QMS ${version} serving ${app.deps.hub.ids().length} center(s) from ${dbFile}`,
      `  Start:    ${base}/  (links to the three apps${app.deps.demo()?.kiosk || app.deps.demo()?.display ? ', and the demo kiosk and display already paired' : ''})`,
      `  Kiosk:    ${base}/kiosk/`,
      `  Counter:  ${base}/counter/`,
      `  Display:  ${base}/display/`,
      `  API:      ${base}/api/openapi.json`,
      `  Metrics:  ${base}/metrics${env.QMS_METRICS_TOKEN ? ' (bearer QMS_METRICS_TOKEN)' : ' (open: set QMS_METRICS_TOKEN to require a token)'}`,
      `Kiosks may issue ${env.QMS_KIOSK_ISSUE_PER_MIN || 'any number of'} tickets a minute each (QMS_KIOSK_ISSUE_PER_MIN).`,
      ...app.deps.hub.ids().map((id) => `Ticket QR codes of ${id} point to ${app.deps.hub.get(id).config.center.publicUrl ?? `the kiosk's own address (set center.publicUrl to one that phones can open)`}.`),
    ];
    // Only the public demo credentials that still work: once changed, they are never printed again.
    const demo = app.deps.demo();
    if (demo) {
      const c = DEMO_CREDENTIALS;
      const working = [
        demo.admin && `  admin      ${c.admin.login} / ${c.admin.password}`,
        demo.supervisor && `  supervisor ${c.supervisor.login} / ${c.supervisor.password}`,
        demo.operators.length > 0 && `  operators  ${demo.operators[0]}${demo.operators.length > 1 ? ` … ${demo.operators.at(-1)}` : ''} / ${c.operatorPassword}  (opN is trained for counter N)`,
        demo.kiosk && `  kiosk token    ${c.kioskToken}`,
        demo.display && `  display token  ${c.displayToken}`,
      ].filter((l): l is string => typeof l === 'string');
      lines.push(
        working.length > 0
          ? `Demo center credentials${created ? ' (created now)' : ''}, public: change them before real use.\n${working.join('\n')}`
          : 'Demo center: its public credentials have all been changed.',
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }, (err: Error) => {
    log.fatal({ err }, `cannot listen on port ${env.PORT}`);
    process.exit(1);
  });

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    void app.close().finally(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

try {
  main();
} catch (err) {
  log.fatal({ err }, err instanceof Error ? err.message : 'start failed');
  process.exit(1);
}
