import { centerNameIn } from '@qms/shared';
import { formatDateTime } from '@qms/shared/client';
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNameIn } from '../hooks/useCatalogue';
import { setPageSize } from '../print';
import { useKiosk } from '../store';
import { appointmentLine, etaLine, positionLine } from '../ticket-text';

/**
 * The paper ticket: black on white, sized in millimetres for a 58 or 80 mm roll. Laid out off
 * screen (so its height can be measured for the @page rule) and the only thing print shows.
 */
export function PrintTicket() {
  const { t, i18n } = useTranslation();
  const issue = useKiosk((s) => s.issue);
  const paper = useKiosk((s) => s.paper);
  const catalogue = useKiosk((s) => s.catalogue);
  const name = useNameIn();
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (ref.current) setPageSize(paper, ref.current.offsetHeight);
  });
  if (issue.state !== 'issued' || !catalogue) return null;

  const { ticket, eta, qr } = issue;
  const service = catalogue.services.find((s) => s.id === ticket.serviceId);
  const category = catalogue.priorityCategories.find((c) => c.id === ticket.categoryId);
  const issuedAt = formatDateTime(ticket.issuedAt, i18n.language, catalogue.center.timezone);
  const appointment = appointmentLine(t, ticket, i18n.language, catalogue.center.timezone);
  const position = positionLine(t, eta);
  return (
    <div ref={ref} className={`print-ticket paper-${paper}`} aria-hidden="true" data-testid="print-ticket">
      <p className="pt-center">{centerNameIn(catalogue.center, i18n.language)}</p>
      <p className="pt-label">{t('yourNumber')}</p>
      <p className="pt-number">{ticket.number}</p>
      {service && <p className="pt-service">{name(service.names)}</p>}
      {category && <p className="pt-lane">{t('priorityFor', { category: name(category.names) })}</p>}
      {appointment && <p className="pt-lane">{appointment}</p>}
      {position && <p className="pt-line">{position}</p>}
      <p className="pt-line">{etaLine(t, eta)}</p>
      {qr && <img className="pt-qr" src={qr} alt="" />}
      {qr && <p className="pt-small">{t('scanQr')}</p>}
      <p className="pt-small">{t('keepTicket')}</p>
      <p className="pt-small">{t('issuedAt', { time: issuedAt })}</p>
    </div>
  );
}
