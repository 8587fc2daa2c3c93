import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountdown } from '../hooks/useCountdown';
import { useIdle } from '../hooks/useIdle';
import { speak } from '../speech';
import { useKiosk } from '../store';

export const IDLE_MS = 60_000;
export const WARNING_SECONDS = 20;

/**
 * A visitor who walks away must not leave their choices for the next one, but nobody is sent
 * back without a warning and a way to stay (WCAG 2.2.1).
 */
export function IdleGuard({ active }: { active: boolean }) {
  const { idle, extend } = useIdle(active, IDLE_MS);
  return idle ? <IdleWarning onExtend={extend} /> : null;
}

function IdleWarning({ onExtend }: { onExtend: () => void }) {
  const { t } = useTranslation();
  const startOver = useKiosk((s) => s.startOver);
  const { left } = useCountdown(WARNING_SECONDS, startOver);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
    const { speech, lang } = useKiosk.getState();
    if (speech) speak([t('idleTitle'), t('idleExtend')], lang);
  }, [t]);
  return (
    <div className="overlay no-print" data-idle-warning>
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body">
        <h2 id="idle-title">{t('idleTitle')}</h2>
        <p id="idle-body" className="dialog-count">
          {t('idleBody', { count: left })}
        </p>
        <div className="actions">
          <button ref={button} type="button" className="action primary" onClick={onExtend}>
            {t('idleExtend')}
          </button>
          <button type="button" className="action" onClick={startOver}>
            {t('startOver')}
          </button>
        </div>
      </div>
    </div>
  );
}
