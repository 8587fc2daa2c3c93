/** GET /api/stats/today: today's figures per operator, counter and service. */
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
