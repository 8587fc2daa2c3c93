import type { RatingView } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { ASKED } from '../../rating-form';

/** The rating as given, and for a complaint where it stands: received, or the center's answer with its date. */
export function RatingGiven({ given, timeZone }: { given: RatingView; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  const when = (at: number) => `${new Date(at).toLocaleDateString(i18n.language, { day: 'numeric', month: 'long', ...(timeZone ? { timeZone } : {}) })}, ${formatTime(at, i18n.language, timeZone)}`;
  return (
    <section className="rating-given" aria-labelledby="rating-given-title" data-testid="rating-given">
      <h2 id="rating-given-title">{given.complaint ? t('rateYoursComplaint') : t('rateThanks')}</h2>
      <dl className="rating-scores">
        {ASKED.filter((c) => given.scores[c] !== undefined).map((c) => (
          <div key={c}>
            <dt>{t(`rateCriterion_${c}`)}</dt>
            <dd>
              <span className="sr-only">{t('rateOutOf', { score: given.scores[c] })}</span>
              <span aria-hidden="true">{'★'.repeat(given.scores[c]!)}</span>
              <span aria-hidden="true" className="rating-dim">
                {'★'.repeat(5 - given.scores[c]!)}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      {given.comment && <blockquote className="rating-comment">{given.comment}</blockquote>}
      {given.complaint && given.answer === null && (
        <p className="rating-received" role="status" data-testid="complaint-received">
          {t('rateComplaintReceived')}
        </p>
      )}
      {given.complaint && given.answer !== null && given.answeredAt !== null && (
        <div className="rating-answer" role="status" data-testid="complaint-answer">
          <h3>{t(given.complaintStatus === 'closed' ? 'rateComplaintClosed' : 'rateAnswerTitle', { date: when(given.answeredAt) })}</h3>
          <p>{given.answer}</p>
        </div>
      )}
    </section>
  );
}
