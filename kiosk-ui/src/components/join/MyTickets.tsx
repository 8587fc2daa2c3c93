import type { PublicTicketStatus } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { ticketStatusUrl } from '../../links';
import { useKiosk } from '../../store';

/**
 * The tickets this phone took here that are still in play: a visitor who comes back to the join
 * page finds their ticket rather than taking a second one.
 */
export function MyTickets() {
  const { t } = useTranslation();
  const mine = useKiosk((s) => s.joinMine);
  if (mine.length === 0) return null;
  return (
    <section className="join-mine" aria-labelledby="join-mine-title">
      <h2 id="join-mine-title">{t('joinMine')}</h2>
      <TicketLinks tickets={mine} />
    </section>
  );
}

/** Each ticket as a link to its phone page: its number, service and where it stands. */
export function TicketLinks({ tickets }: { tickets: PublicTicketStatus[] }) {
  const { t } = useTranslation();
  const lang = useKiosk((s) => s.lang);
  return (
    <ul className="join-tickets">
      {tickets.map((ticket) => (
        <li key={ticket.id}>
          <a className="join-ticket" href={ticketStatusUrl(ticket.id, lang, null, window.location.origin)} data-testid="join-ticket-link">
            <span className="join-ticket-number">{ticket.number}</span>
            <span className="join-ticket-text">
              {ticket.service && <span className="join-name">{nameIn(ticket.service.names, lang, ticket.center.defaultLanguage)}</span>}
              <span className="join-meta">{t(standing(ticket))}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** Where a remembered ticket stands, in one phrase. */
function standing(ticket: PublicTicketStatus) {
  if (ticket.status === 'called' || ticket.status === 'serving') return 'statusCalledNow' as const;
  if (ticket.status === 'no_show') return 'remoteLostShort' as const;
  return ticket.remote && !ticket.remote.arrived ? ('remoteNotHere' as const) : ('remoteArrived' as const);
}
