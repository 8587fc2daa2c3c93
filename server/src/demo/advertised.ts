/**
 * Which of the demo's public credentials still open the demo center: only those are printed at
 * start and linked from the landing page. Once an admin changes a password or re-pairs a device,
 * it is no longer advertised anywhere.
 */
import { tokenHash, verifyPassword } from '../auth/passwords.js';
import type { ConfigStore } from '../storage/config-store.js';
import { DEMO_CREDENTIALS } from './center.js';
import { DEMO_CENTER_ID } from './secrets.js';

export interface DemoInUse {
  kiosk: boolean;
  display: boolean;
  admin: boolean;
  supervisor: boolean;
  /** Logins of the operators whose password is still the demo's. */
  operators: string[];
}

export function demoCredentials(configs: ConfigStore): () => DemoInUse | null {
  // scrypt costs tens of ms a check: the answer is kept until the demo's hashes change.
  let known: { key: string; value: DemoInUse | null } | undefined;
  return () => {
    const cfg = configs.read(DEMO_CENTER_ID);
    if (!cfg) return null;
    const hashes = new Set(cfg.devices.flatMap((d) => (d.tokenHash ? [d.tokenHash] : [])));
    const key = JSON.stringify([[...hashes], cfg.staff.map((s) => [s.login, s.role, s.passwordHash])]);
    if (known?.key === key) return known.value;
    const works = (login: string, password: string) => cfg.staff.some((s) => s.login === login && verifyPassword(password, s.passwordHash ?? ''));
    const value: DemoInUse = {
      kiosk: hashes.has(tokenHash(DEMO_CREDENTIALS.kioskToken)),
      display: hashes.has(tokenHash(DEMO_CREDENTIALS.displayToken)),
      admin: works(DEMO_CREDENTIALS.admin.login, DEMO_CREDENTIALS.admin.password),
      supervisor: works(DEMO_CREDENTIALS.supervisor.login, DEMO_CREDENTIALS.supervisor.password),
      operators: cfg.staff.filter((s) => s.role === 'operator' && verifyPassword(DEMO_CREDENTIALS.operatorPassword, s.passwordHash ?? '')).map((s) => s.login),
    };
    known = { key, value };
    return value;
  };
}
