import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { joinRefusalKey } from '../../join';
import { isLanguage } from '../../i18n';
import { ticketStatusUrl } from '../../links';
import { useKiosk } from '../../store';
import { JoinTop } from './JoinTop';
import { TicketLinks } from './MyTickets';

/**
 * The hall poster's page (/join/here, V2): this phone's tickets checked in. One ticket: its page
 * opens at once (in the language it was taken in); several: a list to choose from.
 */
export function HereView() {
  const { t } = useTranslation();
  const here = useKiosk((s) => s.here);
  const lang = useKiosk((s) => s.lang);
  const only = here.state === 'done' && here.tickets.length === 1 ? here.tickets[0] : undefined;

  useEffect(() => {
    if (!only) return;
    const language = isLanguage(only.language) ? only.language : lang;
    window.location.replace(ticketStatusUrl(only.id, language, null, window.location.origin));
  }, [only, lang]);

  switch (here.state) {
    case 'checking':
      return <Here title={t('joinHereTitle')} status={t('joinHereChecking')} />;
    case 'none':
      return <Here title={t('joinHereTitle')} problem={t('joinHereNone')} />;
    case 'noCode':
      return <Here title={t('joinHereTitle')} problem={t('joinHereNoCode')} />;
    case 'wrongCode':
      return (
        <Here title={t('joinHereTitle')} problem={t('joinHereWrongCode')}>
          <TicketLinks tickets={here.tickets} />
        </Here>
      );
    case 'failed':
      return (
        <Here title={t('joinHereTitle')} problem={t(joinRefusalKey(here.code, null))}>
          <button type="button" className="phone-quiet" onClick={() => window.location.reload()}>
            {t('tryAgain')}
          </button>
        </Here>
      );
    case 'done':
      return (
        <Here title={t('joinHereDone')} status={only ? t('joinHereOpening') : undefined}>
          <TicketLinks tickets={here.tickets} />
        </Here>
      );
  }
}

function Here({ title, status, problem, children }: { title: string; status?: string | undefined; problem?: string; children?: ReactNode }) {
  return (
    <section className="book-step" aria-labelledby="join-step-title">
      <JoinTop title={title} />
      {status && <p role="status">{status}</p>}
      {problem && (
        <p className="phone-problem" role="alert" data-testid="join-here-problem">
          {problem}
        </p>
      )}
      {children}
    </section>
  );
}
