import type { Ticket, TicketEta } from '@qms/shared';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useNameIn } from '../../hooks/useCatalogue';
import { useCountdown } from '../../hooks/useCountdown';
import { useScreenSpeech } from '../../hooks/useScreenSpeech';
import { useKiosk } from '../../store';
import { etaLine, positionLine } from '../../ticket-text';
import { TICKET_SECONDS } from '../IssuedTicket';
import { ReturnCountdown } from '../ReturnCountdown';

/**
 * A ticket taken on a phone, checked in here (issue 14, V2): a welcome, its number and where it
 * stands. No print-out: the phone is the ticket, and its page now says "checked in" too.
 */
export function Arrived({ ticket, eta }: { ticket: Ticket; eta: TicketEta | null }) {
  const { t } = useTranslation();
  const { services } = useCatalogue();
  const name = useNameIn();
  const startOver = useKiosk((s) => s.startOver);
  const { left, add } = useCountdown(TICKET_SECONDS, startOver);
  const service = services.find((s) => s.id === ticket.serviceId);
  const position = positionLine(t, eta);
  const wait = etaLine(t, eta);
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers start at the news, not at the button that sent the code.
  useEffect(() => heading.current?.focus(), []);
  useScreenSpeech([t('arrivedTitle'), [...ticket.number].join(' '), service && name(service.names), position, wait, t('watchScreen')]);

  return (
    <main className="screen ticket-screen arrived-screen" data-testid="arrived">
      <section className="ticket-card" aria-labelledby="arrived-title">
        <svg className="arrived-mark" viewBox="0 0 48 48" fill="none" stroke="currentColor" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <circle cx="24" cy="24" r="20" />
          <path d="M14 25l7 7 13-14" />
        </svg>
        <h1 id="arrived-title" className="ticket-label arrived-title" ref={heading} tabIndex={-1}>
          {t('arrivedTitle')}
        </h1>
        <p className="ticket-number" data-testid="arrived-number">
          {ticket.number}
        </p>
        {service && <p className="ticket-service">{name(service.names)}</p>}
        <div className="ticket-facts">
          {position && <p className="ticket-position">{position}</p>}
          <p className="ticket-eta">{wait}</p>
          <p className="hint">{t('watchScreen')}</p>
        </div>
      </section>
      <div className="actions ticket-actions">
        <button type="button" className="action primary" onClick={startOver}>
          {t('done')}
        </button>
      </div>
      <ReturnCountdown left={left} more={() => add(TICKET_SECONDS)} />
    </main>
  );
}
