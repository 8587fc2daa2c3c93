/** Minutes waited, coloured against the target (green < ⅔, amber < target, red ≥ target). */
import { useTranslation } from 'react-i18next';
import { waitLevel } from '../logic/waits';

export function WaitTime({ minutes, targetMin }: { minutes: number; targetMin: number }) {
  const { t } = useTranslation();
  const level = waitLevel(minutes, targetMin);
  return (
    <span className={`wait wait-${level}`} title={t('common.targetMin', { n: targetMin })}>
      {t('common.min', { n: Math.floor(minutes) })}
    </span>
  );
}
