import { useTranslation } from 'react-i18next';
import { refusalKey } from '../../booking';
import { useBookWords } from '../../hooks/useBooking';
import { useKiosk } from '../../store';
import { slotsKey } from '../../store/booking';
import { Refusal } from './Refusal';
import { Chosen, StepTop } from './StepTop';

/** Step 3: the day's free times as buttons, on the center's clock. */
export function TimeStep() {
  const { t } = useTranslation();
  const words = useBookWords();
  const serviceId = useKiosk((s) => s.bookServiceId) ?? '';
  const day = useKiosk((s) => s.bookDay) ?? '';
  const known = useKiosk((s) => s.bookSlots[slotsKey(serviceId, day)]);
  const choose = useKiosk((s) => s.chooseBookTime);
  const back = useKiosk((s) => s.bookBack);
  const reload = useKiosk((s) => s.loadBookDay);

  return (
    <section className="book-step" aria-labelledby="book-step-title">
      <StepTop n={3} title={t('bookChooseTime')}>
        <Chosen lines={[words.service(serviceId), words.day(day)]} />
        <p className="book-note">{t('bookTimesLocal')}</p>
      </StepTop>
      <Refusal />
      {(!known || known.state === 'loading') && <p role="status">{t('bookTimesLoading')}</p>}
      {known?.state === 'failed' && (
        <>
          <p className="phone-problem" role="alert">
            {t(refusalKey(known.code))}
          </p>
          <button type="button" className="phone-quiet" onClick={() => void reload(day, true)}>
            {t('tryAgain')}
          </button>
        </>
      )}
      {known?.state === 'ready' && known.slots.length === 0 && (
        <>
          <p className="phone-problem">{t('bookNoTimeLeft')}</p>
          <button type="button" className="phone-quiet" onClick={back}>
            {t('bookOtherDay')}
          </button>
        </>
      )}
      {known?.state === 'ready' && known.slots.length > 0 && (
        <ul className="book-times">
            {known.slots.map((slot) => (
              <li key={slot.at}>
                <button type="button" className="book-time" onClick={() => choose(slot.at)}>
                  {words.time(slot.at)}
                </button>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}
