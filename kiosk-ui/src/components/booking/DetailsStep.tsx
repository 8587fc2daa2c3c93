import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asksAnything, asksOf, checkDetails, DETAIL_FIELDS } from '../../booking-form';
import { useBookCenter, useBookWords } from '../../hooks/useBooking';
import { useKiosk } from '../../store';
import { DetailField } from './DetailField';
import { Refusal } from './Refusal';
import { StepTop } from './StepTop';

/**
 * Step 4: what was chosen, the details the center asks for (none when moving a booking), and the
 * button. The form checks itself as bookRequestSchema would before anything is sent; after the
 * first try it shows its problems as they are fixed.
 */
export function DetailsStep() {
  const { t } = useTranslation();
  const center = useBookCenter();
  const words = useBookWords();
  const serviceId = useKiosk((s) => s.bookServiceId) ?? '';
  const day = useKiosk((s) => s.bookDay) ?? '';
  const at = useKiosk((s) => s.bookAt) ?? 0;
  const moving = useKiosk((s) => s.bookMoving);
  const details = useKiosk((s) => s.bookDetails);
  const checked = useKiosk((s) => s.bookChecked);
  const sending = useKiosk((s) => s.bookSending);
  const submit = useKiosk((s) => s.submitBooking);
  const form = useRef<HTMLFormElement>(null);
  const asks = asksOf(center);
  const ask = !moving && asksAnything(asks);
  const problems = checked && ask ? checkDetails(details, asks) : {};
  const wrong = Object.keys(problems).length > 0;

  // After each "Book" that was not sent, the first field to fix gets the focus.
  const [refused, setRefused] = useState(0);
  useEffect(() => {
    if (refused > 0) form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await submit())) setRefused((n) => n + 1);
  };

  return (
    <section className="book-step" aria-labelledby="book-step-title">
      <StepTop n={4} title={t(ask ? 'bookDetailsTitle' : 'bookCheckTitle')} />
      <dl className="book-summary">
        <dt>{t('bookWhatService')}</dt>
        <dd>{words.service(serviceId)}</dd>
        <dt>{t('bookWhatDay')}</dt>
        <dd>{words.day(day)}</dd>
        <dt>{t('bookWhatTime')}</dt>
        <dd>{words.time(at)}</dd>
      </dl>
      <form ref={form} className="book-form" onSubmit={(e) => void send(e)} noValidate>
        {wrong && (
          <p className="phone-problem" role="alert">
            {t('bookFixFields')}
          </p>
        )}
        {ask && DETAIL_FIELDS.map((f) => asks[f] !== 'off' && <DetailField key={f} field={f} ask={asks[f]} problem={problems[f]} />)}
        {ask && <p className="book-note">{t('bookContactNote')}</p>}
        <Refusal />
        <button type="submit" className="phone-primary" disabled={sending}>
          {t(sending ? (moving ? 'bookMoving' : 'bookSending') : moving ? 'bookMoveSubmit' : 'bookSubmit')}
        </button>
      </form>
    </section>
  );
}
