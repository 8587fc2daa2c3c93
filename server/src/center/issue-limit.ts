/**
 * At most N tickets per minute from one kiosk. A kiosk is a public device: a stuck button, a
 * playful child or a script holding a stolen kiosk token could otherwise fill the queue with
 * tickets nobody will claim, and every real visitor's expected wait with them. Staff are not
 * limited (an operator checking in booked visitors is accountable and may be quick).
 *
 * The window slides: at most N tickets in any 60 seconds. Only tickets actually issued count;
 * a retry that replays a known `clientRef` returns its ticket and is never refused, so a kiosk
 * that lost an answer still gets the ticket it printed the request for.
 */
import { ErrorCode, type Fact } from '@qms/shared';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../http/errors.js';
import type { EngineState } from '../engine/index.js';
import type { Clock } from './runtime.js';

const WINDOW_MS = 60_000;

/** RATE_LIMITED, with when to retry (HTTP also sends it as `Retry-After`). */
export class IssueRateLimited extends AppError {
  constructor(
    readonly retryAfterSec: number,
    perMinute: number,
  ) {
    super(ErrorCode.RateLimited, `This kiosk has issued ${perMinute} tickets in the last minute, the most allowed; try again in ${retryAfterSec} s.`);
  }
}

export class IssueLimiter {
  /** Issue times within the window, oldest first, per `center/device`. */
  private readonly recent = new Map<string, number[]>();

  /** `perMinute` 0 turns the limit off. */
  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Refuse before anything changes when this kiosk has used its minute's budget. */
  check(p: Principal, state: EngineState, clientRef: string | undefined): void {
    const key = this.keyOf(p);
    if (!key || (clientRef !== undefined && state.clientRefs.has(clientRef))) return;
    const now = this.clock();
    const times = this.prune(key, now);
    const oldest = times[0];
    if (oldest !== undefined && times.length >= this.perMinute) {
      throw new IssueRateLimited(Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)), this.perMinute);
    }
  }

  /** Count what the command committed: a replayed request commits nothing and costs nothing. */
  count(p: Principal, facts: Fact[]): void {
    const key = this.keyOf(p);
    if (!key || !facts.some((f) => f.type === 'ticket:issued')) return;
    const now = this.clock();
    this.prune(key, now).push(now);
  }

  private prune(key: string, now: number): number[] {
    // Bounded by the number of kiosks: an entry never holds more than `perMinute` times.
    const times = (this.recent.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    this.recent.set(key, times);
    return times;
  }

  private keyOf(p: Principal): string | null {
    return this.perMinute > 0 && p.kind === 'device' ? `${p.centerId}/${p.deviceId}` : null;
  }
}
