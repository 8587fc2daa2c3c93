/** Every counter: state, operator, ticket in hand, live services against the plan, and controls. */
import type { Counter, CounterState } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useServerNow, useServiceName } from '../../components/hooks';
import { pauseText } from '../../components/pauseText';
import { runCounterCommand, setCounterServices } from '../../commands';
import { sameAssignment } from '../../logic/assignment';
import { formatClock } from '../../logic/waits';
import { useStore } from '../../store';
import type { StaffRow } from '../../store/admin';

const NO_PLANS: Counter[] = [];
const NO_STAFF: StaffRow[] = [];

export function CountersTable() {
  const { t } = useTranslation();
  const counters = useStore(
    useShallow((s) => Object.values(s.hall?.counters ?? {}).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }))),
  );
  const hasStats = useStore((s) => s.stats !== null);
  const openCount = counters.filter((c) => c.status === 'open').length;
  return (
    <section className="panel" aria-labelledby="ctr-title" data-testid="counters-table">
      <header className="panel-head">
        <h2 id="ctr-title">{t('sup.counters.title')}</h2>
        <span className="panel-count">{t('sup.counters.openOf', { n: openCount, total: counters.length })}</span>
      </header>
      <div className="scroll">
        <table className="table table-fixed compact">
          <thead>
            <tr>
              <th className="w-counter">{t('sup.counters.number')}</th>
              <th className="w-state">{t('sup.counters.state')}</th>
              <th className="w-operator">{t('sup.counters.operator')}</th>
              <th className="w-ticket">{t('sup.counters.ticket')}</th>
              <th>{t('sup.counters.services')}</th>
              {hasStats && <th className="num w-served">{t('sup.counters.served')}</th>}
              <th className="actions-col w-actions">{t('sup.counters.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {counters.map((c) => (
              <CounterRow key={c.id} counter={c} showStats={hasStats} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function CounterRow({ counter: c, showStats }: { counter: CounterState; showStats: boolean }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  const plan = useStore((s) => (s.lists.counters ?? NO_PLANS).find((p) => p.id === c.id));
  const staff = useStore((s) => s.lists.staff ?? NO_STAFF);
  const ticket = useStore((s) => (c.currentTicketId ? s.hall?.tickets[c.currentTicketId] : undefined));
  const served = useStore((s) => s.stats?.counters[c.id]?.served);
  const busy = useStore((s) => s.busy !== null);
  const centerLang = useStore((s) => s.hall?.center.defaultLanguage ?? 'en');
  const openDialog = useStore((s) => s.openDialog);
  const now = useServerNow(1000);
  const changed = plan !== undefined && !sameAssignment(c.services, plan.services);
  const operator = c.staffLogin ? (staff.find((s) => s.login === c.staffLogin)?.name ?? c.staffLogin) : '—';

  return (
    <tr data-testid="counter-row" data-counter={c.id} className={c.status === 'closed' ? 'row-dim' : undefined}>
      <td>
        <strong className="cnum">{c.number}</strong> <span className="muted">{c.zone}</span>
      </td>
      <td>
        <span className={`pill pill-${c.status}`}>{t(`status.${c.status}`)}</span>
        {c.status === 'paused' && (
          <div className="small" data-testid="pause-reason">
            {pauseText(t, c)} · {formatClock(now - c.changedAt)}
          </div>
        )}
      </td>
      <td className="ellipsis" title={operator}>
        {operator}
      </td>
      <td className="nowrap">
        {ticket ? (
          <span title={t(`ticket.${ticket.status}`)}>
            <strong className={`qnum qnum-${ticket.status}`}>{ticket.number}</strong>{' '}
            <span className="small muted">{formatClock(now - (ticket.startedAt ?? ticket.calledAt ?? now))}</span>
          </span>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <div className="chips chips-line">
          {c.services.map((s) => (
            <span key={s.serviceId} className={s.role === 'primary' ? 'chip chip-primary' : 'chip chip-secondary'} title={`${serviceName(s.serviceId)} (${t(`role.${s.role}`)})`}>
              {s.role === 'secondary' && <span className="chip-note">{t('role.secondaryShort')} </span>}
              {serviceName(s.serviceId)}
            </span>
          ))}
          {changed && plan && (
            <>
              <span className="tag tag-changed">{t('sup.counters.changed')}</span>
              <button
                type="button"
                className="link-btn"
                disabled={busy}
                onClick={() => void setCounterServices(c.id, plan.services, i18n.getFixedT(centerLang)('svcDialog.restoreReason'))}
                data-testid="restore-plan"
              >
                ↺ {t('sup.counters.restore')}
              </button>
            </>
          )}
        </div>
      </td>
      {showStats && <td className="num">{served ?? 0}</td>}
      <td className="actions-col">
        <div className="row-actions">
          <button type="button" className="btn btn-small" disabled={!plan} onClick={() => openDialog({ kind: 'services', counterId: c.id })} data-testid="edit-services">
            {t('sup.counters.edit')}
          </button>
          {c.status === 'paused' ? (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void runCounterCommand('resume', c.id, {})}>
              {t('op.actions.resume')}
            </button>
          ) : (
            <button type="button" className="btn btn-small" disabled={busy || c.status !== 'open' || c.currentTicketId !== null} onClick={() => openDialog({ kind: 'pause', counterId: c.id })} data-testid="sup-pause">
              {t('sup.counters.pause')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small btn-danger-quiet"
            disabled={busy || c.status === 'closed' || c.currentTicketId !== null}
            onClick={() => openDialog({ kind: 'confirm', action: 'close', counterId: c.id })}
          >
            {t('sup.counters.close')}
          </button>
        </div>
      </td>
    </tr>
  );
}
