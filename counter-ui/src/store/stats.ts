/** Today's figures from GET /api/stats/today; hidden (not faked) when the server lacks it. */
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface WorkFigures {
  served: number;
  noShows: number;
  transfers: number;
  avgServiceMin: number | null;
  avgWaitMin: number | null;
}

export interface ServiceFigures {
  issued: number;
  served: number;
  waiting: number;
  avgWaitMin: number | null;
  p90WaitMin: number | null;
  withinTargetShare: number | null;
}

export interface TodayStats {
  day: string;
  staff: Record<string, WorkFigures>;
  counters: Record<string, WorkFigures>;
  services: Record<string, ServiceFigures>;
}

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
