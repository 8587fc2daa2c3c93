/**
 * Ratings and complaints for staff (issue 14): the complaints of the center by status
 * (GET /api/complaints), how many wait for an answer (the navigation's badge), answering one, and
 * the satisfaction index of a period (GET /api/reports/satisfaction). Kept per token and query,
 * as Reports keeps its own: a late answer to an old query cannot show under a newer one.
 */
import type { AppErrorBody, ComplaintAnswer, ComplaintStatus, ComplaintView, Response, SatisfactionReport } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export type ComplaintFilter = ComplaintStatus | 'all';
export type SatisfactionGrouping = Exclude<SatisfactionReport['groupBy'], 'none'>;

/** `data` stays while a refresh is loading. */
export interface Loaded<T> {
  loading: boolean;
  data: T | null;
  error: AppErrorBody | null;
}

export interface RatingsSlice {
  complaintFilter: ComplaintFilter;
  complaintLists: Record<string, Loaded<ComplaintView[]>>;
  /** Complaints waiting for an answer; null until known (or for an operator, who is not told). */
  openComplaints: number | null;
  satisfaction: Record<string, Loaded<SatisfactionReport>>;
  chooseComplaintFilter(filter: ComplaintFilter): void;
  fetchComplaints(filter: ComplaintFilter): Promise<void>;
  fetchOpenComplaints(): Promise<void>;
  answerComplaint(ticketId: string, body: ComplaintAnswer): Promise<Response<ComplaintView>>;
  fetchSatisfaction(from: string, to: string, groupBy: SatisfactionReport['groupBy']): Promise<void>;
}

export const complaintsKey = (token: string | null, filter: ComplaintFilter) => `${token ?? ''}|${filter}`;
export const satisfactionKey = (token: string | null, from: string, to: string, groupBy: string) => `${token ?? ''}|${from}|${to}|${groupBy}`;
const KEEP = 16;

function kept<T>(all: Record<string, T>, key: string, entry: T): Record<string, T> {
  const next = { ...all };
  delete next[key];
  const keys = Object.keys(next);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP + 1))) delete next[old];
  return { ...next, [key]: entry };
}

export const createRatingsSlice: StateCreator<Store, [], [], RatingsSlice> = (set, get) => {
  /** A request answered UNAUTHORIZED ends the session, as everywhere in the app. */
  const ended = <T,>(res: Response<T>): Response<T> => {
    if (!res.ok && res.error.code === 'UNAUTHORIZED') get().sessionEnded();
    return res;
  };
  return {
    complaintFilter: 'open',
    complaintLists: {},
    openComplaints: null,
    satisfaction: {},

    chooseComplaintFilter: (complaintFilter) => set({ complaintFilter }),

    async fetchComplaints(filter) {
      const token = get().token;
      if (!token) return;
      const key = complaintsKey(token, filter);
      set({ complaintLists: kept(get().complaintLists, key, { loading: true, data: get().complaintLists[key]?.data ?? null, error: null }) });
      const res = ended(await api<ComplaintView[]>(`/api/complaints${filter === 'all' ? '' : `?status=${filter}`}`, { token }));
      set({ complaintLists: kept(get().complaintLists, key, res.ok ? { loading: false, data: res.data, error: null } : { loading: false, data: null, error: res.error }) });
      if (res.ok && filter === 'open') set({ openComplaints: res.data.length });
    },

    async fetchOpenComplaints() {
      const token = get().token;
      if (!token || get().staff?.role === 'operator') return;
      const res = ended(await api<{ open: number }>('/api/complaints/open-count', { token }));
      if (res.ok && get().token === token) set({ openComplaints: res.data.open });
    },

    async answerComplaint(ticketId, body) {
      const token = get().token;
      const res = ended(await api<ComplaintView>(`/api/complaints/${encodeURIComponent(ticketId)}/answer`, { token, body }));
      if (res.ok) {
        // Every list holding it shows it as it is now; the badge and the open list follow.
        const lists = Object.fromEntries(
          Object.entries(get().complaintLists).map(([k, v]) => [k, v.data ? { ...v, data: v.data.map((c) => (c.ticketId === ticketId ? res.data : c)) } : v]),
        );
        set({ complaintLists: lists });
        void get().fetchOpenComplaints();
      }
      return res;
    },

    async fetchSatisfaction(from, to, groupBy) {
      const token = get().token;
      if (!token) return;
      const key = satisfactionKey(token, from, to, groupBy);
      set({ satisfaction: kept(get().satisfaction, key, { loading: true, data: get().satisfaction[key]?.data ?? null, error: null }) });
      const q = new URLSearchParams({ from, to, groupBy });
      const res = ended(await api<SatisfactionReport>(`/api/reports/satisfaction?${q}`, { token, timeoutMs: 30_000 }));
      set({ satisfaction: kept(get().satisfaction, key, res.ok ? { loading: false, data: res.data, error: null } : { loading: false, data: null, error: res.error }) });
    },
  };
};
