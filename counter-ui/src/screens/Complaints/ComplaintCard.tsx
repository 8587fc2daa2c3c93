/** One complaint: the ticket's facts, the scores and the comment, and the answer or the note. */
import { localTime, type AppErrorBody, type ComplaintView, type RatingCriterion } from '@qms/shared';
import { formatCalendarDay, formatDateTime, formatNumber, formatTime } from '@qms/shared/client';
import { useState } from 'react';
import { useLanguage, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { useRatingText } from './ratingText';

/** The overall score first, as the visitor was asked. */
const ASKED: RatingCriterion[] = ['overall', 'waiting', 'courtesy', 'competence', 'comfort'];

export function ComplaintCard({ complaint: c }: { complaint: ComplaintView }) {
  const t = useRatingText();
  const lang = useLanguage();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const serviceName = useServiceName();
  const counterNumber = useStore((s) => (c.counterId ? s.hall?.counters[c.counterId]?.number : undefined));
  const staffList = useStore((s) => s.lists.staff);
  const nameOf = (login: string | null) => (login ? (staffList?.find((x) => x.login === login)?.name ?? login) : '—');
  const when = (at: number) => formatDateTime(at, lang, timeZone);
  // The day of the visit is shown; the time it was sent only, when on the same day.
  const sent = timeZone && localTime(c.at, timeZone).day === c.day ? formatTime(c.at, lang, timeZone) : when(c.at);
  const title = `complaint-${c.ticketId}`;

  return (
    <article className={`panel complaint complaint-${c.complaintStatus ?? 'open'}`} aria-labelledby={title} data-testid="complaint" data-ticket={c.ticketId} data-status={c.complaintStatus}>
      <header className="complaint-head">
        <h2 id={title}>{t('complaints.ticket', { number: c.number })}</h2>
        <span className={`pill pill-complaint-${c.complaintStatus ?? 'open'}`}>{t(`complaints.pill.${c.complaintStatus ?? 'open'}`)}</span>
        <span className="muted">
          {formatCalendarDay(c.day, lang)} · {t('complaints.at', { when: sent })}
        </span>
      </header>
      <dl className="complaint-facts">
        <div>
          <dt>{t('complaints.service')}</dt>
          <dd>{serviceName(c.serviceId)}</dd>
        </div>
        <div>
          <dt>{t('complaints.counter')}</dt>
          <dd>{counterNumber ?? c.counterId ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('complaints.operator')}</dt>
          <dd>{nameOf(c.operator)}</dd>
        </div>
        <div>
          <dt>{t('complaints.wait')}</dt>
          <dd>{c.waitMin === null ? t('complaints.notCalled') : t('complaints.waitMin', { n: formatNumber(c.waitMin, lang) })}</dd>
        </div>
      </dl>
      <dl className="complaint-scores" aria-label={t('complaints.scores')}>
        {ASKED.filter((k) => c.scores[k] !== undefined).map((k) => (
          <div key={k} className={c.scores[k]! <= 2 ? 'score-low' : undefined}>
            <dt>{t(`criteria.${k}`)}</dt>
            <dd>{c.scores[k]}/5</dd>
          </div>
        ))}
      </dl>
      <figure className="complaint-comment">
        <figcaption className="sr-only">{t('complaints.comment')}</figcaption>
        <blockquote>{c.comment}</blockquote>
      </figure>
      {c.answer !== null && c.answeredAt !== null && (
        <div className="complaint-answer" data-testid="complaint-answer">
          <p className="muted small">{t(c.complaintStatus === 'closed' ? 'complaints.closedBy' : 'complaints.answeredBy', { who: nameOf(c.answeredBy), when: when(c.answeredAt) })}</p>
          <p>{c.answer}</p>
        </div>
      )}
      {c.complaintStatus !== 'closed' && <AnswerForm complaint={c} />}
    </article>
  );
}

/** Open: the answer for the visitor, or close with a note. Answered: close, keeping the answer as the last word. */
function AnswerForm({ complaint: c }: { complaint: ComplaintView }) {
  const t = useRatingText();
  const answer = useStore((s) => s.answerComplaint);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<AppErrorBody | 'needText' | null>(null);
  const id = `answer-${c.ticketId}`;

  const save = async (status: 'answered' | 'closed', words: string) => {
    // The server takes one line: a reply's paragraphs are joined.
    const one = words.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    if (!one) return setProblem('needText');
    setBusy(true);
    const res = await answer(c.ticketId, { status, text: one });
    setBusy(false);
    setProblem(res.ok ? null : res.error);
    if (res.ok) setText('');
  };

  if (c.complaintStatus === 'answered') {
    return (
      <div className="complaint-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void save('closed', c.answer ?? '')} data-testid="complaint-close">
          {busy ? t('complaints.sending') : t('complaints.closeAnswered')}
        </button>
        <Problem problem={problem} />
      </div>
    );
  }
  return (
    <form className="complaint-form" onSubmit={(e) => (e.preventDefault(), void save('answered', text))}>
      <label htmlFor={id}>{t('complaints.answerLabel')}</label>
      <textarea id={id} className="input" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} data-testid="complaint-text" />
      <small id={`${id}-hint`} className="muted">
        {t('complaints.answerHint')}
      </small>
      <div className="complaint-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="complaint-send">
          {busy ? t('complaints.sending') : t('complaints.send')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void save('closed', text)} data-testid="complaint-close">
          {t('complaints.close')}
        </button>
        <Problem problem={problem} />
      </div>
    </form>
  );
}

function Problem({ problem }: { problem: AppErrorBody | 'needText' | null }) {
  const t = useRatingText();
  if (!problem) return null;
  return (
    <span className="warn-text" role="alert">
      {problem === 'needText' ? (
        t('complaints.needText')
      ) : (
        <>
          {t('complaints.failedSave')} <span lang="en">{problem.message}</span>
        </>
      )}
    </span>
  );
}
