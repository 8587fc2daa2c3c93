/**
 * The phone page's rating form, outside React (issue 14): what the visitor chose, checked as the
 * server checks it (overall required, a complaint needs a comment), and the request it makes. No
 * zod here: the kiosk bundle stays without it; rating-form.test.ts holds this to the schema.
 */
import type { RatingCriterion, RatingRequest } from '@qms/shared';

export type Scores = Partial<Record<RatingCriterion, number>>;

export interface RatingDraft {
  scores: Scores;
  comment: string;
  complaint: boolean;
}

/**
 * The order the page asks in: the overall score first, the optional criteria after it. Every one
 * of the contract's RATING_CRITERIA (a copy: that list's module brings zod; the test compares).
 */
export const ASKED: readonly RatingCriterion[] = ['overall', 'waiting', 'courtesy', 'competence', 'comfort'];

export type DraftProblem = 'needOverall' | 'needComment' | 'commentTooLong';

export const MAX_COMMENT = 2000;

/**
 * The comment as the server takes it: one line (it refuses line breaks and other controls, so the
 * visitor's lines are joined with spaces), trimmed; empty is none.
 */
export function commentText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** What keeps the draft from being sent, first problem first; null when it can go. */
export function draftProblem(d: RatingDraft): DraftProblem | null {
  if (!d.scores.overall) return 'needOverall';
  const comment = commentText(d.comment);
  if (d.complaint && !/[\p{L}\p{N}]/u.test(comment)) return 'needComment';
  if (comment.length > MAX_COMMENT) return 'commentTooLong';
  return null;
}

export function ratingRequest(d: RatingDraft, language: string): RatingRequest {
  const scores = Object.fromEntries(ASKED.flatMap((c) => (d.scores[c] ? [[c, d.scores[c]]] : []))) as RatingRequest['scores'];
  const comment = commentText(d.comment);
  return { scores, ...(comment ? { comment } : {}), complaint: d.complaint, language: language as RatingRequest['language'] };
}
