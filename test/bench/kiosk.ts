/**
 * Issue 5, benchmark 3: the kiosk's tap-to-ticket time through the real page. The built kiosk
 * (`npm run build`) is served by the server process; Debian's Chromium (playwright-core, the
 * browser tests' launcher) taps English, then a service, many times over.
 *
 * Measured inside the page, so that Playwright's own work (actionability checks, protocol round
 * trips) is not counted: from the click event on the service button to the first frame after
 * the ticket number is in the document (a requestAnimationFrame, then a task: the frame has been
 * produced by then). The time Playwright sees, from `click()` to the number being visible, is
 * given beside it.
 */
import type { Page } from 'playwright-core';
import { assertBuilt, launch } from '../browser/harness.js';
import { DEMO, startBenchServer } from './server.js';
import { ms, summarize, table, type BenchReport } from './stats.js';

const TAPS = 50;
const WARMUP = 3;
const SERVICE = /^Justice/;

const log = (line: string) => process.stderr.write(`[kiosk] ${line}\n`);

interface Tap {
  start: number;
  shown: number;
  /** The POST /api/tickets, from the Resource Timing entry: request sent → answer read. */
  request: number;
}

export async function kioskBench(): Promise<BenchReport> {
  assertBuilt();
  const server = await startBenchServer();
  const browser = await launch();
  try {
    // Three counters open, so that the ticket shows a position and an expected wait.
    for (const n of [1, 2, 3]) await server.operator(n);
    const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, baseURL: server.url });
    const page = await context.newPage();
    page.on('pageerror', (err) => log(`page error: ${err.message}`));
    await page.goto(`/kiosk/?token=${DEMO.kioskToken}`);
    await page.locator('.language-screen').waitFor();

    log(`${WARMUP} warm-up taps, then ${TAPS} measured`);
    const inPage: number[] = [];
    const seen: number[] = [];
    const requests: number[] = [];
    for (let i = 0; i < WARMUP + TAPS; i++) {
      await page.getByRole('button', { name: 'English', exact: true }).click();
      const service = page.getByRole('button', { name: SERVICE });
      await service.waitFor();
      await arm(page);
      const t0 = performance.now();
      await service.click();
      await page.getByTestId('ticket-number').waitFor({ state: 'visible' });
      const t1 = performance.now();
      await page.waitForFunction(() => (window as unknown as { __tap: Tap }).__tap.shown > 0);
      const tap = await page.evaluate(() => {
        const t = (window as unknown as { __tap: Tap }).__tap;
        const entry = performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('/api/tickets') && e.startTime >= t.start)
          .at(-1) as PerformanceResourceTiming | undefined;
        return { ...t, request: entry ? entry.responseEnd - entry.startTime : NaN };
      });
      if (i >= WARMUP) {
        inPage.push(tap.shown - tap.start);
        requests.push(tap.request);
        seen.push(t1 - t0);
      }
      // The visitor's "Done": back to the language screen for the next one.
      await page.getByRole('button', { name: 'Done', exact: true }).click();
      await page.locator('.language-screen').waitFor();
    }
    await context.close();

    const page95 = summarize(inPage);
    const pw = summarize(seen);
    const req = summarize(requests);
    const body = [
      table(['Tap on the service → ticket number on screen', 'p50 ms', 'p95 ms', 'max ms'], [
        ['in the page (click event → first frame with the number)', ms(page95.p50), ms(page95.p95), ms(page95.max)],
        ['… of which the POST /api/tickets (sent → answer read)', ms(req.p50), ms(req.p95), ms(req.max)],
        ['as Playwright sees it (click() → number visible)', ms(pw.p50), ms(pw.p95), ms(pw.max)],
      ]),
      '',
      `- ${TAPS} taps after ${WARMUP} warm-up ones, each by a new visitor (English → "Justice" → Done), in headless Chromium at 1080×1920; the request, the server's durable commit, drawing the QR code and React's render are all inside.`,
      '- Chromium, the server and the benchmark share the same 2 cores.',
    ].join('\n');
    return {
      title: 'Kiosk: tap to ticket (Chromium, built kiosk)',
      body,
      // The issue asks for the p95 but sets no goal for it.
      targets: [{ what: 'kiosk tap → ticket on screen, p95', target: '–', measured: `${ms(page95.p95)} ms`, met: null }],
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Time the next click in the page, and the first frame that shows a ticket number after it. */
async function arm(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tap: Tap = { start: 0, shown: 0, request: NaN };
    // Resource Timing keeps 250 entries by default: room for every tap.
    performance.clearResourceTimings();
    (window as unknown as { __tap: Tap }).__tap = tap;
    document.addEventListener('click', (e) => (tap.start = e.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="ticket-number"]')?.textContent?.trim()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (tap.shown = performance.now())));
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}
