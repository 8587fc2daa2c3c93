/**
 * A hall client as the apps run it: the shared self-healing connection (snapshot, facts in
 * order, gaps filled, reconnection with backoff), watched from a test. Used to check that clients
 * connected through server crashes come back to the server's picture by themselves, without F5.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { connectHall, type ConnectionStatus, type HallConnection, type HallState } from '@qms/shared/client';

export class WatchedHall {
  state: HallState | null = null;
  readonly statuses: ConnectionStatus[] = [];
  private readonly conn: HallConnection;

  constructor(url: string, token: string) {
    this.conn = connectHall({
      url,
      token,
      // Often, so that a fact lost in a crash is noticed within the test's patience.
      checkEveryMs: 1_000,
      onState: (s) => (this.state = s),
      onStatus: (s) => {
        if (this.statuses.at(-1) !== s) this.statuses.push(s);
      },
    });
  }

  /** Times the connection went from live to reconnecting. */
  get drops(): number {
    return this.statuses.filter((s, i) => s === 'reconnecting' && this.statuses[i - 1] === 'live').length;
  }

  /** Wait until the client has caught up with `seq` (polling; gives up after `timeoutMs`). */
  async reach(seq: number, timeoutMs = 20_000): Promise<HallState> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (this.state && this.state.seq >= seq && this.statuses.at(-1) === 'live') return this.state;
      await delay(50);
    }
    throw new Error(`client at seq ${this.state?.seq ?? 'none'} (${this.statuses.join(' → ')}), server at ${seq}`);
  }

  close(): void {
    this.conn.close();
  }
}
