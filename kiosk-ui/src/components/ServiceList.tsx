import { formatDate, formatTime, sameDay } from '@qms/shared/client';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { availabilityOf, waitOf, type Named, type Wait } from '../catalogue';
import { useKiosk } from '../store';
import { ClockIcon } from './Icons';

export function waitText(t: TFunction, wait: Wait): string {
  if (wait.kind === 'unknown') return t('waitUnknown');
  if (wait.kind === 'none') return t('waitNone');
  return t('waitAbout', { count: wait.minutes });
}

/** "Opens at 14:00" today, "Opens Wednesday, 4 March, 09:30" on another day; in the center's time zone. */
export function opensText(t: TFunction, lang: string, opensAt: number, now: number, timeZone: string): string {
  const time = formatTime(opensAt, lang, timeZone);
  return sameDay(opensAt, now, timeZone) ? t('opensToday', { time }) : t('opensOn', { day: formatDate(opensAt, lang, timeZone), time });
}

/**
 * Big buttons, one per service, each with the current expected wait in the visitor's lane. A
 * service that no staffed counter serves now, or outside its hours, cannot be tapped: it says
 * "not served now" and, where known, when it opens.
 */
export function ServiceList({ items, label }: { items: Named[]; label: string }) {
  const { t } = useTranslation();
  const loads = useKiosk((s) => s.catalogue?.loads ?? []);
  const availability = useKiosk((s) => s.catalogue?.availability);
  const timeZone = useKiosk((s) => s.catalogue?.center.timezone ?? 'UTC');
  const lang = useKiosk((s) => s.lang);
  const busy = useKiosk((s) => s.issue.state === 'issuing');
  const takeTicket = useKiosk((s) => s.takeTicket);
  const lane = useKiosk((s) => s.lane);
  // Only to tell "today" from another day: the list is rebuilt on every catalogue change anyway.
  const [now] = useState(() => Date.now());
  return (
    <ul className="options services" aria-label={label}>
      {items.map(({ service, name }) => {
        const { servedNow, opensAt } = availabilityOf(availability, service.id);
        const { wait } = waitOf(loads, service.id, lane);
        return (
          <li key={service.id}>
            <button type="button" className={`option service${servedNow ? '' : ' not-served'}`} disabled={busy || !servedNow} onClick={() => void takeTicket(service.id)}>
              <span className="option-name">{name}</span>
              <span className="option-meta">
                <ClockIcon />
                {servedNow ? (
                  <span>{waitText(t, wait)}</span>
                ) : (
                  <span>
                    {t('notServedNow')}
                    {opensAt !== null && `. ${opensText(t, lang, opensAt, now, timeZone)}`}
                  </span>
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
