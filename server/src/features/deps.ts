import type { AuthStore } from '../auth/auth-store.js';
import type { Commands } from '../center/commands.js';
import type { Hub } from '../center/hub.js';
import type { Clock } from '../center/runtime.js';
import type { DemoInUse } from '../demo/advertised.js';
import type { PushSender } from '../push/sender.js';
import type { ConfigStore } from '../storage/config-store.js';
import type { LiveStore } from '../storage/live-store.js';
import type { Ratings } from '../ratings/ratings.js';

/** What feature routers and socket handlers are built from (composition at the edge). */
export interface Deps {
  hub: Hub;
  commands: Commands;
  auth: AuthStore;
  configs: ConfigStore;
  live: LiveStore;
  clock: Clock;
  version: string;
  /** Resolves once every change made so far is on the disk (storage/group-sync.ts): answers and broadcasts wait for it. */
  settled: () => Promise<void>;
  /** Which of the demo's public credentials still work (advertised only then); null without a demo center. */
  demo: () => DemoInUse | null;
  /** Ratings and complaints (issue 14): a done ticket's public status shows its rating and the answer to its complaint. */
  ratings: Ratings;
  /** Web Push to visitors' phones (issue 14): notify(ticketId, 'answered') once a complaint is answered. */
  push: PushSender;
}
