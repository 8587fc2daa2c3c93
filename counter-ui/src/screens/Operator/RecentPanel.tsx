/**
 * The last tickets finished at this counter. A visitor marked a no-show who turns up within the
 * policy's window is put back in line with their original place (N1).
 */
import type { Ticket } from '@qms/shared';
import { api, formatTime } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useLanguage, useServerNow } from '../../components/hooks';
import { useStore } from '../../store';

const SHOW = 6;

export function RecentPanel() {
  const { t } = useTranslation();
  const counterId = useStore((s) => s.counterId);
  const recent = useStore(
    useShallow((s) =>
      Object.values(s.hall?.tickets ?? {})
        .filter((x) => x.counterId === counterId && (x.status === 'done' || x.status === 'no_show'))
        .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0))
        .slice(0, SHOW),
    ),
  );
  const windowMin = useStore((s) => s.hall?.center.policy.noShowReactivateMin ?? 0);
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const now = useServerNow(5000);
  const lang = useLanguage();
  if (recent.length === 0) return null;

  return (
    <section className="panel recent" aria-labelledby="recent-title" data-testid="recent">
      <header className="panel-head">
        <h2 id="recent-title">{t('op.recent.title')}</h2>
      </header>
      <table className="table table-fixed compact">
        <colgroup>
          <col className="w-ticket" />
          <col className="w-status" />
          <col className="w-time" />
          <col />
        </colgroup>
        <tbody>
          {recent.map((x) => (
            <tr key={x.id} data-testid="recent-row" data-number={x.number}>
              <td>
                <span className="qnum">{x.number}</span>
              </td>
              <td>
                <span className={`pill pill-${x.status}`}>{t(`ticket.${x.status}`)}</span>
              </td>
              <td className="muted">{x.finishedAt ? formatTime(x.finishedAt, lang, timeZone) : ''}</td>
              <td className="actions-col">
                {x.status === 'no_show' && x.finishedAt !== null && now - x.finishedAt < windowMin * 60_000 && <Reactivate ticket={x} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Reactivate({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const busy = useStore((s) => s.busy !== null);
  const run = async () => {
    const s = useStore.getState();
    s.setBusy('reactivate');
    const res = await api<unknown>(`/api/tickets/${encodeURIComponent(ticket.id)}/reactivate`, { token, body: {} });
    useStore.getState().setBusy(null);
    useStore.getState().showError(res.ok ? null : res.error);
  };
  return (
    <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run()} data-testid="reactivate">
      {t('op.recent.reactivate')}
    </button>
  );
}
