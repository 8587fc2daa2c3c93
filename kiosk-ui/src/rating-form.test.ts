import { RATING_CRITERIA, ratingRequestSchema } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { ASKED, commentText, draftProblem, ratingRequest } from './rating-form';

describe('the phone page rating form', () => {
  it('asks every criterion of the contract, overall first', () => {
    expect([...ASKED].sort()).toEqual([...RATING_CRITERIA].sort());
    expect(ASKED[0]).toBe('overall');
  });

  it('needs an overall score, and a comment for a complaint, as the server does', () => {
    expect(draftProblem({ scores: { waiting: 3 }, comment: '', complaint: false })).toBe('needOverall');
    expect(draftProblem({ scores: { overall: 2 }, comment: ' \n ', complaint: true })).toBe('needComment');
    expect(draftProblem({ scores: { overall: 2 }, comment: 'x'.repeat(2001), complaint: false })).toBe('commentTooLong');
    expect(draftProblem({ scores: { overall: 2 }, comment: 'Slow', complaint: true })).toBeNull();
  });

  it('joins the lines of a comment, which the server takes on one line, and leaves out what was not chosen', () => {
    expect(commentText('  Waited long.\r\n\nNobody  explained\twhy. ')).toBe('Waited long. Nobody explained why.');
    const req = ratingRequest({ scores: { overall: 4, comfort: 2 }, comment: 'Cold hall\nplease heat', complaint: true }, 'ru');
    expect(req).toEqual({ scores: { overall: 4, comfort: 2 }, comment: 'Cold hall please heat', complaint: true, language: 'ru' });
    expect(ratingRequestSchema.parse(req)).toEqual(req);
    const bare = ratingRequest({ scores: { overall: 5 }, comment: '  ', complaint: false }, 'vi');
    expect(bare).toEqual({ scores: { overall: 5 }, complaint: false, language: 'vi' });
    expect(ratingRequestSchema.parse(bare)).toEqual(bare);
  });
});
