/**
 * Reports (issue 12): what the user chose (period, grouping) and the reports fetched from
 * GET /api/reports/summary. Results are kept per query and per token, so a late answer to an old
 * query cannot overwrite a newer one, coming back to the screen shows the last figures at once
 * while they refresh, and a second user of the computer never sees the first one's.
 */
import type { AppErrorBody, Report, ReportGrouping } from '@qms/shared';
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

export interface ReportsSlice {
  reportChoice: ReportChoice;
  reports: Record<string, ReportEntry>;
  chooseReport(patch: Partial<ReportChoice>): void;
  fetchReport(period: Period, groupBy: ReportGrouping): Promise<void>;
}

/** A year of a large center answers in about a second; give it room before calling it lost. */
const REPORT_TIMEOUT_MS = 30_000;
/** Enough for the screen's four queries over several periods; the oldest go first. */
const KEEP = 24;

export const reportKey = (token: string | null, p: Period, groupBy: ReportGrouping) => `${token ?? ''}|${p.from}|${p.to}|${groupBy}`;

export const createReportsSlice: StateCreator<Store, [], [], ReportsSlice> = (set, get) => ({
  reportChoice: { preset: 'today', custom: { from: '', to: '' }, groupBy: 'service' },
  reports: {},

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
});
