/**
 * Keeps the catalogue fresh and the device's pairing known, outside React. Live: a Socket.IO
 * connection (connectHall, as displays use) refetches the catalogue when the configuration
 * changes (a service added or renamed in Settings) or a counter opens or closes (what is served
 * now), and takes fresh waits from `queue:loads`. The fallback: every 60 s when the server
 * answers, with backoff (1, 2, 4 … 30 s) while it does not. A kiosk left running through a
 * server restart or a network blip recovers on its own.
 */
import type { ServiceLoad } from '@qms/shared';
import { connectHall, type HallConnection } from '@qms/shared/client';
import { fetchCatalogue, fetchMe } from './api';
import type { KioskStore } from './store';

export const REFRESH_MS = 60_000;
export const MAX_BACKOFF_MS = 30_000;

export function backoffMs(failures: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/** What a service's availability may depend on in the loads: a change means refetch. */
function staffing(loads: ServiceLoad[]): string {
  return loads.map((l) => `${l.serviceId}:${l.openCounters}`).join(',');
}

export interface Sync {
  /** Load now (after pairing, or when an issue failed on the network). */
  now(): void;
  stop(): void;
}

export function startSync(store: KioskStore): Sync {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let running = false;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void tick(), ms);
  };

  const checkDevice = async () => {
    const { token, paired } = store.getState();
    if (!token || paired !== 'unknown') return;
    const me = await fetchMe(token);
    if (token !== store.getState().token) return; // re-paired meanwhile
    if (me.ok) {
      if (me.data.kind === 'device' && me.data.deviceKind === 'kiosk') store.getState().markPaired();
      else store.getState().needPairing('notKiosk');
    } else if (me.error.code === 'UNAUTHORIZED') store.getState().needPairing('revoked');
    // Any other failure: stay 'unknown' and keep serving visitors; the next tick asks again.
  };

  /** Asked again while a fetch was out: its answer may predate the change, so fetch once more. */
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const res = await fetchCatalogue(store.getState().token);
    if (res.ok) {
      failures = 0;
      store.getState().setCatalogue(res.data);
      store.getState().setOnline(true);
      await checkDevice();
      schedule(REFRESH_MS);
    } else {
      failures += 1;
      store.getState().setOnline(false);
      schedule(backoffMs(failures));
    }
    running = false;
    if (again) {
      again = false;
      schedule(0);
    }
  };

  // Someone else (a failed ticket issue) noticed the network is down: start retrying at once.
  const unsubscribe = store.subscribe((s, prev) => {
    if (prev.online && !s.online && !running && failures === 0) {
      failures = 1;
      schedule(backoffMs(failures));
    }
  });
  const onOnline = () => schedule(0);
  window.addEventListener('online', onOnline);

  // The live connection, for the current token (pairing changes it).
  let live: HallConnection | null = null;
  let liveToken: string | null = null;
  const connectLive = () => {
    const { token } = store.getState();
    if (stopped || token === liveToken) return;
    live?.close();
    live = null;
    liveToken = token;
    if (!token) return;
    let services: unknown = null;
    let staffed: string | null = null;
    live = connectHall({
      token,
      onStatus: () => {}, // pairing and the offline banner follow the HTTP calls
      onFact: (fact) => {
        if (fact.type === 'config:changed') schedule(0);
      },
      onState: (state) => {
        // A new snapshot (a connection, or one that replaces missed facts): the catalogue may have changed.
        if (state.services !== services) {
          services = state.services;
          schedule(0);
        }
        const now = staffing(state.loads);
        if (staffed !== null && now !== staffed) schedule(0);
        staffed = now;
        store.getState().setLoads(state.loads);
      },
    });
  };
  const unsubscribeToken = store.subscribe((s, prev) => {
    if (s.token !== prev.token) connectLive();
  });
  connectLive();
  void tick();

  return {
    now: () => schedule(0),
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      unsubscribeToken();
      live?.close();
      window.removeEventListener('online', onOnline);
    },
  };
}
