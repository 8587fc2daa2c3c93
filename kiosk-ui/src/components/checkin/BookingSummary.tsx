import type { AppointmentView } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useNameIn } from '../../hooks/useCatalogue';
import { useKiosk } from '../../store';

/**
 * The booking a refusal is about: its service and time. Its day, when not today, is in the
 * sentence above it (check-in opens and closes on the slot's own day, A5), so it is not repeated.
 */
export function BookingSummary({ booking }: { booking: AppointmentView }) {
  const { t } = useTranslation();
  const { services, center } = useCatalogue();
  const name = useNameIn();
  const lang = useKiosk((s) => s.lang);
  const service = services.find((s) => s.id === booking.serviceId);
  return (
    <>
      <h2 className="sr-only">{t('bookYourBooking')}</h2>
      <dl className="checkin-booking">
        {service && (
          <div>
            <dt>{t('bookWhatService')}</dt>
            <dd>{name(service.names)}</dd>
          </div>
        )}
        <div>
          <dt>{t('checkInAppointmentTime')}</dt>
          <dd>{formatTime(booking.at, lang, center.timezone)}</dd>
        </div>
      </dl>
    </>
  );
}
