/** The live queue for this counter's services, in the engine's call order, waits ticking. */
import { placeOf } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LaneTag } from '../../components/LaneTag';
import { RemoteTag } from '../../components/RemoteTag';
import { WaitTime } from '../../components/WaitTime';
import { useServerNow, useServiceName, useTargetOf } from '../../components/hooks';
import { callOrder, isAway } from '../../logic/callOrder';
import { useStore } from '../../store';
import { selectMyCounter, selectMyQueue } from '../../store/selectors';
import { confirmArrival } from '../../tickets';

const MINUTE = 60_000;

export function QueuePanel() {
  const { t } = useTranslation();
  const waiting = useStore(useShallow(selectMyQueue));
  const counter = useStore(selectMyCounter);
  const policy = useStore((s) => s.hall?.center.policy);
  const counterId = counter?.id;
  // One service: its name is in the counter strip already, so the column would only repeat it.
  const manyServices = useStore((s) => new Set(selectMyQueue(s).map((x) => x.serviceId)).size > 1);
  const serviceName = useServiceName();
  const targetOf = useTargetOf();
  const now = useServerNow(5000);
  // "#" is the predicted call order: the engine's rules replayed (T1 and G1 included).
  const queue = counter && policy ? callOrder(waiting, counter, policy, now) : waiting;
  const priority = queue.filter((x) => x.lane === 'priority').length;
  const openDialog = useStore((s) => s.openDialog);
  const busy = useStore((s) => s.busy !== null || s.connection !== 'live');

  return (
    <section className="panel queue" aria-labelledby="queue-title" data-testid="queue">
      <header className="panel-head">
        <h2 id="queue-title">{t('op.queue.title')}</h2>
        <span className="panel-count" data-testid="queue-count">
          {t('op.queue.waiting', { n: queue.length })}
          {priority > 0 && <span className="tag tag-priority">{t('op.queue.priority', { n: priority })}</span>}
        </span>
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => openDialog({ kind: 'issue' })} data-testid="issue-open">
          {t('issue.open')}
        </button>
      </header>
      {queue.length === 0 ? (
        <p className="empty">{t('op.queue.empty')}</p>
      ) : (
        // Focusable so that keyboard users can scroll a long queue without tabbing through every row.
        <div className="scroll" tabIndex={0} aria-labelledby="queue-title">
          <table className="table table-fixed">
            <colgroup>
              <col className="w-pos" />
              <col className="w-ticket" />
              {manyServices && <col />}
              <col />
              <col className="w-wait" />
              <col className="w-cancel" />
            </colgroup>
            <thead>
              <tr>
                <th className="num">#</th>
                <th>{t('op.queue.number')}</th>
                {manyServices && <th>{t('op.queue.service')}</th>}
                <th>{t('op.queue.markers')}</th>
                <th className="num">{t('op.queue.wait')}</th>
                <th>
                  <span className="sr-only">{t('op.queue.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.map((ticket, i) => (
                <tr key={ticket.id} data-testid="queue-row" data-number={ticket.number} className={ticket.targetCounterId === counterId ? 'row-mine' : undefined}>
                  {/* V3: not called until their visitor checks in, so no place in this counter's order. */}
                  <td className="num muted">{isAway(ticket) ? '—' : i + 1}</td>
                  <td>
                    <span className="qnum">{ticket.number}</span>
                  </td>
                  {manyServices && <td className="ellipsis">{serviceName(ticket.serviceId)}</td>}
                  {/* Wrapped, not cut: "Appointment 10:30" or a category's name is the point of the tag. */}
                  <td>
                    <span className="cell-tags">
                      {ticket.targetCounterId === counterId && <span className="tag tag-mine">{t('op.queue.toMe')}</span>}
                      <LaneTag ticket={ticket} />
                      <RemoteTag ticket={ticket} />
                      {isAway(ticket) && (
                        <button
                          type="button"
                          className="btn btn-small btn-arrived"
                          disabled={busy}
                          aria-label={t('remote.hereLabel', { number: ticket.number })}
                          onClick={() => void confirmArrival(ticket.id)}
                          data-testid="remote-here"
                        >
                          {t('remote.here')}
                        </button>
                      )}
                      {ticket.transfers > 0 && ticket.targetCounterId !== counterId && <span className="tag tag-transfer">{t('op.queue.transferred')}</span>}
                    </span>
                  </td>
                  <td className="num">
                    <WaitTime minutes={Math.max(0, now - placeOf(ticket)) / MINUTE} targetMin={targetOf(ticket.serviceId, ticket.appointmentAt !== undefined)} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small btn-danger-quiet"
                      disabled={busy}
                      aria-label={t('op.queue.cancelLabel', { number: ticket.number })}
                      onClick={() => openDialog({ kind: 'cancelTicket', ticketId: ticket.id })}
                      data-testid="queue-cancel"
                    >
                      {t('op.queue.cancel')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
