/** Today's figures for this operator from GET /api/stats/today; absent when the server has none. */
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';

export function TodayFigures() {
  const { t } = useTranslation();
  const mine = useStore((s) => (s.staff ? s.stats?.staff[s.staff.login] : undefined));
  const hasStats = useStore((s) => s.stats !== null);
  if (!hasStats) return null;
  const f = mine ?? { served: 0, noShows: 0, transfers: 0, avgServiceMin: null, avgWaitMin: null };
  const min = (v: number | null) => (v === null ? '—' : t('common.min', { n: v }));
  const items = [
    [t('op.today.served'), String(f.served)],
    [t('op.today.noShows'), String(f.noShows)],
    [t('op.today.transfers'), String(f.transfers)],
    [t('op.today.avgService'), min(f.avgServiceMin)],
    [t('op.today.avgWait'), min(f.avgWaitMin)],
  ] as const;
  return (
    <section className="figures" aria-label={t('op.today.title')} data-testid="today">
      <h2 className="figures-title">{t('op.today.title')}</h2>
      {items.map(([label, value]) => (
        <div key={label} className="figure">
          <span className="figure-value">{value}</span>
          <span className="figure-label">{label}</span>
        </div>
      ))}
    </section>
  );
}
