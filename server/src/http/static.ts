import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoInUse } from '../demo/advertised.js';
import { DEMO_CREDENTIALS } from '../demo/center.js';

export const UI_APPS = ['kiosk', 'counter', 'display'] as const;

/** Serve each built UI at /<app>/, with its index.html for client-side routes. */
/** `demo()`: the demo's public credentials that still work; only those are linked from the landing page. */
export function staticApps(rootDir: string, demo: () => DemoInUse | null = () => null): Router {
  const router = express.Router();
  for (const app of UI_APPS) {
    const dist = join(rootDir, `${app}-ui`, 'dist');
    if (!existsSync(join(dist, 'index.html'))) continue;
    router.use(`/${app}`, express.static(dist, { index: 'index.html', maxAge: '1h', setHeaders: noCacheForHtml }));
    router.get(`/${app}/{*rest}`, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(dist, 'index.html'));
    });
  }
  // The public live board (issue 12): a page of the display app's build, with no pairing.
  const board = join(rootDir, 'display-ui', 'dist', 'board', 'index.html');
  if (existsSync(board)) {
    // Matches /board and /board/ alike: one address for the page, the one the landing page links.
    router.get('/board', (req, res) => {
      const q = req.originalUrl.indexOf('?');
      const path = q < 0 ? req.originalUrl : req.originalUrl.slice(0, q);
      if (!path.endsWith('/')) return res.redirect(301, `/board/${q < 0 ? '' : req.originalUrl.slice(q)}`);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(board);
    });
  }
  // The public booking page (issue 13): the kiosk app's build, which picks the page by its
  // address; its assets load from /kiosk/assets as for the kiosk.
  const kioskIndex = join(rootDir, 'kiosk-ui', 'dist', 'index.html');
  if (existsSync(kioskIndex)) {
    // The join page (issue 14) likewise: /join/ to take a ticket from outside, /join/here for the hall's poster.
    router.get(['/book', '/book/{*rest}', '/join', '/join/{*rest}'], (req, res) => {
      const q = req.originalUrl.indexOf('?');
      const path = q < 0 ? req.originalUrl : req.originalUrl.slice(0, q);
      if (path === '/book' || path === '/join') return res.redirect(301, `${path}/${q < 0 ? '' : req.originalUrl.slice(q)}`);
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(kioskIndex);
    });
  }
  router.get('/', (_req, res) => {
    res.type('html').send(LANDING.replace('<!--demo-->', demoHtml(demo())));
  });
  return router;
}

function demoHtml(demo: DemoInUse | null): string {
  if (!demo) return '';
  const c = DEMO_CREDENTIALS;
  const logins = [
    demo.operators[0] && `<code>${demo.operators[0]}</code> / <code>${c.operatorPassword}</code>${demo.operators.length > 1 ? ` (operators ${demo.operators[0]} … ${demo.operators.at(-1)})` : ''}`,
    demo.supervisor && `<code>${c.supervisor.login}</code> / <code>${c.supervisor.password}</code>`,
    demo.admin && `<code>${c.admin.login}</code> / <code>${c.admin.password}</code>`,
  ].filter(Boolean);
  const links = [
    demo.kiosk && `<li><a href="/kiosk/?token=${encodeURIComponent(c.kioskToken)}">Demo kiosk, already paired</a></li>`,
    demo.display && `<li><a href="/display/?token=${encodeURIComponent(c.displayToken)}">Demo hall display, already paired</a></li>`,
    logins.length > 0 && `<li>Counter app: log in as ${logins.join(', ')}</li>`,
  ].filter(Boolean);
  return links.length ? `<h2>Try the demo center</h2><ul>${links.join('')}</ul>` : '';
}

/** HTML must be revalidated so that a TV picks up a new build; hashed assets can be cached. */
function noCacheForHtml(res: { setHeader: (k: string, v: string) => void }, path: string): void {
  if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}

const LANDING = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>QMS</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;color:#111}
a{color:#0645ad}li{margin:.4rem 0}code{background:#f2f2f2;padding:.1rem .3rem}</style></head>
<body><h1>Queue management for public service centers</h1>
<ul>
<li><a href="/kiosk/">Kiosk</a>: visitors take tickets</li>
<li><a href="/counter/">Counter</a>: staff call and serve; supervisors watch the hall</li>
<li><a href="/display/">Hall display</a>: the TV that announces calls</li>
<li><a href="/join/">Join the queue from your phone</a>: take a ticket before you come, and check in at the kiosk or on the hall's poster when you arrive</li>
<li><a href="/book/">Book an appointment</a>: visitors choose a service, a day and a time, on a phone or a computer, and get a code to check in with at the kiosk</li>
<li><a href="/board/">Live board</a>: open counters, people waiting and the expected wait per service, for anyone, on a phone or a website (<a href="/api/board">JSON</a>)</li>
<li><a href="/api/openapi.json">API (OpenAPI)</a> and <a href="/api/health">health</a></li>
</ul>
<!--demo-->
<h2>Pairing a kiosk or a display</h2>
<ol><li>In the counter app, log in as an admin and open <b>Settings → Devices</b>; add the kiosk or display.
It shows a 6-digit code, valid for 15 minutes.</li>
<li>On the device, open <code>/kiosk/</code> or <code>/display/</code> and enter the code. The device keeps
its token and never needs a login again; re-pairing or deleting it in Admin revokes it.</li></ol>
</body></html>`;
