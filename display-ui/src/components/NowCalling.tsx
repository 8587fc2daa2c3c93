import type { CallRecord } from '@qms/shared/client';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplay } from '../store/index.js';

/** The newest call, as large as the screen allows; it flashes for a few seconds when it arrives. */
export function NowCalling({ call }: { call: CallRecord | undefined }) {
  const { t } = useTranslation();
  const pulse = useDisplay((s) => s.callPulse);
  return (
    <section className="panel now" aria-labelledby="now-title">
      <h2 id="now-title" className="panel-title">
        {t('nowCalling')}
      </h2>
      {call ? (
        // A new key per arriving call restarts the flash, recalls included.
        <div
          key={pulse}
          className={pulse > 0 ? 'now-call flash' : 'now-call'}
          style={{ '--chars': call.number.length + call.counterNumber.length } as CSSProperties}
          data-testid="now-calling"
          data-ticket={call.number}
          data-counter={call.counterNumber}
        >
          <div className="now-cell">
            <span className="now-label">{t('ticket')}</span>
            <span className="now-ticket">{call.number}</span>
          </div>
          <Arrow className="now-arrow" />
          <div className="now-cell">
            <span className="now-label">{t('counter')}</span>
            <span className="now-counter">{call.counterNumber}</span>
          </div>
          {call.recall && <span className="recall-badge">{t('recalled')}</span>}
        </div>
      ) : (
        <p className="now-empty">{t('noCalls')}</p>
      )}
    </section>
  );
}

export function Arrow({ className }: { className: string }) {
  return (
    <svg className={className} viewBox="0 0 48 32" aria-hidden="true" focusable="false">
      <path d="M2 16h38M28 4l14 12-14 12" fill="none" stroke="currentColor" strokeWidth="5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
