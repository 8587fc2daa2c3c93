import type { Language } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { noticeText } from '../notices.js';
import { useDisplay } from '../store/index.js';

/**
 * A calm line under the hall (never over the now-calling area) when a counter's services change:
 * no sound, no voice, no flashing; at most two at once, each for about a minute.
 */
export function ServiceNotices({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const notices = useDisplay((s) => s.notices);
  const services = useDisplay((s) => s.hall?.services);
  const fallback = useDisplay((s) => s.hall?.center.defaultLanguage ?? 'en');
  const shown = notices.filter((n) => n.shownAt !== null);
  if (shown.length === 0) return null;
  return (
    <section className="notices" aria-label={t('notices')}>
      <ul className="notice-list">
        {shown.map((n) => (
          <li key={n.id} className="notice" data-testid="service-notice" data-counter={n.counterNumber} data-kind={n.kind}>
            <InfoIcon />
            <span className="notice-text">{noticeText(n, lang, services ?? [], fallback)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function InfoIcon() {
  return (
    <svg className="notice-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M12 10.5v7M12 6.5v.5" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
