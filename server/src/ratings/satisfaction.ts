/**
 * The satisfaction index (issue 14), as Vietnam's SIPAS publishes it: the share of visitors
 * satisfied (an overall score of 4 or 5 out of 5) and the mean score per criterion, with the
 * complaints beside them. Pure: ratings in, figures out.
 */
import { RATING_CRITERIA, type SatisfactionFigures, type SatisfactionReport, type SatisfactionRow } from '@qms/shared';
import type { RatingRow } from './store.js';

/** "Satisfied" in SIPAS: 4 (satisfied) or 5 (very satisfied). */
export const SATISFIED_FROM = 4;

export function satisfactionOf(rows: readonly RatingRow[]): SatisfactionFigures {
  const means: SatisfactionFigures['means'] = {};
  for (const c of RATING_CRITERIA) {
    // A criterion left out is not a score: each mean is over the ratings that gave one.
    const scores = rows.flatMap((r) => (r[c] === null ? [] : [r[c]]));
    if (scores.length > 0) means[c] = scores.reduce((s, v) => s + v, 0) / scores.length;
  }
  const complaints = rows.filter((r) => r.complaint);
  return {
    ratings: rows.length,
    satisfiedShare: rows.length ? rows.filter((r) => r.overall >= SATISFIED_FROM).length / rows.length : null,
    means,
    complaints: complaints.length,
    complaintsOpen: complaints.filter((r) => r.complaintStatus === 'open').length,
  };
}

function keyOf(r: RatingRow, by: SatisfactionReport['groupBy']): string {
  switch (by) {
    case 'none':
      return 'all';
    case 'service':
      return r.serviceId;
    case 'operator':
      return r.operator ?? '';
    case 'counter':
      return r.counterId ?? '';
    case 'day':
      return r.day;
  }
}

export function satisfactionReport(rows: readonly RatingRow[], from: string, to: string, groupBy: SatisfactionReport['groupBy']): SatisfactionReport {
  const groups = new Map<string, RatingRow[]>();
  if (groupBy !== 'none') {
    for (const r of rows) {
      const key = keyOf(r, groupBy);
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }
  }
  const out: SatisfactionRow[] = [...groups].map(([key, list]) => ({ key, ...satisfactionOf(list) }));
  // Days in order; other groups by key too, so that a table and a CSV read the same every time.
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { from, to, groupBy, total: satisfactionOf(rows), rows: out };
}
