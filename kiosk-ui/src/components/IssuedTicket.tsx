import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogue, useNameIn } from '../hooks/useCatalogue';
import { useCountdown } from '../hooks/useCountdown';
import { useScreenSpeech } from '../hooks/useScreenSpeech';
import { autoPrintOnce, printTicket } from '../print';
import { useKiosk } from '../store';
import type { IssueState } from '../store/ticket';
import { AccessIcon, CalendarIcon, PrinterIcon } from './Icons';
import { appointmentLine, etaLine, positionLine } from '../ticket-text';
import { ReturnCountdown } from './ReturnCountdown';

/** How long the ticket stays on screen before the kiosk is ready for the next visitor. */
export const TICKET_SECONDS = 20;

type Issued = Extract<IssueState, { state: 'issued' }>;

export function IssuedTicket({ issued }: { issued: Issued }) {
  const { t } = useTranslation();
  const { services, priorityCategories, center } = useCatalogue();
  const lang = useKiosk((s) => s.lang);
  const name = useNameIn();
  const startOver = useKiosk((s) => s.startOver);
  const autoPrint = useKiosk((s) => s.autoPrint);
  const { left, add } = useCountdown(TICKET_SECONDS, startOver);
  const { ticket, eta, qr } = issued;
  const service = services.find((s) => s.id === ticket.serviceId);
  const category = priorityCategories.find((c) => c.id === ticket.categoryId);
  const appointment = appointmentLine(t, ticket, lang, center.timezone);
  const position = positionLine(t, eta);
  const wait = etaLine(t, eta);
  // "We cannot estimate the wait" already asks the visitor to watch the screen: not twice.
  const unknownWait = !eta || eta.etaMin === null;

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Screen readers start at the ticket, not wherever focus was when the button vanished.
    heading.current?.focus();
    if (autoPrint) autoPrintOnce(ticket.id);
  }, [autoPrint, ticket.id]);
  useScreenSpeech([t('yourNumber'), [...ticket.number].join(' '), service && name(service.names), appointment, position, wait, t('watchScreen')]);

  return (
    <main className="screen ticket-screen">
      <section className="ticket-card" aria-labelledby="ticket-number-label">
        <h1 id="ticket-number-label" className="ticket-label" ref={heading} tabIndex={-1}>
          {t('yourNumber')}
        </h1>
        <p className="ticket-number" data-testid="ticket-number">
          {ticket.number}
        </p>
        {service && <p className="ticket-service">{name(service.names)}</p>}
        {category && (
          <p className="lane-badge">
            <AccessIcon />
            {t('priorityFor', { category: name(category.names) })}
          </p>
        )}
        {appointment && (
          <p className="lane-badge booked" data-testid="ticket-appointment">
            <CalendarIcon />
            {appointment}
          </p>
        )}
        <div className="ticket-details">
          <div className="ticket-facts">
            {position && <p className="ticket-position">{position}</p>}
            <p className="ticket-eta">{wait}</p>
            {!unknownWait && <p className="hint">{t('watchScreen')}</p>}
          </div>
          {qr && (
            <figure className="ticket-qr">
              <img src={qr} alt="" width="240" height="240" data-testid="ticket-qr" data-status-url={issued.statusUrl} />
              <figcaption>{t('scanQr')}</figcaption>
            </figure>
          )}
        </div>
      </section>
      <div className="actions ticket-actions">
        <button type="button" className="action" onClick={() => void printTicket()}>
          <PrinterIcon />
          {autoPrint ? t('printAgain') : t('print')}
        </button>
        <button type="button" className="action primary" onClick={startOver}>
          {t('done')}
        </button>
      </div>
      <ReturnCountdown left={left} more={() => add(TICKET_SECONDS)} />
    </main>
  );
}
