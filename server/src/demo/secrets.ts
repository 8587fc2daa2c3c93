/**
 * The demo center's secrets are public (README, landing page, start-up banner). They open the
 * demo center and nothing else: a real center made from a demo export must not be reachable with
 * them, whatever its file says, and they are never advertised once they no longer work.
 */
import { tokenHash } from '../auth/passwords.js';
import { DEMO_CREDENTIALS } from './center.js';

export const DEMO_CENTER_ID = 'demo';

const DEMO_PASSWORDS: ReadonlySet<string> = new Set([
  DEMO_CREDENTIALS.admin.password,
  DEMO_CREDENTIALS.supervisor.password,
  DEMO_CREDENTIALS.operatorPassword,
]);

export const DEMO_TOKEN_HASHES: ReadonlySet<string> = new Set([tokenHash(DEMO_CREDENTIALS.kioskToken), tokenHash(DEMO_CREDENTIALS.displayToken)]);

/** A public demo password tried in (or set for) a center that is not the demo. */
export function isDemoPasswordOutsideDemo(centerId: string, password: string): boolean {
  return centerId !== DEMO_CENTER_ID && DEMO_PASSWORDS.has(password);
}

/** A public demo device token (by its hash) in a center that is not the demo. */
export function isDemoTokenOutsideDemo(centerId: string, hash: string): boolean {
  return centerId !== DEMO_CENTER_ID && DEMO_TOKEN_HASHES.has(hash);
}
