/**
 * The join page (issue 14, docs/SPEC.md V1–V2): its addresses, what a closed service and each
 * refusal tell the visitor, and the tickets this phone took, kept in the browser's storage so the
 * hall's poster (/join/here) knows which to check in. Pure, so the rules are unit-tested (join.test.ts).
 */
import { ErrorCode, type JoinableService, type PublicTicketStatus } from '@qms/shared';
import type { en } from './i18n/en';

type Key = keyof typeof en;

/** `/join/` lists the services; `/join/here` is the hall poster's QR code (`?center=…&h=<code>`). */
export type JoinRoute = { kind: 'join' } | { kind: 'here' };

/** Null: not the join page. */
export function joinRoute(pathname: string): JoinRoute | null {
  const m = pathname.match(/^\/join(?:\/(here))?\/?$/);
  if (!m) return null;
  return m[1] ? { kind: 'here' } : { kind: 'join' };
}

export const JOIN_URL = '/join/';

/** Why a service cannot be joined now, in words that say what to do instead. */
export type ClosedWords = { key: Key; opensAt: number | null };

export function closedWords(s: Pick<JoinableService, 'reason' | 'opensAt'>): ClosedWords {
  switch (s.reason) {
    case 'closing-soon':
      return { key: 'joinClosingSoon', opensAt: null };
    case 'share-full':
      return { key: 'joinShareFull', opensAt: null };
    case 'daily-cap':
      return { key: 'joinDailyCap', opensAt: null };
    case 'unstaffed':
      return { key: 'joinUnstaffed', opensAt: null };
    case 'closed':
    case null:
      return { key: 'joinClosed', opensAt: s.opensAt };
  }
}

/**
 * What a refused join says, by its code and, where the code alone is ambiguous, by what the list
 * says of the service now (`reason`, fetched again after the refusal). REMOTE_LIMIT for a service
 * the list still shows open is this phone's (or number's) own limit for the day. Never the
 * server's English message, which a visitor reading Vietnamese could not act on.
 */
export function joinRefusalKey(code: string, service: Pick<JoinableService, 'open' | 'reason'> | null): Key {
  switch (code) {
    case ErrorCode.RemoteClosed:
    case ErrorCode.RemoteLimit:
    case ErrorCode.ServiceClosed:
    case ErrorCode.DailyCapReached:
      if (service && !service.open) return closedWords({ reason: service.reason, opensAt: null }).key;
      if (code === ErrorCode.RemoteLimit) return 'joinErrPhoneLimit';
      if (code === ErrorCode.DailyCapReached) return 'joinDailyCap';
      return 'joinClosed';
    case ErrorCode.RateLimited:
      return 'joinErrRate';
    case ErrorCode.UnknownService:
      return 'joinErrService';
    case ErrorCode.NotFound:
      return 'bookErrNoCenter';
    case ErrorCode.Unavailable:
      return 'joinErrOffline';
    case ErrorCode.BadRequest:
      return 'bookPhoneInvalid';
    default:
      return 'joinErrFailed';
  }
}

// ---------------------------------------------------------------------------------------------
// What this phone keeps

/** The part of `Storage` used here, so tests pass a Map-backed one. */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

const DEVICE_KEY = 'qms.join.device';
const ticketsKey = (centerId: string) => `qms.join.tickets.${centerId}`;
/** More than a day's worth (perDevicePerDay is at most 50); older entries go first. */
const KEPT = 20;

/**
 * The page's device id (V1's per-phone limit): random, made once and kept. Not an identity:
 * clearing the browser makes a new one (the per-address limit still counts).
 */
export function deviceIdOf(store: KeyValueStore, random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  const known = store.getItem(DEVICE_KEY);
  if (known && /^[A-Za-z0-9_-]{16,64}$/.test(known)) return known;
  const id = base64url(random(18));
  store.setItem(DEVICE_KEY, id);
  return id;
}

function base64url(bytes: Uint8Array): string {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return Array.from(bytes, (b) => ALPHABET[b & 63]).join('');
}

export interface KeptTicket {
  id: string;
  number: string;
  /** When it was taken (epoch ms): the newest first in lists. */
  at: number;
}

/** The remote tickets this phone took at a center, newest first; anything unreadable is none. */
export function keptTickets(store: KeyValueStore, centerId: string): KeptTicket[] {
  try {
    const raw: unknown = JSON.parse(store.getItem(ticketsKey(centerId)) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw
      .filter((x): x is KeptTicket => typeof x === 'object' && x !== null && typeof x.id === 'string' && typeof x.number === 'string' && typeof x.at === 'number')
      .sort((a, b) => b.at - a.at);
  } catch {
    return [];
  }
}

export function keepTicket(store: KeyValueStore, centerId: string, ticket: KeptTicket): void {
  const rest = keptTickets(store, centerId).filter((x) => x.id !== ticket.id);
  store.setItem(ticketsKey(centerId), JSON.stringify([ticket, ...rest].slice(0, KEPT)));
}

/** Tickets that are over (done, cancelled, gone) are forgotten, so the poster stops asking about them. */
export function forgetTickets(store: KeyValueStore, centerId: string, ids: ReadonlySet<string>): void {
  if (ids.size === 0) return;
  store.setItem(ticketsKey(centerId), JSON.stringify(keptTickets(store, centerId).filter((x) => !ids.has(x.id))));
}

/** What the hall poster does with one remembered ticket, by its status now. */
export type HereAction = 'arrive' | 'show' | 'forget';

/** A ticket lives one day (D1): one remembered for longer than this is not asked about again. */
export const KEEP_MS = 24 * 3_600_000;

/**
 * A remote ticket still waiting whose visitor has not checked in is checked in; one still in play
 * (waiting, called, being served, or a no-show that staff may put back, whose page says what to
 * do) is shown; one that is over is forgotten.
 */
export function hereAction(s: Pick<PublicTicketStatus, 'status' | 'remote'>): HereAction {
  if (s.status === 'waiting') return s.remote && !s.remote.arrived ? 'arrive' : 'show';
  return s.status === 'done' || s.status === 'cancelled' ? 'forget' : 'show';
}
