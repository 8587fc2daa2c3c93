import type { AppointmentView } from '@qms/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { momentOf } from '../../checkin';
import { useCatalogue } from '../../hooks/useCatalogue';
import { useScreenSpeech } from '../../hooks/useScreenSpeech';
import { useKiosk } from '../../store';
import { ClockIcon } from '../Icons';
import { ScreenLayout } from '../ScreenLayout';
import { BookingSummary } from './BookingSummary';

/** A refusal that is not the visitor's mistake: what it means and the booking in one card, then what to do now. */
function Refused({ heading, lines, booking, children }: { heading: string; lines: string[]; booking: AppointmentView | null; children: ReactNode }) {
  const title = useRef<HTMLHeadingElement>(null);
  // Screen readers start at the news, not at the button that sent the code.
  useEffect(() => title.current?.focus(), []);
  useScreenSpeech([heading, ...lines]);
  return (
    <ScreenLayout
      className="checkin-screen checkin-refused"
      above={
        <span className="appointment-symbol big">
          <ClockIcon />
        </span>
      }
      heading={
        <span ref={title} tabIndex={-1}>
          {heading}
        </span>
      }
    >
      <section className="checkin-news">
        {lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
        {booking && <BookingSummary booking={booking} />}
      </section>
      <div className="actions">{children}</div>
    </ScreenLayout>
  );
}

/** The day and time of a moment of the booking, on the center's clock; the day only when not today. */
function useMoment(at: number | undefined) {
  const { center } = useCatalogue();
  const lang = useKiosk((s) => s.lang);
  const [now] = useState(() => Date.now());
  return at === undefined ? null : momentOf(at, now, lang, center.timezone);
}

/** Too early (A5): when check-in opens, to come back then. */
export function TooEarly({ booking }: { booking: AppointmentView | null }) {
  const { t } = useTranslation();
  const startOver = useKiosk((s) => s.startOver);
  const anotherCode = useKiosk((s) => s.anotherCode);
  const opens = useMoment(booking?.checkInFrom);
  const line = !opens ? t('checkInEarlyUnknown') : opens.day ? t('checkInOpensOn', { time: opens.time, day: opens.day }) : t('checkInOpensAt', { time: opens.time });
  return (
    <Refused heading={t('checkInEarlyTitle')} lines={[line]} booking={booking}>
      <button type="button" className="action" onClick={anotherCode}>
        {t('checkInAnother')}
      </button>
      <button type="button" className="action primary" onClick={startOver}>
        {t('done')}
      </button>
    </Refused>
  );
}

/** Too late (A5): when check-in closed, and an ordinary ticket for the same service instead. */
export function TooLate({ booking }: { booking: AppointmentView | null }) {
  const { t } = useTranslation();
  const { services } = useCatalogue();
  const takeOrdinary = useKiosk((s) => s.takeOrdinaryTicket);
  const anotherCode = useKiosk((s) => s.anotherCode);
  const closed = useMoment(booking?.checkInTo);
  // A service the kiosk no longer offers: the visitor chooses one instead.
  const known = services.some((s) => s.id === booking?.serviceId);
  const lines = [
    closed && (closed.day ? t('checkInClosedOn', { time: closed.time, day: closed.day }) : t('checkInClosedAt', { time: closed.time })),
    t('checkInLateExplain'),
  ].filter((l): l is string => typeof l === 'string');
  return (
    <Refused heading={t('checkInLateTitle')} lines={lines} booking={booking}>
      <button type="button" className="action" onClick={anotherCode}>
        {t('checkInAnother')}
      </button>
      <button type="button" className="action primary" onClick={takeOrdinary}>
        {known ? t('checkInTakeOrdinary') : t('chooseService')}
      </button>
    </Refused>
  );
}
