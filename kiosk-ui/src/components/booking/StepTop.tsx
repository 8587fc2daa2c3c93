import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../store';
import { BackIcon } from '../Icons';

/** The step's heading gets the focus when the step changes (BookingPage), so a screen reader reads it. */
export const STEP_TITLE_ID = 'book-step-title';

/**
 * Top of a booking step: back, where the visitor is ("Step 2 of 4"), the question, and what they
 * chose so far. Moving a booking has three steps, not four: the service is the booking's.
 */
export function StepTop({ n, title, back = true, children }: { n: number; title: string; back?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  const moving = useKiosk((s) => s.bookMoving);
  const bookBack = useKiosk((s) => s.bookBack);
  return (
    <div className="book-top">
      {back && (
        <button type="button" className="book-back" onClick={bookBack}>
          <BackIcon />
          {t('back')}
        </button>
      )}
      <p className="book-progress">{t('bookStepOf', { step: moving ? n - 1 : n, total: moving ? 3 : 4 })}</p>
      <h1 id={STEP_TITLE_ID} className="book-title" tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

/** What the visitor chose so far, one line each. */
export function Chosen({ lines }: { lines: string[] }) {
  return (
    <ul className="book-chosen">
      {lines.map((l) => (
        <li key={l}>{l}</li>
      ))}
    </ul>
  );
}
