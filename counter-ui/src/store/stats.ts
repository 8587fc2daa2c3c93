/** Today's figures from GET /api/stats/today; hidden (not faked) when the server lacks it. */
import type { TodayStats } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export type { ServiceFigures, TodayStats, WorkFigures } from '@qms/shared';

export interface StatsSlice {
  stats: TodayStats | null;
  refreshStats(): Promise<void>;
}

export const createStatsSlice: StateCreator<Store, [], [], StatsSlice> = (set, get) => ({
  stats: null,
  async refreshStats() {
    const token = get().token;
    if (!token) return;
    const res = await api<TodayStats>('/api/stats/today', { token });
    if (res.ok) set({ stats: res.data });
    // An older server has no such endpoint: show no figures rather than made-up ones.
    else if (res.error.code === 'NOT_FOUND') set({ stats: null });
    // The polling doubles as a session check: a revoked token ends the session here.
    else if (res.error.code === 'UNAUTHORIZED') get().sessionEnded();
    // Otherwise (a network blip) keep the last figures.
  },
});
