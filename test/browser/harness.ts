/**
 * Browser tests: the real server (serving the built UIs) and Debian's Chromium driven by
 * playwright-core. `npm test` builds the UIs first.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function assertBuilt(): void {
  for (const app of ['kiosk', 'counter', 'display']) {
    if (!existsSync(resolve(ROOT, `${app}-ui/dist/index.html`))) throw new Error(`${app}-ui is not built: run "npm run build" first`);
  }
}

/**
 * `autoplay: false` leaves out --autoplay-policy=no-user-gesture-required, so that pages are
 * silent until a gesture, as in a browser started without the kiosk flags (docs/operations.md).
 */
export async function launch(opts: { autoplay?: boolean; args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...(opts.autoplay === false ? [] : ['--autoplay-policy=no-user-gesture-required']),
      ...(opts.args ?? []),
    ],
  });
}

export interface BrowserEnv {
  server: TestServer;
  browser: Browser;
  /** A fresh context (its own localStorage) with a page at this size. */
  page(size?: { width: number; height: number }, opts?: { timezoneId?: string }): Promise<{ page: Page; context: BrowserContext }>;
  stop(): Promise<void>;
}

export async function browserEnv(opts: Parameters<typeof startServer>[0] = {}, launchOpts: Parameters<typeof launch>[0] = {}): Promise<BrowserEnv> {
  assertBuilt();
  const server = await startServer({ ...opts, rootDir: ROOT });
  const browser = await launch(launchOpts);
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    // `timezoneId`: pages that install Playwright's fake clock need the center's zone as the
    // browser's, since the fake Date loses what @date-fns/tz needs to format in another zone.
    async page(size = { width: 1920, height: 1080 }, opts = {}) {
      const context = await browser.newContext({ viewport: size, baseURL: server.url, ...opts });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
      return { page, context };
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close();
      await server.stop();
    },
  };
}

/** Run axe-core in the page and return the violations of impact serious or critical. */
export async function axeSerious(page: Page): Promise<{ id: string; impact: string; help: string; nodes: number }[]> {
  const source = (await import('node:fs')).readFileSync(resolve(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // Evaluated rather than injected as a <script>: the server's CSP rightly forbids inline scripts.
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: unknown[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
