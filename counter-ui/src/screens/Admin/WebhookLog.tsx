/**
 * One webhook's delivery log, newest first: when, which event, delivered or not, attempts, the
 * receiver's last answer and the next try; a failed delivery can be sent again. Read again every
 * few seconds while open, so deliveries show up and change as the server sends them.
 */
import { DELIVERY_STATUSES, type AppErrorBody, type DeliveryStatus, type DeliveryView, type WebhookView } from '@qms/shared';
import { api, formatDateTime } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/hooks';
import { EVENT_KEYS } from '../../logic/webhooks';
import { useStore } from '../../store';
import { ServerError } from './parts';
import { useWebhookText } from './webhookText';

const REFRESH_MS = 3_000;
const PILL: Record<DeliveryStatus, string> = { pending: 'pill pill-paused', delivered: 'pill pill-open', failed: 'pill pill-closed' };

export function WebhookLog({ hook, onClose }: { hook: WebhookView; onClose: () => void }) {
  const t = useWebhookText();
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  const token = useStore((s) => s.token);
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const [rows, setRows] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const when = (ms: number) => formatDateTime(ms, lang, timeZone);

  /** Bumped to read the log at once (Refresh, after a retry); otherwise every REFRESH_MS. */
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    let current = true;
    const read = () =>
      void api<DeliveryView[]>(`/api/admin/webhooks/${encodeURIComponent(hook.id)}/deliveries?limit=100${status ? `&status=${status}` : ''}`, { token }).then((res) => {
        if (!current) return;
        if (res.ok) setRows(res.data);
        setError(res.ok ? null : res.error);
      });
    read();
    const timer = setInterval(read, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [hook.id, status, token, version]);

  const retry = async (id: number) => {
    const res = await api<DeliveryView>(`/api/admin/webhooks/deliveries/${id}/retry`, { token, body: {} });
    setError(res.ok ? null : res.error);
    load();
  };

  return (
    <section className="panel webhook-log" aria-labelledby="webhook-log-title" data-testid="webhook-deliveries">
      <header className="panel-head webhook-log-head">
        <h2 id="webhook-log-title">{t('logTitle')}</h2>
        <span className="mono webhook-url">{hook.url}</span>
        <label className="field-inline">
          <span>{t('show')}</span>
          <select className="input" value={status} onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')} data-testid="webhook-log-filter">
            <option value="">{t('all')}</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={load} data-testid="webhook-log-refresh">
          {t('refresh')}
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {tc('common.close')}
        </button>
      </header>
      <ServerError error={error} />
      {rows && rows.length === 0 && <p className="muted webhooks-intro">{t('noDeliveries')}</p>}
      {rows && rows.length > 0 && (
        <table className="table webhook-log-table">
          <thead>
            <tr>
              <th>{t('time')}</th>
              <th>{t('event')}</th>
              <th>{t('status')}</th>
              <th className="num">{t('attempts')}</th>
              <th>{t('answer')}</th>
              <th>{t('next')}</th>
              <th className="actions-col">
                <span className="sr-only">{tc('sup.counters.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id} data-testid="delivery-row" data-status={d.status} data-event={d.event}>
                <td data-label={t('time')}>{when(d.createdAt)}</td>
                <td data-label={t('event')}>{t(`events.${EVENT_KEYS[d.event]}`)}</td>
                <td data-label={t('status')}>
                  <span className={PILL[d.status]}>{t(`statuses.${d.status}`)}</span>
                </td>
                <td className="num" data-label={t('attempts')}>
                  {d.attempts}
                </td>
                <td data-label={t('answer')} className="webhook-answer">
                  {d.lastStatus !== null && <span className="mono">HTTP {d.lastStatus}</span>}
                  {d.lastError && <span className="mono"> {d.lastError}</span>}
                  {d.lastStatus === null && !d.lastError && '—'}
                </td>
                <td data-label={t('next')}>{d.status === 'pending' && d.nextAt !== null ? when(d.nextAt) : d.deliveredAt !== null ? t('deliveredAt', { time: when(d.deliveredAt) }) : '—'}</td>
                <td className="actions-col">
                  {d.status === 'failed' && (
                    <button type="button" className="btn btn-small" onClick={() => void retry(d.id)} data-testid="delivery-retry">
                      {t('retry')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
