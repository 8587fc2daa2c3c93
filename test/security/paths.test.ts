/**
 * Every error the server answers is in the one shape `{ error: { code, message } }`, whatever the
 * path looks like (issue 10, section 5): `//api/auth/login` once got Express's HTML 404 page.
 * Each endpoint of the route table (read from the OpenAPI document) is asked for under path
 * variants a client or a scanner sends: doubled and trailing slashes, other letter case, dot
 * segments encoded or not, encoded slashes, NUL; and with methods it does not have. Without a
 * token and without a body, so that nothing may change: the hall is compared after each.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@qms/shared';
import { startServer } from '../helpers/server.js';
import { Observer, dropHall, expectUnchanged, fingerprint, openHall, recordHall } from './hall.js';
import { routesOf } from './http-probes.js';
import { raw, uniqueClient, type RawReply } from './raw-http.js';

const hall = await recordHall();
const s = await openHall(hall).catch((err: unknown) => {
  dropHall(hall);
  throw err;
});
const routes = routesOf((await s.call('GET', '/api/openapi.json')).body);
let observer: Observer;
let baseline: Record<string, string>;

beforeAll(async () => {
  observer = await Observer.connect(s);
  baseline = fingerprint(s);
});
afterAll(async () => {
  await s.stop();
  dropHall(hall);
});

const CODES = new Set<string>(Object.values(ErrorCode));

/** The variants of one path (`/api/...`, parameters filled in) a client might send. */
function pathVariants(path: string): string[] {
  const rest = path.slice('/api'.length);
  return [
    `/${path}`,
    `//${path}`,
    `/api/${rest}`,
    `/api${rest.replace(/\//g, '//')}`,
    `/API${rest}`,
    path.toUpperCase(),
    `${path}/`,
    `${path}//`,
    `/api/.${rest}`,
    `/api/%2e${rest}`,
    `/api/x/..${rest}`,
    `/api/x/%2e%2e${rest}`,
    `/%2e%2e${path}`,
    `${path}/%2e%2e`,
    `${path}/..%2F..%2Fetc%2Fpasswd`,
    `/api${rest.replace(/\//g, '%2F')}`,
    `%2Fapi${rest}`,
    `${path}%00`,
    `${path};x=1`,
    `${path}/.`,
  ];
}

/** Paths outside every route. */
const ELSEWHERE = ['//', '/nope', '/api', '/API', '/api/', '//api/auth/login', '/kiosk', '/kiosk/', '/index.html', '/%', '/%zz', '/..%2f..%2fetc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/socket.io', '/metricsx', '/.env', '/robots.txt'];

function expectJsonShape(reply: RawReply, method: string, what: string): void {
  expect(reply.status, `${what} → ${reply.text.slice(0, 200)}`).toBeLessThan(500);
  expect(reply.headers['content-type'] ?? '', `${what}: content type`).toMatch(/^application\/json/);
  if (method === 'HEAD') return;
  expect(reply.json, `${what} is not JSON: ${reply.text.slice(0, 200)}`).toBeDefined();
  if (reply.status < 400) return;
  expect(Object.keys(reply.json), what).toEqual(['error']);
  expect(Object.keys(reply.json.error).sort(), what).toEqual(['code', 'message']);
  expect(CODES.has(reply.json.error.code), `${what}: code ${reply.json.error.code}`).toBe(true);
  expect(reply.json.error.message.length, what).toBeGreaterThan(0);
}

const ask = (method: string, path: string) => raw(s.url, { method, path, headers: uniqueClient() });

describe('every endpoint under path variants answers JSON, errors in the one shape', () => {
  it('finds the endpoints', () => expect(routes.length).toBeGreaterThan(40));

  it.each(routes.map((r) => [r.key, r] as const))('%s', async (_key, route) => {
    const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'counterId' ? '2' : 'x'));
    for (const variant of pathVariants(path)) {
      for (const method of [route.method, 'PATCH', 'HEAD']) {
        expectJsonShape(await ask(method, variant), method, `${method} ${variant}`);
      }
    }
    expectUnchanged(s, baseline, route.key);
    await observer.expectSilence(route.key);
  });

  it('paths outside every route, with every method', async () => {
    for (const path of ELSEWHERE) {
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
        const reply = await ask(method, path);
        expectJsonShape(reply, method, `${method} ${path}`);
        if (method !== 'HEAD' && !(method === 'OPTIONS' && reply.status < 400)) expect(reply.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      }
    }
    const doubled = await raw(s.url, { method: 'POST', path: '//api/auth/login', headers: { 'content-type': 'application/json', ...uniqueClient() }, body: '{}' });
    expect([doubled.status, doubled.json.error.code]).toEqual([404, 'NOT_FOUND']);
    expectUnchanged(s, baseline, 'paths outside the routes');
  });
});

describe('with the built apps served', () => {
  it('real pages are still HTML; anything else is the JSON 404', async () => {
    const root = mkdtempSync(join(tmpdir(), 'qms-paths-ui-'));
    for (const app of ['kiosk', 'counter', 'display']) {
      mkdirSync(join(root, `${app}-ui`, 'dist'), { recursive: true });
      writeFileSync(join(root, `${app}-ui`, 'dist', 'index.html'), `<!doctype html><title>${app}</title>`);
    }
    const ui = await startServer({ rootDir: root });
    try {
      for (const page of ['/', '/kiosk/', '/counter/', '/display/', '/kiosk/t/abc']) {
        const res = await fetch(ui.url + page);
        expect([page, res.status, res.headers.get('content-type')]).toEqual([page, 200, 'text/html; charset=utf-8']);
      }
      for (const path of ['//api/auth/login', '/nope', '//kiosk/', '/kiosk.html']) {
        const res = await ui.call('GET', path);
        expect([path, res.status, res.body?.error?.code]).toEqual([path, 404, 'NOT_FOUND']);
      }
    } finally {
      await ui.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
