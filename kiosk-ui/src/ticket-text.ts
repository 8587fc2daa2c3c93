import type { Ticket, TicketEta } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import type { TFunction } from 'i18next';

type T = TFunction;

export function positionLine(t: T, eta: TicketEta | null): string | null {
  if (!eta) return null;
  return eta.position <= 1 ? t('positionNext') : t('positionIs', { position: eta.position });
}

/** "About N min", or a plain sentence when no open counter serves the service yet. */
export function etaLine(t: T, eta: TicketEta | null): string {
  if (!eta || eta.etaMin === null) return t('etaUnknown');
  const min = Math.round(eta.etaMin);
  return min < 1 ? t('etaSoon') : t('etaAbout', { count: min });
}

/** A checked-in booking's ticket carries its slot (A1): "Appointment at 11:00", on the center's clock. */
export function appointmentLine(t: T, ticket: Pick<Ticket, 'appointmentAt'>, lang: string, timeZone: string): string | null {
  return ticket.appointmentAt === undefined ? null : t('ticketAppointment', { time: formatTime(ticket.appointmentAt, lang, timeZone) });
}
