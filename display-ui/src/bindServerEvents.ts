/**
 * The one place where the server's events reach the store (STYLE 9). connectHall keeps the hall
 * state in step (snapshot, facts in order, gaps filled, reconnection); this module puts that
 * state in the store, turns new calls into announcements and changes of a counter's services into
 * notices on screen (never spoken). Returns its unsubscribe.
 */
import { connectHall, type CallRecord, type HallConnection } from '@qms/shared/client';
import type { DisplayConnectionOptions, DisplayHall } from './hall.js';
import { callPhrase, speechLanguages } from './announce/phrases.js';
import { NOTICE_MS, noticeFromFact } from './notices.js';
import type { NewAnnouncement } from './store/announcements.js';
import type { DisplayStore } from './store/index.js';
import { callStanding } from './calls.js';
import { callInZone } from './zone.js';

/** A call older than this (server time) is shown but no longer announced: after an outage, say. */
export const ANNOUNCE_WITHIN_MS = 2 * 60_000;
const REMEMBER_CALLS = 200;

export const callKey = (c: Pick<CallRecord, 'ticketId' | 'at'>): string => `${c.ticketId}@${c.at}`;

export interface BindOptions {
  token: string;
  store: DisplayStore;
  connect?: (opts: DisplayConnectionOptions) => HallConnection;
  now?: () => number;
  /** The configuration changed: the device's zone may have. */
  onConfigChanged?: () => void;
}

export function announcementsFor(call: CallRecord, state: Pick<DisplayHall, 'center'>, speechLangs: Parameters<typeof speechLanguages>[1]): NewAnnouncement[] {
  return speechLanguages(state.center, speechLangs, call.language).map((lang, i) => ({
    callKey: callKey(call),
    lang,
    text: callPhrase(lang, call.number, call.counterNumber),
    chime: i === 0,
  }));
}

export function bindServerEvents({ token, store, connect = (o) => connectHall(o), now = Date.now, onConfigChanged }: BindOptions): () => void {
  // Calls this display already knows, so that a fresh snapshot (after a server restart) does
  // not announce them again but does announce the ones made while we were away.
  const known = new Set<string>();
  const remember = (key: string) => {
    known.delete(key);
    known.add(key);
    if (known.size > REMEMBER_CALLS) known.delete(known.values().next().value ?? '');
  };
  let fromFacts: CallRecord[] = [];
  let first = true;

  const onState = (state: DisplayHall) => {
    const fresh = [...fromFacts];
    fromFacts = [];
    if (!first) {
      // Oldest first, as they happened.
      for (const call of [...state.calls].reverse()) if (!known.has(callKey(call))) fresh.push(call);
    }
    first = false;
    for (const call of state.calls) remember(callKey(call));

    const s = store.getState();
    const serverNow = now() + state.clockOffsetMs;
    const wanted = fresh.filter((c) => callInZone(s.zone, c, state.counters));
    s.setHall(state, wanted.length);
    // A call that stopped holding meanwhile (a no-show, the visitor already there) is not spoken.
    const items = wanted
      .filter((c) => serverNow - c.at <= ANNOUNCE_WITHIN_MS && callStanding(c, state.tickets) === 'calling')
      .flatMap((c) => announcementsFor(c, state, s.options.langs));
    if (items.length > 0) s.enqueue(items, now());
  };

  const connection = connect({
    token,
    onState,
    onStatus: (status) => {
      store.getState().setStatus(status);
      if (status === 'unauthorized') store.getState().setPairing('unpaired');
    },
    onFact: (fact, state) => {
      if (fact.type === 'ticket:called' || fact.type === 'ticket:recalled') {
        // applyFact has just put this call first; a recall of the same ticket counts again.
        const call = state.calls[0];
        if (call) {
          fromFacts.push(call);
          remember(callKey(call));
        }
      } else if ('ticket' in fact && fact.ticket.status !== 'called') {
        // Completed, no-show, transferred, requeued, …: its call is over, do not announce it any more.
        store.getState().withdrawCalls(fact.ticket.id, now());
      } else if (fact.type === 'counter:services-changed') {
        // Caught up after a long outage: the change is old news, the queue list already shows it.
        if (now() + state.clockOffsetMs - fact.at > NOTICE_MS) return;
        const s = store.getState();
        const notice = noticeFromFact(fact, s.zone);
        if (notice) s.addNotice(notice, now());
      } else if (fact.type === 'config:changed') onConfigChanged?.();
    },
  });

  return () => connection.close();
}
