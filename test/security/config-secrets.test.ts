/**
 * Issue 10 §1–2: the demo's public secrets stay in the demo, and a configuration import obeys the
 * rules the item-by-item API enforces (one path for every change: ConfigStore.write).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, demoCenter } from '../../server/src/demo/center.js';
import { ConfigStore } from '../../server/src/storage/config-store.js';
import { openDatabase } from '../../server/src/storage/db.js';
import { DISPLAY_TOKEN, KIOSK_TOKEN, PASSWORD } from '../helpers/center.js';
import { next, startServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');

/** `npm run config -- …` against a database file; never throws, returns the exit code. */
async function configCli(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(tsx, ['server/src/cli/config.ts', ...args], { cwd: root, env: { ...process.env, QMS_DB: db } });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

let s: TestServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await s?.stop();
  s = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'qms-secrets-'));
  dirs.push(d);
  return d;
}

describe('demo credentials never leak into a real center (§1)', () => {
  it("the README's path: export demo, change id and passwords, import with QMS_DEMO=no: no demo secret works or is advertised", async () => {
    const dir = tempDir();
    const demoDb = join(dir, 'demo.sqlite');
    const db = openDatabase(demoDb, 'normal');
    new ConfigStore(db).write(demoCenter());
    db.close();

    const plain = await configCli(demoDb, 'export', 'demo');
    expect(plain.code).toBe(0);
    expect(plain.out).not.toMatch(/scrypt|tokenHash/);
    const withSecrets = await configCli(demoDb, 'export', 'demo', '--with-secrets');
    expect(withSecrets.out).toMatch(/scrypt\$/);
    expect(withSecrets.out).toMatch(/tokenHash/);

    // The operator's edit: a new id, new passwords for everyone.
    const cfg = JSON.parse(plain.out);
    cfg.center.id = 'real';
    cfg.center.name = 'Real center';
    for (const st of cfg.staff) st.password = `${st.login}-real-password`;
    const file = join(dir, 'real.json');
    writeFileSync(file, JSON.stringify(cfg));
    const realDb = join(dir, 'real.sqlite');
    const imported = await configCli(realDb, 'import', file);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining('Imported center "real"') });

    // Forgetting a password in a secret-less file is refused with what to do.
    const missing = structuredClone(cfg);
    missing.center.id = 'other';
    delete missing.staff[0].password;
    writeFileSync(file, JSON.stringify(missing));
    expect(await configCli(join(dir, 'other.sqlite'), 'import', file)).toMatchObject({ code: 2, err: expect.stringContaining('staff[0].password: "admin" is new here: give "password"') });

    // The with-secrets export under a new id carries the demo's public tokens: refused.
    const leaky = JSON.parse(withSecrets.out);
    leaky.center.id = 'leaky';
    writeFileSync(file, JSON.stringify(leaky));
    const refused = await configCli(join(dir, 'leaky.sqlite'), 'import', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("devices[0].tokenHash: this is the demo center's public token");

    // The real center's own server: the demo's token does nothing, devices wait to be paired, nothing is advertised.
    s = await startServerOn(realDb, dir);
    expect((await s.call('POST', '/api/tickets', { token: DEMO_CREDENTIALS.kioskToken, body: { serviceId: 'justice' } })).status).toBe(401);
    expect((await s.call('GET', '/api/auth/me', { token: DEMO_CREDENTIALS.displayToken })).status).toBe(401);
    const admin = await s.login('admin', 'admin-real-password');
    expect((await s.call('GET', '/api/admin/devices', { token: admin })).body.map((d: any) => d.paired)).toEqual([false, false]);
    const landing = await s.call('GET', '/');
    expect(landing.text).not.toMatch(/demo-kiosk-token|demo-display-token|operator-demo|admin-demo|Try the demo/);
    expect(s.app.deps.demo()).toBeNull();
  });

  it('the public demo passwords open only the demo center, even when a file carried their hashes', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
    const store = new ConfigStore(db);
    store.write(demoCenter());
    const copy = store.read('demo')!;
    copy.center.id = 'copy';
    copy.devices = copy.devices.map(({ tokenHash: _t, ...d }) => ({ ...d, id: `${d.id}-copy` }));
    store.write(copy);
    db.close();
    s = await startServerOn(join(dir, 'qms.sqlite'), dir);
    const refused = await s.call('POST', '/api/auth/login', { body: { login: 'op1', password: DEMO_CREDENTIALS.operatorPassword, centerId: 'copy' } });
    expect(refused).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining("demo center's public password") } } });
    expect((await s.call('POST', '/api/auth/login', { body: { login: 'op1', password: DEMO_CREDENTIALS.operatorPassword, centerId: 'demo' } })).status).toBe(200);
    // Setting a demo password for a real center is refused too.
    const cfg = s.app.deps.configs.read('copy')!;
    cfg.staff[0] = { ...cfg.staff[0]!, password: DEMO_CREDENTIALS.admin.password };
    expect(() => s!.app.deps.configs.write(cfg)).toThrow(/demo center's public password/);
  });

  it('the landing page and start-up banner name only the demo secrets that still work', async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, 'qms.sqlite'), 'normal');
    new ConfigStore(db).write(demoCenter());
    db.close();
    s = await startServerOn(join(dir, 'qms.sqlite'), dir);
    let landing = (await s.call('GET', '/')).text;
    expect(landing).toContain(DEMO_CREDENTIALS.kioskToken);
    expect(landing).toContain('admin-demo');
    const admin = await s.login('admin', DEMO_CREDENTIALS.admin.password);
    await s.call('PUT', '/api/admin/staff/admin', { token: admin, body: { name: 'Admin', role: 'admin', password: 'a-new-admin-password' } });
    await s.call('POST', '/api/admin/devices/kiosk-1/pairing', { token: await s.login('admin', 'a-new-admin-password') });
    landing = (await s.call('GET', '/')).text;
    expect(landing).not.toContain('admin-demo');
    expect(landing).not.toContain(DEMO_CREDENTIALS.kioskToken);
    expect(landing).toContain(DEMO_CREDENTIALS.displayToken);
    expect(s.app.deps.demo()).toMatchObject({ admin: false, kiosk: false, display: true, supervisor: true });
  });
});

describe('a configuration import obeys the item API rules (§2)', () => {
  it('never brings back a revoked device token, nor replaces a current pairing', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const old = (await s.call('GET', '/api/admin/config?secrets=include', { token: admin })).body;
    expect(old.devices[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // Re-pair the kiosk: the old token stops working, the new one works.
    const code = (await s.call('POST', '/api/admin/devices/kiosk/pairing', { token: admin })).body.code;
    const fresh = (await s.call('POST', '/api/devices/pair', { body: { code } })).body.token;
    // Re-importing the older export keeps the new pairing and does not revive the old token.
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: old })).status).toBe(200);
    expect((await s.call('GET', '/api/auth/me', { token: fresh })).status).toBe(200);
    expect((await s.call('GET', '/api/auth/me', { token: KIOSK_TOKEN })).status).toBe(401);
    // A deleted display's old token cannot come back with the device.
    expect((await s.call('DELETE', '/api/admin/devices/tv', { token: admin })).status).toBe(200);
    const res = await s.call('PUT', '/api/admin/config', { token: admin, body: old });
    expect(res).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('devices[1].tokenHash: this token was revoked here') } } });
    expect((await s.call('GET', '/api/auth/me', { token: DISPLAY_TOKEN })).status).toBe(401);
    // Without the hash it imports, unpaired.
    delete old.devices[1].tokenHash;
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: old })).status).toBe(200);
    expect((await s.call('GET', '/api/admin/devices', { token: admin })).body.find((d: any) => d.id === 'tv')).toMatchObject({ paired: false });
  });

  it('a password changed by import ends that person\'s sessions and closes their sockets', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const op = await s.login('op1');
    const sock = s.socket(op);
    await next(sock, 'snapshot');
    const cfg = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    cfg.staff.find((x: any) => x.login === 'op1').password = 'a-brand-new-password';
    const closed = new Promise<string>((resolve) => sock.on('disconnect', resolve));
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: cfg })).status).toBe(200);
    expect((await s.call('GET', '/api/auth/me', { token: op })).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    await s.login('op1', 'a-brand-new-password');
    // Everyone else kept their session and password.
    expect((await s.call('GET', '/api/auth/me', { token: admin })).status).toBe(200);
    await s.login('op2', PASSWORD);
  });

  it('refuses to drop a service with open tickets, or the counter they were sent to; nothing changes', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const t = (await s.call('POST', '/api/tickets', { token: KIOSK_TOKEN, body: { serviceId: 'benefits' } })).body.ticket;
    const cfg = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    const seq = (await s.call('GET', '/api/queue', { token: admin })).body.seq;
    const noBenefits = structuredClone(cfg);
    noBenefits.services = noBenefits.services.filter((x: any) => x.id !== 'benefits');
    noBenefits.counters = noBenefits.counters.filter((c: any) => c.id !== '4');
    const res = await s.call('PUT', '/api/admin/config', { token: admin, body: noBenefits });
    expect(res).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: `Service "benefits" is left out, but tickets ${t.number} are still open for it: serve, transfer or cancel them first.` } } });
    // A file that keeps the service but no counter for it would strand the ticket the same way.
    const noCounter = structuredClone(cfg);
    noCounter.counters = noCounter.counters.filter((c: any) => c.id !== '4');
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: noCounter })).body.error.message).toContain('No counter would serve or could be switched to service "benefits"');
    expect((await s.call('GET', '/api/queue', { token: admin })).body.seq).toBe(seq);
    const page = (await s.call('GET', `/api/tickets/${t.id}`)).body;
    expect(page).toMatchObject({ status: 'waiting', service: { id: 'benefits' }, eta: { position: 1 } });
  });

  it('refuses password hashes this server would not have written; a bad stored one is a 401, not a 500', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    const cfg = (await s.call('GET', '/api/admin/config?secrets=include', { token: admin })).body;
    const good = cfg.staff[2].passwordHash as string;
    const [, , , , salt, hash] = good.split('$');
    for (const bad of ['scrypt$', `scrypt$16384$8$64$${salt}$${hash}`, `scrypt$1048576$8$1$${salt}$${hash}`, `scrypt$x$y$z$${salt}$${hash}`, `${good}$extra`]) {
      const file = structuredClone(cfg);
      file.staff[2].passwordHash = bad;
      const res = await s.call('PUT', '/api/admin/config', { token: admin, body: file });
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message).toContain('body.staff[2].passwordHash: expected a hash exported by this server');
    }
    s.db.prepare("UPDATE staff SET password_hash = ? WHERE login = 'op1'").run(`scrypt$16384$8$64$${salt}$${hash}`);
    const login = await s.call('POST', '/api/auth/login', { body: { login: 'op1', password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it('omitted fields never widen rights; the center keeps an admin; nobody demotes themselves', async () => {
    s = await startServer();
    const admin = await s.login('admin');
    // PUT without `services` keeps op2's training (passport only), so counter 3 (property) stays refused.
    expect((await s.call('PUT', '/api/admin/staff/op2', { token: admin, body: { name: 'Operator Two', role: 'operator' } })).body).toMatchObject({ services: ['passport'] });
    expect((await s.call('POST', '/api/counters/3/claim', { token: await s.login('op2') })).status).toBe(422);
    // A new operator must say what they are trained for.
    expect(await s.call('PUT', '/api/admin/staff/op9', { token: admin, body: { name: 'Op 9', role: 'operator', password: 'op9-password' } })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('body.services') } } });
    // An import entry without `services` keeps them too.
    const cfg = (await s.call('GET', '/api/admin/config', { token: admin })).body;
    delete cfg.staff.find((x: any) => x.login === 'op2').services;
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: cfg })).status).toBe(200);
    expect((await s.call('GET', '/api/admin/staff', { token: admin })).body.find((x: any) => x.login === 'op2').services).toEqual(['passport']);
    // A display's scope left out of a device update stays.
    await s.call('PUT', '/api/admin/devices/tv', { token: admin, body: { counters: ['1'] } });
    await s.call('PUT', '/api/admin/devices/tv', { token: admin, body: { name: 'Hall TV' } });
    expect((await s.call('GET', '/api/admin/devices', { token: admin })).body.find((d: any) => d.id === 'tv')).toMatchObject({ name: 'Hall TV', counters: ['1'] });
    // The only admin cannot demote themselves, by item or by file.
    expect(await s.call('PUT', '/api/admin/staff/admin', { token: admin, body: { name: 'Admin', role: 'operator', services: [] } })).toMatchObject({ status: 409 });
    const demoted = structuredClone(cfg);
    demoted.staff.find((x: any) => x.login === 'admin').role = 'supervisor';
    expect((await s.call('PUT', '/api/admin/config', { token: admin, body: demoted })).body.error.message).toContain('You cannot change your own role');
    // Nor can a console import leave the center without an admin.
    demoted.staff = demoted.staff.filter((x: any) => x.login !== 'admin');
    expect(() => s!.app.deps.configs.write(demoted)).toThrow('The center needs at least one admin.');
    expect((await s.call('GET', '/api/auth/me', { token: admin })).body).toMatchObject({ role: 'admin' });
  });
});

async function startServerOn(dbFile: string, rootDir: string): Promise<TestServer> {
  const dir = tempDir();
  writeFileSync(join(dir, 'qms.sqlite'), readFileSync(dbFile));
  return startServer({ dir, rootDir });
}
