import { useTranslation } from 'react-i18next';
import { alertText } from '../phone-alerts';
import { useKiosk } from '../store';

/**
 * The alert of the moment as a banner at the top of the phone page (phone-alerts.ts decides when):
 * "almost your turn", "your turn", or "held: come in by …". Its words follow the live status, so
 * the number of people ahead stays true while it is shown.
 */
export function PhoneAlerts() {
  const { t, i18n } = useTranslation();
  const alert = useKiosk((s) => s.phoneAlert);
  const view = useKiosk((s) => s.ticketView);
  const timeZone = useKiosk((s) => s.statusTimeZone);
  const dismiss = useKiosk((s) => s.setPhoneAlert);
  if (!alert || !view) return null;
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
