import type { JoinableService } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { search } from '../../catalogue';
import { closedWords } from '../../join';
import { useKiosk } from '../../store';
import { ClockIcon } from '../Icons';
import { opensText } from '../ServiceList';
import { JoinTop } from './JoinTop';
import { MyTickets } from './MyTickets';
import { PhoneSearch } from '../PhoneSearch';

/** More than this and the list gets a search field: a phone shows about six services at a time. */
const FEW = 8;

/**
 * The services that can be joined from a phone, by name in the visitor's language, each with the
 * people in line and the expected wait; one that cannot be joined now is greyed and says why and
 * what to do instead (V1).
 */
export function ServiceChoice() {
  const { t } = useTranslation();
  const center = useKiosk((s) => s.joinCenter)!;
  const lang = useKiosk((s) => s.lang);
  const query = useKiosk((s) => s.joinQuery);
  const setQuery = useKiosk((s) => s.setJoinQuery);
  const named = useMemo(() => center.services.map((s) => ({ service: s, name: nameIn(s.names, lang, center.defaultLanguage) })), [center, lang]);
  const shown = query.trim() ? search(named, query) : named;

  return (
    <section className="book-step" aria-labelledby="join-step-title">
      <JoinTop title={t('joinChoose')}>
        <p className="book-note">{t('joinIntro')}</p>
      </JoinTop>
      <MyTickets />
      {named.length === 0 && <p className="phone-problem">{t('joinNoServices')}</p>}
      {named.length > FEW && <PhoneSearch query={query} onChange={setQuery} />}
      {query.trim() && shown.length === 0 && <p role="status">{t('bookSearchNothing')}</p>}
      <ul className="book-options">
        {shown.map(({ service, name }) => (
          <li key={service.id}>{service.open ? <OpenService service={service} name={name} /> : <ClosedService service={service} name={name} />}</li>
        ))}
      </ul>
    </section>
  );
}

function OpenService({ service, name }: { service: JoinableService; name: string }) {
  const { t } = useTranslation();
  const choose = useKiosk((s) => s.chooseJoinService);
  return (
    <button type="button" className="book-option join-option" onClick={() => choose(service.id)} data-testid="join-service" data-id={service.id}>
      <span className="join-name">{name}</span>
      <span className="join-meta">
        <ClockIcon />
        <span>
          {t('joinInLine', { count: service.waiting })} · {waitText(t, service.expectedWaitMin)}
        </span>
      </span>
    </button>
  );
}

/** Not a button: nothing happens on a tap, and the reason is read with the name. */
function ClosedService({ service, name }: { service: JoinableService; name: string }) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.lang);
  const timeZone = useKiosk((s) => s.joinCenter?.timezone ?? 'UTC');
  const [now] = useState(() => Date.now());
  const why = closedWords(service);
  return (
    <div className="join-option closed" data-testid="join-closed" data-id={service.id}>
      <span className="join-name">{name}</span>
      <span className="join-meta">
        <ClockIcon />
        <span>
          {t(why.key)}
          {why.opensAt !== null && `. ${opensText(t, lang, why.opensAt, now, timeZone)}`}
        </span>
      </span>
    </div>
  );
}

export function waitText(t: TFunction, minutes: number | null): string {
  if (minutes === null) return t('waitUnknown');
  const m = Math.round(minutes);
  return m < 1 ? t('waitNone') : t('waitAbout', { count: m });
}
