import type { Language } from '@qms/shared';
import type { StateCreator } from 'zustand';
import type { DisplayState } from './index.js';

export type AnnouncementStatus = 'queued' | 'speaking' | 'done';
/**
 * How an announcement ended: `spoken` (the voice said it), `timeout` (the voice never reported
 * the end), `error`, `no-voice` (no voice for the language: chime only, never another
 * language's voice reading it), `blocked` (the browser refused sound), `muted` (sound is off),
 * `stale` (waited too long behind others to still be useful), `withdrawn` (the call stopped holding
 * before its turn: a no-show, a transfer, the visitor already at the counter).
 */
export type Outcome = 'spoken' | 'timeout' | 'error' | 'no-voice' | 'blocked' | 'muted' | 'stale' | 'withdrawn';

export interface Announcement {
  id: number;
  /** The call it belongs to: the chime plays once per call, before its first language. */
  callKey: string;
  lang: Language;
  text: string;
  chime: boolean;
  status: AnnouncementStatus;
  queuedAt: number;
  startedAt: number | null;
  endedAt: number | null;
  outcome: Outcome | null;
}

export type NewAnnouncement = Pick<Announcement, 'callKey' | 'lang' | 'text' | 'chime'>;

/** Finished ones kept for the log; the display runs for months. */
export const KEEP_FINISHED = 20;
/** A burst beyond this would take minutes to speak: the oldest waiting ones give way. */
export const MAX_QUEUED = 16;

export interface AnnouncementsSlice {
  announcements: Announcement[];
  /** What the aria-live region says: the latest announcement started, and its language. */
  liveText: string;
  liveLang: Language | null;
  nextAnnouncementId: number;
  enqueue(items: NewAnnouncement[], now: number): void;
  startAnnouncement(id: number, now: number): void;
  finishAnnouncement(id: number, outcome: Outcome, now: number): void;
  /** The ticket's call no longer holds: its announcements still queued are not played. */
  withdrawCalls(ticketId: string, now: number): void;
}

function bounded(list: Announcement[], now: number): Announcement[] {
  const queued = list.filter((a) => a.status === 'queued');
  const excess = queued.length - MAX_QUEUED;
  const dropped = new Set(excess > 0 ? queued.slice(0, excess).map((a) => a.id) : []);
  const out = list.map((a): Announcement => (dropped.has(a.id) ? { ...a, status: 'done', outcome: 'stale', endedAt: now } : a));
  const finished = out.filter((a) => a.status === 'done');
  if (finished.length <= KEEP_FINISHED) return out;
  const forget = new Set(finished.slice(0, finished.length - KEEP_FINISHED).map((a) => a.id));
  return out.filter((a) => !forget.has(a.id));
}

export const announcementsSlice: StateCreator<DisplayState, [], [], AnnouncementsSlice> = (set) => ({
  announcements: [],
  liveText: '',
  liveLang: null,
  nextAnnouncementId: 1,
  enqueue: (items, now) =>
    set((s) => {
      const added = items.map((it, i): Announcement => ({ ...it, id: s.nextAnnouncementId + i, status: 'queued', queuedAt: now, startedAt: null, endedAt: null, outcome: null }));
      return { announcements: bounded([...s.announcements, ...added], now), nextAnnouncementId: s.nextAnnouncementId + items.length };
    }),
  startAnnouncement: (id, now) =>
    set((s) => {
      const item = s.announcements.find((a) => a.id === id);
      if (!item || item.status !== 'queued') return {};
      return { liveText: item.text, liveLang: item.lang, announcements: s.announcements.map((a) => (a.id === id ? { ...a, status: 'speaking', startedAt: now } : a)) };
    }),
  finishAnnouncement: (id, outcome, now) =>
    set((s) => ({
      announcements: bounded(
        s.announcements.map((a) => (a.id === id && a.status !== 'done' ? { ...a, status: 'done', outcome, endedAt: now, startedAt: a.startedAt ?? now } : a)),
        now,
      ),
    })),
  withdrawCalls: (ticketId, now) =>
    set((s) => {
      const mine = (a: Announcement) => a.status === 'queued' && a.callKey.startsWith(`${ticketId}@`);
      if (!s.announcements.some(mine)) return {};
      return { announcements: bounded(s.announcements.map((a) => (mine(a) ? { ...a, status: 'done', outcome: 'withdrawn', endedAt: now, startedAt: now } : a)), now) };
    }),
});
