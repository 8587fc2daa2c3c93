import { assertNever } from '@qms/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BOOK_URL, refusalKey } from '../booking';
import { BookHeader } from '../components/booking/BookHeader';
import { BookingView } from '../components/booking/BookingView';
import { CodeEntry } from '../components/booking/CodeEntry';
import { DayStep } from '../components/booking/DayStep';
import { DetailsStep } from '../components/booking/DetailsStep';
import { ServiceStep } from '../components/booking/ServiceStep';
import { STEP_TITLE_ID } from '../components/booking/StepTop';
import { TimeStep } from '../components/booking/TimeStep';
import { useKiosk } from '../store';
import type { BookStep } from '../store/booking';

/** The public booking page (/book/ and /book/<CODE>, issue 13), for phones and desktops. */
export function BookingPage() {
  const { t } = useTranslation();
  const load = useKiosk((s) => s.bookLoad);
  const step = useKiosk((s) => s.bookStep);

  // A new step starts at its top, its heading focused so that a screen reader says where it is.
  const last = useRef<BookStep | null>(null);
  useEffect(() => {
    const now = load.state === 'ready' ? step : null;
    if (now && last.current && now !== last.current) {
      window.scrollTo(0, 0);
      document.getElementById(STEP_TITLE_ID)?.focus({ preventScroll: true });
    }
    last.current = now;
  }, [step, load.state]);

  return (
    <div className="phone book">
      <BookHeader />
      <main className="book-main">
        {load.state === 'loading' && <p role="status">{t('bookLoading')}</p>}
        {load.state === 'failed' && <LoadFailed code={load.code} />}
        {load.state === 'ready' && <Step step={step} />}
      </main>
    </div>
  );
}

function Step({ step }: { step: BookStep }) {
  switch (step) {
    case 'service':
      return <ServiceStep />;
    case 'day':
      return <DayStep />;
    case 'time':
      return <TimeStep />;
    case 'details':
      return <DetailsStep />;
    case 'booking':
      return <BookingView />;
    default:
      return assertNever(step);
  }
}

/** No center, no booking under that code, no connection: what happened and what to do next. */
function LoadFailed({ code }: { code: string }) {
  const { t } = useTranslation();
  const centerKnown = useKiosk((s) => s.bookCenter !== null);
  // A mistyped or old code: type it again, or book anew. Anything else may pass: try again.
  const wrongCode = centerKnown && code === 'UNKNOWN_APPOINTMENT';
  return (
    <section className="book-step">
      <h1 className="book-title">{t('bookTitle')}</h1>
      <p className="phone-problem" role="alert">
        {t(refusalKey(code))}
      </p>
      {wrongCode ? (
        <>
          <CodeEntry />
          <a className="phone-quiet book-link" href={`${BOOK_URL}${window.location.search}`}>
            {t('bookTitle')}
          </a>
        </>
      ) : (
        <button type="button" className="phone-quiet" onClick={() => window.location.reload()}>
          {t('tryAgain')}
        </button>
      )}
    </section>
  );
}
