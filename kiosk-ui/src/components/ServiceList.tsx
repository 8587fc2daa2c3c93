import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { waitOf, type Named, type Wait } from '../catalogue';
import { useKiosk } from '../store';
import { ClockIcon } from './Icons';

export function waitText(t: TFunction, wait: Wait): string {
  if (wait.kind === 'unknown') return t('waitUnknown');
  if (wait.kind === 'none') return t('waitNone');
  return t('waitAbout', { count: wait.minutes });
}

/** Big buttons, one per service, each with the current expected wait in the visitor's lane. */
export function ServiceList({ items, label }: { items: Named[]; label: string }) {
  const { t } = useTranslation();
  const loads = useKiosk((s) => s.catalogue?.loads ?? []);
  const busy = useKiosk((s) => s.issue.state === 'issuing');
  const takeTicket = useKiosk((s) => s.takeTicket);
  const lane = useKiosk((s) => s.lane);
  return (
    <ul className="options services" aria-label={label}>
      {items.map(({ service, name }) => {
        const { wait } = waitOf(loads, service.id, lane);
        return (
          <li key={service.id}>
            <button type="button" className="option service" disabled={busy} onClick={() => void takeTicket(service.id)}>
              <span className="option-name">{name}</span>
              <span className="option-meta">
                <ClockIcon />
                <span>{waitText(t, wait)}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
