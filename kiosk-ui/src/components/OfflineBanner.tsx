import { useTranslation } from 'react-i18next';
import { useKiosk } from '../store';

/** Unobtrusive: visitors can still browse the last catalogue; tickets fail with a plain message. */
export function OfflineBanner() {
  const { t } = useTranslation();
  const online = useKiosk((s) => s.online);
  return (
    <div className="offline-slot no-print" role="status">
      {!online && <p className="offline-banner">{t('offline')}</p>}
    </div>
  );
}
