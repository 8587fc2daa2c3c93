/**
 * Rating the visit on the phone page (issue 14): once the ticket is done and for 24 hours, the
 * five criteria (overall required), a comment, and "this is a complaint"; then the rating as
 * given, and for a complaint the center's answer when it comes (the page follows it live).
 */
import { ErrorCode, type RatingCriterion } from '@qms/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchTicketStatus, type TicketStatusView } from '../api';
import { rateTicket } from '../rating-api';
import { ASKED, MAX_COMMENT, draftProblem, ratingRequest, type DraftProblem, type RatingDraft } from '../rating-form';
import { useKiosk } from '../store';
import { RatingGiven } from './rating/RatingGiven';
import { ScoreGroup } from './rating/ScoreGroup';

type SendProblem = DraftProblem | 'closed' | 'offline' | 'failed';

const PROBLEM_KEY: Record<SendProblem, string> = {
  needOverall: 'rateNeedOverall',
  needComment: 'rateNeedComment',
  commentTooLong: 'rateCommentTooLong',
  closed: 'rateErrClosed',
  offline: 'rateErrOffline',
  failed: 'rateErrFailed',
};

export function RatingPanel({ view }: { view: TicketStatusView }) {
  const { t } = useTranslation();
  const timeZone = useKiosk((s) => s.statusTimeZone);
  const rating = view.status === 'done' ? view.rating : null;
  if (!rating) return null;
  if (rating.given) return <RatingGiven given={rating.given} timeZone={timeZone} />;
  if (!rating.open) return <p className="rating-expired">{t('rateExpired')}</p>;
  return <RatingForm ticketId={view.id} />;
}

function RatingForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.lang);
  const [draft, setDraft] = useState<RatingDraft>({ scores: {}, comment: '', complaint: false });
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [sending, setSending] = useState(false);

  const setScore = (c: RatingCriterion, n: number) => setDraft((d) => ({ ...d, scores: { ...d.scores, [c]: n } }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const wrong = draftProblem(draft);
    setProblem(wrong);
    if (wrong || sending) return;
    setSending(true);
    const res = await rateTicket(ticketId, ratingRequest(draft, lang));
    setSending(false);
    if (res.ok) return useKiosk.getState().setTicketView(res.data, Date.now());
    // Rated meanwhile (at the counter's terminal, another tab): the page shows that rating.
    if (res.error.code === ErrorCode.AlreadyRated) return void refreshStatus(ticketId);
    setProblem(res.error.code === ErrorCode.RatingClosed ? 'closed' : res.error.code === ErrorCode.Unavailable || res.error.code === ErrorCode.RateLimited ? 'offline' : 'failed');
  };

  return (
    <form className="rating-form" aria-labelledby="rating-title" onSubmit={(e) => void submit(e)} noValidate data-testid="rating-form">
      <h2 id="rating-title">{t('rateTitle')}</h2>
      <p className="rating-intro">{t('rateIntro')}</p>
      {ASKED.map((c) => (
        <ScoreGroup key={c} criterion={c} value={draft.scores[c]} onChange={(n) => setScore(c, n)} required={c === 'overall'} />
      ))}
      <label className="rating-field">
        <span>{t('rateComment')}</span>
        <textarea rows={3} maxLength={MAX_COMMENT} value={draft.comment} onChange={(e) => setDraft((d) => ({ ...d, comment: e.target.value }))} aria-describedby="rating-comment-hint" data-testid="rating-comment" />
        <small id="rating-comment-hint">{t('rateCommentHint')}</small>
      </label>
      <label className="rating-check">
        <input type="checkbox" checked={draft.complaint} onChange={(e) => setDraft((d) => ({ ...d, complaint: e.target.checked }))} aria-describedby="rating-complaint-hint" data-testid="rating-complaint" />
        <span>
          {t('rateComplaint')}
          <small id="rating-complaint-hint">{t('rateComplaintHint')}</small>
        </span>
      </label>
      {problem && (
        <p className="phone-problem" role="alert" data-testid="rating-problem">
          {t(PROBLEM_KEY[problem])}
        </p>
      )}
      <button type="submit" className="phone-primary" disabled={sending} data-testid="rating-send">
        {sending ? t('rateSending') : t('rateSend')}
      </button>
    </form>
  );
}

/** The status again, as the page's poll would fetch it. */
async function refreshStatus(ticketId: string): Promise<void> {
  const res = await fetchTicketStatus(ticketId);
  if (res.ok) useKiosk.getState().setTicketView(res.data, Date.now());
}
