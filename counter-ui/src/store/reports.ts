/**
 * Reports (issue 12): what the user chose (period, grouping), the reports fetched from
 * GET /api/reports/summary and what balancing saved (GET /api/reports/balancing). Results are
 * kept per query and per token, so a late answer to an old query cannot overwrite a newer one,
 * coming back to the screen shows the last figures at once while they refresh, and a second user
 * of the computer never sees the first one's.
 */
import type { AppErrorBody, BalancingReport, Report, ReportGrouping } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Period, PeriodPreset } from '../screens/Reports/period';
import type { Store } from './index';

export interface ReportChoice {
  preset: PeriodPreset;
  /** The custom range's dates, as typed (may be empty while being typed). */
  custom: Period;
  groupBy: ReportGrouping;
}

/** `data` stays while a refresh is loading. */
export interface ReportEntry {
  loading: boolean;
  data: Report | null;
  error: AppErrorBody | null;
}

/** The last answer of GET /api/reports/balancing for a period (its `pending` days may not be empty yet). */
export interface BalancingEntry {
  data: BalancingReport | null;
  error: AppErrorBody | null;
}

export interface ReportsSlice {
  reportChoice: ReportChoice;
  reports: Record<string, ReportEntry>;
  balancing: Record<string, BalancingEntry>;
  chooseReport(patch: Partial<ReportChoice>): void;
  fetchReport(period: Period, groupBy: ReportGrouping): Promise<void>;
  /**
   * What balancing saved in the period, asked again every second while the server still has days
   * to replay; returns the stop. Supervisors and admins only: the caller asks for no one else.
   */
  watchBalancing(period: Period): () => void;
}

/** A year of a large center answers in about a second; give it room before calling it lost. */
const REPORT_TIMEOUT_MS = 30_000;
/** Enough for the screen's four queries over several periods; the oldest go first. */
const KEEP = 24;

export const reportKey = (token: string | null, p: Period, groupBy: ReportGrouping) => `${token ?? ''}|${p.from}|${p.to}|${groupBy}`;
export const balancingKey = (token: string | null, p: Period) => `${token ?? ''}|${p.from}|${p.to}`;
/** The server replays for about 2.5 s per request and keeps what it has done: ask again soon after. */
const BALANCING_POLL_MS = 1_000;
const KEEP_BALANCING = 8;

export const createReportsSlice: StateCreator<Store, [], [], ReportsSlice> = (set, get) => ({
  reportChoice: { preset: 'today', custom: { from: '', to: '' }, groupBy: 'service' },
  reports: {},
  balancing: {},

  chooseReport(patch) {
    set({ reportChoice: { ...get().reportChoice, ...patch } });
  },

  async fetchReport(period, groupBy) {
    const token = get().token;
    if (!token) return;
    const key = reportKey(token, period, groupBy);
    const put = (entry: ReportEntry) => {
      const reports = { ...get().reports };
      delete reports[key];
      const keys = Object.keys(reports);
      for (const old of keys.slice(0, Math.max(0, keys.length - KEEP + 1))) delete reports[old];
      set({ reports: { ...reports, [key]: entry } });
    };
    put({ loading: true, data: get().reports[key]?.data ?? null, error: null });
    const q = new URLSearchParams({ from: period.from, to: period.to, groupBy });
    const res = await api<Report>(`/api/reports/summary?${q}`, { token, timeoutMs: REPORT_TIMEOUT_MS });
    if (res.ok) return put({ loading: false, data: res.data, error: null });
    if (res.error.code === 'UNAUTHORIZED') return get().sessionEnded();
    put({ loading: false, data: null, error: res.error });
  },

  watchBalancing(period) {
    const token = get().token;
    if (!token) return () => {};
    const key = balancingKey(token, period);
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const put = (entry: BalancingEntry) => {
      const all = { ...get().balancing };
      delete all[key];
      const keys = Object.keys(all);
      for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_BALANCING + 1))) delete all[old];
      set({ balancing: { ...all, [key]: entry } });
    };
    const ask = async () => {
      const q = new URLSearchParams({ from: period.from, to: period.to });
      const res = await api<BalancingReport>(`/api/reports/balancing?${q}`, { token, timeoutMs: REPORT_TIMEOUT_MS });
      if (stopped) return;
      if (res.ok) {
        // A complete answer seen before stays on screen until this one is complete too.
        const shown = get().balancing[key]?.data;
        if (res.data.pending.length === 0 || !shown || shown.pending.length > 0) put({ data: res.data, error: null });
        if (res.data.pending.length > 0) timer = setTimeout(() => void ask(), BALANCING_POLL_MS);
        return;
      }
      if (res.error.code === 'UNAUTHORIZED') return get().sessionEnded();
      put({ data: null, error: res.error });
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  },
});
