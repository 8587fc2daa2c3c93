import { useTranslation } from 'react-i18next';

/** "Back to the start in 12 s" and "More time" under a ticket the kiosk has shown (issued or checked in). */
export function ReturnCountdown({ left, more }: { left: number; more: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="countdown">
      <p role="timer" aria-live="off">
        {t('returningIn', { count: left })}
      </p>
      <button type="button" className="action small" onClick={more}>
        {t('moreTime')}
      </button>
    </div>
  );
}
