/** The ticket in hand, big, with its service, lane, status, recalls and a service timer. */
import type { CounterState, Ticket } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { LaneTag } from '../../components/LaneTag';
import { pauseText } from '../../components/pauseText';
import { useServerNow, useServiceName } from '../../components/hooks';
import { runCounterCommand } from '../../commands';
import { formatClock } from '../../logic/waits';
import { useStore } from '../../store';
import { selectCurrentTicket, selectMyQueue } from '../../store/selectors';

export function CurrentTicket({ counter }: { counter: CounterState }) {
  const ticket = useStore(selectCurrentTicket);
  if (counter.status === 'closed') return <ClosedPanel counter={counter} />;
  if (counter.status === 'paused') return <PausedPanel counter={counter} />;
  if (!ticket) return <IdlePanel />;
  return <TicketPanel ticket={ticket} />;
}

function TicketPanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const now = useServerNow(1000);
  const recallLimit = useStore((s) => s.hall?.center.policy.recallLimit ?? 0);
  const since = ticket.status === 'serving' ? (ticket.startedAt ?? ticket.calledAt ?? now) : (ticket.calledAt ?? now);
  return (
    <div className={`ticket ticket-${ticket.status}`} data-testid="current-ticket">
      <div className="ticket-main">
        <div className="ticket-number" data-testid="current-number">
          {ticket.number}
        </div>
        <div className="ticket-info">
          <span className={`pill pill-${ticket.status}`} data-testid="current-status">
            {t(`ticket.${ticket.status}`)}
          </span>
          <div className="ticket-service">{serviceName(ticket.serviceId)}</div>
          <div className="ticket-tags">
            <LaneTag ticket={ticket} />
            {ticket.transfers > 0 && <span className="tag tag-transfer">{t('op.transferred', { n: ticket.transfers })}</span>}
            {ticket.returnServiceId && <span className="tag">{t('op.returnsTo', { service: serviceName(ticket.returnServiceId) })}</span>}
          </div>
        </div>
        <div className="ticket-timer">
          <div className="timer" data-testid="timer">
            {formatClock(now - since)}
          </div>
          <div className="muted">{ticket.status === 'serving' ? t('op.sinceStarted') : t('op.sinceCalled')}</div>
          {ticket.status === 'called' && (
            <div className={ticket.recalls >= recallLimit ? 'recalls warn-text' : 'recalls'}>
              {t('op.recalls', { n: ticket.recalls, limit: recallLimit })}
              {ticket.recalls >= recallLimit && <div>{t('op.recallToNoShow')}</div>}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

function IdlePanel() {
  const { t } = useTranslation();
  const waiting = useStore((s) => selectMyQueue(s).length);
  return (
    <div className="ticket ticket-idle" data-testid="current-ticket">
      <div className="idle-title">{t('op.noTicket')}</div>
      <div className="muted">{waiting > 0 ? t('op.noTicketHint', { n: waiting }) : t('op.queueEmpty')}</div>
    </div>
  );
}

function PausedPanel({ counter }: { counter: CounterState }) {
  const { t } = useTranslation();
  const now = useServerNow(1000);
  return (
    <div className="ticket ticket-paused" data-testid="current-ticket">
      <div className="idle-title">{t('op.pausedTitle', { reason: pauseText(t, counter) })}</div>
      <div className="muted">
        {t('op.pausedFor', { time: formatClock(now - counter.changedAt) })} · {t('op.pausedHint')}
      </div>
    </div>
  );
}

function ClosedPanel({ counter }: { counter: CounterState }) {
  const { t } = useTranslation();
  return (
    <div className="ticket ticket-closed" data-testid="current-ticket">
      <div className="idle-title">{t('op.closedTitle')}</div>
      <button type="button" className="btn btn-primary" onClick={() => void runCounterCommand('claim', counter.id, {})}>
        {t('op.reopen')}
      </button>
    </div>
  );
}
