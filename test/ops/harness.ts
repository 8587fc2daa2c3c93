/**
 * The ops tests' server is the shared test server with the app options they need (a logger, a
 * metrics token, a kiosk limit), and a way to read the metrics text.
 */
import type { AppOptions } from '../../server/src/app.js';
import { startServer, type TestServer } from '../helpers/server.js';

export { ask } from '../realtime/recorder.js';

export type OpsServer = TestServer;

export function startOps(app: Omit<AppOptions, 'db' | 'clock'> = {}): Promise<OpsServer> {
  return startServer({ app });
}

/** Parse the Prometheus text format into samples. */
export function samples(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const out: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

/** The one sample of a metric whose labels include these; throws if none or several match. */
export function value(text: string, name: string, labels: Record<string, string> = {}): number {
  const found = samples(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name}${JSON.stringify(labels)}`);
  return found[0]!.value;
}
