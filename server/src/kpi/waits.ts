/**
 * Wait KPIs, shared by the live figures and (later) the simulator: one definition of a
 * percentile and of "within target" for both.
 */
export interface WaitStats {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p95: number | null;
  max: number | null;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function nearestRank(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

export function waitStats(values: number[]): WaitStats {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    count: n,
    mean: n ? sorted.reduce((s, v) => s + v, 0) / n : null,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p95: nearestRank(sorted, 95),
    max: n ? (sorted[n - 1] ?? null) : null,
  };
}

/**
 * A wait runs from issue to the first call; for an appointment checked in early, from its slot
 * (A2): coming early is the visitor's choice, not the center's wait. Null until called.
 */
export function waitMinOf(t: { issuedAt: number; firstCalledAt: number | null; appointmentAt?: number | null | undefined }): number | null {
  if (t.firstCalledAt === null) return null;
  const from = t.appointmentAt == null ? t.issuedAt : Math.max(t.issuedAt, t.appointmentAt);
  return Math.max(0, t.firstCalledAt - from) / 60_000;
}

/** A ticket's target wait: its service's, or for an appointment the booked target (issue 13). */
export type TargetOf = (serviceId: string, appointment?: boolean) => number;

export function targetsOf({ center, services }: { center: { targetWaitMin: number }; services: readonly { id: string; targetWaitMin?: number | undefined; appointments?: { targetWaitMin: number } | undefined }[] }): TargetOf {
  const walkIn = new Map(services.map((s) => [s.id, s.targetWaitMin ?? center.targetWaitMin]));
  const booked = new Map(services.flatMap((s) => (s.appointments ? [[s.id, s.appointments.targetWaitMin] as const] : [])));
  return (id, appointment = false) => (appointment ? booked.get(id) : undefined) ?? walkIn.get(id) ?? center.targetWaitMin;
}

/** Share of waits at or under their target; null with no waits. */
export function withinTargetShare(items: { waitMin: number; targetMin: number }[]): number | null {
  if (items.length === 0) return null;
  return items.filter((i) => i.waitMin <= i.targetMin).length / items.length;
}

export function round1(v: number | null): number | null {
  return v === null ? null : Math.round(v * 10) / 10;
}
