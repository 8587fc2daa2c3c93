import type { StateCreator } from 'zustand';
import { MAX_QUEUED_NOTICES, MAX_VISIBLE_NOTICES, NOTICE_MS, type NoticeContent } from '../notices.js';
import type { DisplayState } from './index.js';

export interface Notice extends NoticeContent {
  id: number;
  /** When the fact arrived. */
  at: number;
  /** When it went on screen; null while it waits for a free place. */
  shownAt: number | null;
}

export interface NoticesSlice {
  /** On screen first (in the order shown), then the waiting ones, oldest first. */
  notices: Notice[];
  nextNoticeId: number;
  addNotice(content: NoticeContent, now: number): void;
  /** Takes down the notices whose time is up and shows the next ones. */
  expireNotices(now: number): void;
}

export const noticeEndsAt = (n: Notice): number | null => (n.shownAt === null ? null : n.shownAt + NOTICE_MS);

/** The next moment a notice comes down, null when none is on screen. */
export function nextNoticeEnd(notices: Notice[]): number | null {
  const ends = notices.map(noticeEndsAt).filter((t): t is number => t !== null);
  return ends.length === 0 ? null : Math.min(...ends);
}

/** Fills the free places on screen from the waiting ones and keeps the waiting list short. */
function settle(list: Notice[], now: number): Notice[] {
  const shown = list.filter((n) => n.shownAt !== null);
  const waiting = list.filter((n) => n.shownAt === null);
  const promoted = waiting.splice(0, Math.max(0, MAX_VISIBLE_NOTICES - shown.length)).map((n) => ({ ...n, shownAt: now }));
  return [...shown, ...promoted, ...waiting.slice(-MAX_QUEUED_NOTICES)];
}

export const noticesSlice: StateCreator<DisplayState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  nextNoticeId: 1,
  addNotice: (content, now) =>
    set((s) => {
      // A newer change of the same counter says where it stands now: it replaces the older notice.
      const others = s.notices.filter((n) => n.counterId !== content.counterId);
      const added: Notice = { ...content, id: s.nextNoticeId, at: now, shownAt: null };
      return { notices: settle([...others, added], now), nextNoticeId: s.nextNoticeId + 1 };
    }),
  expireNotices: (now) =>
    set((s) => {
      const left = s.notices.filter((n) => {
        const end = noticeEndsAt(n);
        return end === null || end > now;
      });
      return left.length === s.notices.length ? {} : { notices: settle(left, now) };
    }),
});
