/** Today's merges, releases and proposals (GET /api/balance/log), newest first, collapsible. */
import type { TFunction } from 'i18next';
import { formatTime } from '@qms/shared/client';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import type { AuditEntry } from '../../store/balance';
import { actorLabel, balanceReasonText } from './balanceText';

type T = TFunction;

export function AuditLog() {
  const { t } = useTranslation();
  const log = useStore((s) => s.auditLog);
  const refresh = useStore((s) => s.refreshAuditLog);
  // Loaded once here; bindServerEvents refreshes it on every services-changed or balance fact.
  useEffect(() => void refresh(), [refresh]);
  const rows = useMemo(() => (log ? [...log].reverse() : []), [log]);
  return (
    <details className="audit" data-testid="audit-log">
      <summary className="audit-summary">
        {t('bal.log.title')} <span className="muted">· {t('bal.log.count', { n: log?.length ?? 0 })}</span>
      </summary>
      {rows.length === 0 ? (
        <p className="muted audit-empty">{t('bal.log.empty')}</p>
      ) : (
        <div className="audit-scroll">
          <table className="table compact audit-table">
            <thead>
              <tr>
                <th className="w-time">{t('bal.log.time')}</th>
                <th className="w-counter">{t('bal.log.counter')}</th>
                <th className="w-who">{t('bal.log.who')}</th>
                <th>{t('bal.log.what')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <AuditRow key={e.seq} entry={e} log={log ?? []} t={t} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function AuditRow({ entry: e, log, t }: { entry: AuditEntry; log: AuditEntry[]; t: T }) {
  const { i18n } = useTranslation();
  const serviceName = useServiceName();
  const counters = useStore((s) => s.hall?.counters);
  const numberOf = (id: string) => counters?.[id]?.number ?? id;
  const timezone = useStore((s) => s.hall?.center.timezone);
  // On the center's clock, 24-hour in all four languages.
  const time = formatTime(e.at, i18n.language, timezone);
  let counter = '';
  let what = '';
  let why = '';
  if (e.type === 'counter:services-changed') {
    counter = e.counter.number;
    const had = new Set(e.previous.map((x) => x.serviceId));
    const has = new Set(e.counter.services.map((x) => x.serviceId));
    const added = [...has].filter((id) => !had.has(id));
    const removed = [...had].filter((id) => !has.has(id));
    const list = (ids: string[]) => ids.map(serviceName).join(', ');
    what = added.length && !removed.length ? t('bal.log.merged', { list: list(added) }) : removed.length && !added.length ? t('bal.log.released', { list: list(removed) }) : t('bal.log.changed', { list: list([...has]) });
    why = balanceReasonText(t, e.why, e.reason, serviceName);
  } else if (e.type === 'balance:proposed') {
    counter = numberOf(e.proposal.counterId);
    what = t(e.proposal.kind === 'merge' ? 'bal.log.proposedMerge' : 'bal.log.proposedRelease', { service: serviceName(e.proposal.serviceId) });
    why = balanceReasonText(t, e.proposal.why, e.proposal.reason, serviceName);
  } else {
    const proposal = log.find((x) => x.type === 'balance:proposed' && x.proposal.id === e.proposalId);
    counter = proposal?.type === 'balance:proposed' ? numberOf(proposal.proposal.counterId) : '';
    what = t(`bal.log.${e.outcome}`);
  }
  return (
    <tr data-testid="audit-row" data-type={e.type}>
      <td className="num">{time}</td>
      <td>{counter}</td>
      <td>{actorLabel(t, e.actor)}</td>
      <td>
        <span className="audit-what">{what}</span>
        {why && <span className="audit-why"> — {why}</span>}
      </td>
    </tr>
  );
}
