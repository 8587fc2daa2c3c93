import { useTranslation } from 'react-i18next';
import { alertText } from '../phone-alerts';
import { useKiosk } from '../store';

/**
 * "Almost your turn" as a banner at the top of the phone page (phone-alerts.ts decides when); its
 * words follow the live status, so the number of people ahead stays true while it is shown. A call
 * and a hold vibrate, chime and notify as well, but get no banner here: the status panel ("Go to
 * counter 7") and the remote panel ("check in by 10:42") already say them in large type, and a
 * second copy of the same words only made the page say it twice.
 */
export function PhoneAlerts() {
  const { t, i18n } = useTranslation();
  const alert = useKiosk((s) => s.phoneAlert);
  const view = useKiosk((s) => s.ticketView);
  const timeZone = useKiosk((s) => s.statusTimeZone);
  const dismiss = useKiosk((s) => s.setPhoneAlert);
  if (!alert || !view || alert.kind !== 'near') return null;
  const { title, lines } = alertText(alert.kind, view, i18n.language, timeZone);
  return (
    <section className={`phone-alert ${alert.kind}`} role="alert" data-testid="phone-alert">
      <h2>{title}</h2>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <button type="button" className="phone-quiet" onClick={() => dismiss(null)}>
        {t('alertDismiss')}
      </button>
    </section>
  );
}
