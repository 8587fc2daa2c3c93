/**
 * The one place where server events reach the store (STYLE 9): the hall connection's state and
 * status, and the facts that concern this user's counter. Returns the unsubscribe.
 */
import type { CounterService, Fact } from '@qms/shared';
import { connectHall, type HallConnection } from '@qms/shared/client';
import { lastAckedSeq } from './commands';
import { setSocket } from './socket';
import type { store as storeType } from './store';

type StoreApi = typeof storeType;

export const STATS_EVERY_MS = 30_000;

const AUDITED = new Set<Fact['type']>(['counter:services-changed', 'balance:proposed', 'balance:resolved']);
let auditTimer: ReturnType<typeof setTimeout> | null = null;

/** Facts come in bursts (a merge and its proposal's fate): one request per burst. */
function refreshAuditLogSoon(store: StoreApi): void {
  if (auditTimer) return;
  auditTimer = setTimeout(() => {
    auditTimer = null;
    void store.getState().refreshAuditLog();
  }, 150);
}

export function bindServerEvents(store: StoreApi, token: string): () => void {
  const conn: HallConnection = connectHall({
    token,
    onState: (hall) => store.getState().setHall(hall),
    onStatus: (status) => {
      store.getState().setConnection(status);
      if (status === 'unauthorized') store.getState().sessionEnded();
    },
    // Staff receive every fact whole (never a hidden one): shared/src/audience.ts.
    onFact: (fact) => fact.type !== 'hidden' && onFact(store, fact as Fact),
  });
  setSocket(conn.socket);

  const clock = setInterval(() => store.getState().tick(Date.now()), 1000);
  void store.getState().refreshStats();
  const stats = setInterval(() => void store.getState().refreshStats(), STATS_EVERY_MS);

  return () => {
    clearInterval(clock);
    clearInterval(stats);
    setSocket(null);
    conn.close();
  };
}

function onFact(store: StoreApi, fact: Fact): void {
  const s = store.getState();
  if (fact.type === 'config:changed') {
    // The server follows this fact with a fresh snapshot (names, targets, new counters); the
    // lists the admin and supervisor screens use are reloaded here.
    s.reloadLists();
    return;
  }
  // The supervisor's audit log, once shown, follows every merge, release and proposal.
  if (AUDITED.has(fact.type) && s.auditLog !== null) refreshAuditLogSoon(store);
  if (!('counter' in fact) || !fact.counter || fact.counter.id !== s.counterId) return;
  const counter = fact.counter;
  const mine = s.staff?.login;
  switch (fact.type) {
    case 'counter:closed':
      // Our own release/close clears the counter in commands.ts; anyone else's is news.
      if (s.busy !== 'release' && s.busy !== 'close') {
        s.setCounter(null);
        s.showNotice({ kind: 'counterClosed', counter: counter.number });
      }
      break;
    case 'counter:opened':
      if (counter.staffLogin !== mine) {
        s.setCounter(null);
        s.showNotice({ kind: 'counterTakenOver', counter: counter.number, by: counter.staffLogin ?? '' });
      }
      break;
    case 'counter:paused': {
      // The user's own pause from this window needs no news; anyone else's says who it was.
      const you = fact.by !== undefined && fact.by.login === mine;
      if (s.busy === 'pause' || (you && fact.seq <= lastAckedSeq())) break;
      s.showNotice({ kind: 'pausedBySupervisor', pause: { pauseReason: counter.pauseReason, pauseReasonId: counter.pauseReasonId }, ...(fact.by ? { by: fact.by.name, you } : {}) });
      break;
    }
    case 'counter:resumed':
      // Whoever resumed it, the pause notice is over.
      if (s.notice?.kind === 'pausedBySupervisor') s.showNotice(null);
      break;
    case 'counter:services-changed':
      s.showNotice({ kind: 'servicesChanged', why: fact.why, reason: fact.reason, ...diff(fact.previous, counter.services) });
      break;
    default:
      break;
  }
}

function diff(before: CounterService[], after: CounterService[]): { added: string[]; removed: string[] } {
  const had = new Set(before.map((x) => x.serviceId));
  const has = new Set(after.map((x) => x.serviceId));
  return { added: [...has].filter((id) => !had.has(id)), removed: [...had].filter((id) => !has.has(id)) };
}
