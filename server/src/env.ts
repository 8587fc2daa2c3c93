/** Server settings from the environment, validated so a typo fails loudly at start. */
import { formatIssues } from '@qms/shared';
import { z } from 'zod';

/** A whole number setting where 0 turns the limit off. */
const limit = (what: string, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,5}$/, `expected a whole number of ${what} (0 = no limit)`)
    .transform(Number)
    .default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  QMS_DB: z.string().min(1).default('./data/qms.sqlite'),
  /** `full`: fsync every commit (survives power loss); `normal`: survives crashes only. */
  QMS_DURABILITY: z.enum(['full', 'normal']).default('full'),
  /** `no` skips creating the demo center in an empty database. */
  QMS_DEMO: z.enum(['yes', 'no']).default('yes'),
  /** Past days the new demo center gets, simulated, so that Reports have weeks to show (issue 12); 0 = none. */
  QMS_DEMO_HISTORY_DAYS: z.coerce.number({ message: 'expected a number of days (0 for none)' }).int('expected a whole number of days').min(0).max(400).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Tickets one kiosk may issue in any minute; 0 = no limit. A person at a kiosk needs 15 s or more a ticket. */
  QMS_KIOSK_ISSUE_PER_MIN: z
    .string()
    .regex(/^\d{1,5}$/, 'expected a whole number of tickets per minute (0 = no limit)')
    .transform(Number)
    .default(20),
  /**
   * Socket.IO connections at once per kiosk or display token, per staff session and per client
   * address (behind the local proxy, the address it forwards). A device needs one, a few while a
   * reloading TV's old connection times out; 50 covers a center's devices behind one NAT.
   */
  QMS_SOCKETS_PER_DEVICE: limit('connections', 4),
  QMS_SOCKETS_PER_SESSION: limit('connections', 4),
  QMS_SOCKETS_PER_ADDRESS: limit('connections', 50),
  /**
   * Reads of the public live board per client address in any minute. Answers are cached, so this
   * only stops a flood; a crowd's phones may share an address (a carrier's NAT, the hall's Wi-Fi).
   */
  QMS_BOARD_PER_MIN: limit('requests', 600),
  QMS_BOOK_PER_10MIN: limit('bookings', 20),
  QMS_JOIN_PER_10MIN: limit('remote tickets', 20),
  /**
   * The wait before a failed webhook delivery is tried again, ms; it doubles with each failure up
   * to an hour (docs/webhooks.md). Shorter for a receiver on the center's own network.
   */
  QMS_WEBHOOK_RETRY_MS: z
    .string()
    .regex(/^\d{3,7}$/, 'expected a whole number of milliseconds, 100 or more (30000 = 30 s)')
    .transform(Number)
    .default(30_000),
  /** Open connections at most (HTTP and Socket.IO); unset: what the descriptor limit leaves, at most 5,000. */
  QMS_MAX_CONNECTIONS: z.preprocess((v) => (v === '' ? undefined : v), limit('connections', 0).optional()),
  /**
   * Web Push's contact for the browsers' push services (RFC 8292): `mailto:` an address that reads
   * mail, or an https:// page. Unset: each center's https publicUrl, else mailto:admin@localhost.
   */
  QMS_VAPID_SUBJECT: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().max(200).regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'expected mailto:someone@example.org or an https:// address').optional(),
  ),
  /** When set, GET /metrics requires `Authorization: Bearer <it>`; unset, /metrics is open (counts only). */
  QMS_METRICS_TOKEN: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(16, 'use at least 16 random characters (e.g. `openssl rand -hex 24`)').max(200).optional(),
  ),
});
export type Env = z.infer<typeof envSchema>;

export function readEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid environment: ${formatIssues(parsed.error)}`);
  return parsed.data;
}
