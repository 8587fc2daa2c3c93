import express, { type Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const UI_APPS = ['kiosk', 'counter', 'display'] as const;

/** Serve each built UI at /<app>/, with its index.html for client-side routes. */
export function staticApps(rootDir: string): Router {
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
  router.get('/', (_req, res) => {
    res.type('html').send(LANDING);
  });
  return router;
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
<li><a href="/api/openapi.json">API (OpenAPI)</a> and <a href="/api/health">health</a></li>
</ul>
<h2>Pairing a kiosk or a display</h2>
<p>An admin adds the device (<code>POST /api/admin/devices</code>) and gets a 6-digit code valid for
15 minutes; the device exchanges it once for its long-lived token (<code>POST /api/devices/pair</code>).
The demo center's devices are paired already: see the README for their tokens.</p>
</body></html>`;
