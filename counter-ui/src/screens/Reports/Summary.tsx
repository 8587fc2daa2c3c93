/**
 * The period against the norm at a glance: the share called within the target wait (the figure a
 * director looks for first), the waits behind it, the regional bands, visitors, service time and
 * how well the promised wait held.
 */
import type { ReportFigures } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { waitLevel } from '../../logic/waits';
import type { Fmt } from './format';
import { shareLevel } from './tables';
import { BANDS } from './UChart';

interface Props {
  f: ReportFigures;
  targetMin: number;
  fmt: Fmt;
}

const BAND_KEYS = ['upTo10', 'upTo20', 'upTo30', 'over30'] as const;

function Stat({ label, value, level, testId, big }: { label: string; value: string; level?: string | null; testId: string; big?: boolean }) {
  return (
    <div className={big ? 'stat stat-big' : 'stat'}>
      <dt>{label}</dt>
      <dd className={level ? `lvl-text lvl-${level}` : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function Summary({ f, targetMin, fmt }: Props) {
  const { t } = useTranslation();
  const within = f.withinTarget;
  const level = within === null ? null : shareLevel(within);
  const calledWithin = within === null ? 0 : Math.round(within * f.wait.count);
  const waitLvl = (v: number | null) => (v === null ? null : waitLevel(v, targetMin));

  return (
    <section className="summary" aria-label={t('reports.summary.label')} data-testid="summary">
      <div className={`card card-norm${level ? ` card-${level}` : ''}`}>
        <h2 className="card-title">{t('reports.summary.within', { n: fmt.num(targetMin) })}</h2>
        <div className="norm-figure">
          <span className={level ? `norm-value lvl-text lvl-${level}` : 'norm-value'} data-testid="kpi-within">
            {fmt.pct(within)}
          </span>
          <span className="norm-of">
            {t('reports.summary.withinOf', { n: fmt.count(calledWithin), total: fmt.count(f.wait.count) })}
            <br />
            {t('reports.summary.above', { pct: fmt.pct(f.aboveTarget) })}
          </span>
        </div>
        <div className="bands">
          <div className="bands-title">{t('reports.summary.bands')}</div>
          <div className="bands-bar" aria-hidden="true">
            {BAND_KEYS.map((k, i) => {
              const share = f.bands[k] ?? 0;
              return share > 0 ? <span key={k} className="band" style={{ width: `${share * 100}%`, background: BANDS[i] }} /> : null;
            })}
          </div>
          <ul className="bands-legend" data-testid="bands">
            {BAND_KEYS.map((k, i) => (
              <li key={k} data-band={k}>
                <span className="swatch" style={{ background: BANDS[i] }} aria-hidden="true" />
                <span className="bands-label">{t(`reports.band.${k}`)}</span>
                <strong>{fmt.pct(f.bands[k])}</strong>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className="card">
        <h2 className="card-title">{t('reports.summary.waits')}</h2>
        <dl className="stats">
          <Stat label={t('reports.summary.mean')} value={fmt.min(f.wait.mean)} level={waitLvl(f.wait.mean)} testId="kpi-wait-mean" big />
          <Stat label={t('reports.summary.median')} value={fmt.min(f.wait.p50)} level={waitLvl(f.wait.p50)} testId="kpi-wait-p50" big />
          <Stat label={t('reports.summary.p90')} value={fmt.min(f.wait.p90)} level={waitLvl(f.wait.p90)} testId="kpi-wait-p90" />
          <Stat label={t('reports.summary.p95')} value={fmt.min(f.wait.p95)} level={waitLvl(f.wait.p95)} testId="kpi-wait-p95" />
          <Stat label={t('reports.summary.max')} value={fmt.min(f.wait.max)} testId="kpi-wait-max" />
        </dl>
      </div>

      <div className="card">
        <h2 className="card-title">{t('reports.summary.visitors')}</h2>
        <dl className="stats">
          <Stat label={t('reports.col.issued')} value={fmt.count(f.issued)} testId="kpi-issued" big />
          <Stat label={t('reports.col.served')} value={fmt.count(f.served)} testId="kpi-served" big />
          <Stat label={t('reports.col.noShow')} value={fmt.count(f.noShow)} testId="kpi-no-show" />
          <Stat label={t('reports.col.cancelled')} value={fmt.count(f.cancelled)} testId="kpi-cancelled" />
          <Stat label={t('reports.col.transferred')} value={fmt.count(f.transferred)} testId="kpi-transferred" />
          {f.open > 0 && <Stat label={t('reports.summary.open')} value={fmt.count(f.open)} testId="kpi-open" />}
        </dl>
        <p className="card-foot">
          {(['kiosk', 'staff', 'remote'] as const)
            .filter((c) => c !== 'remote' || f.byChannel.remote > 0)
            .map((c) => `${t(`reports.channel.${c}`)}: ${fmt.count(f.byChannel[c])}`)
            .join(' · ')}
        </p>
      </div>

      <div className="card card-pair">
        <div>
          <h2 className="card-title">{t('reports.summary.service')}</h2>
          <dl className="stats">
            <Stat label={t('reports.summary.mean')} value={fmt.min(f.service.mean)} testId="kpi-service-mean" />
            <Stat label={t('reports.summary.p90')} value={fmt.min(f.service.p90)} testId="kpi-service-p90" />
          </dl>
        </div>
        <div>
          <h2 className="card-title">{t('reports.summary.eta')}</h2>
          <dl className="stats">
            <Stat label={t('reports.summary.etaMedian')} value={fmt.min(f.eta.medianErrorMin)} testId="kpi-eta-median" />
            <Stat label={t('reports.summary.etaP90')} value={fmt.min(f.eta.p90ErrorMin)} testId="kpi-eta-p90" />
            <Stat label={t('reports.summary.etaUnder')} value={fmt.pct(f.eta.underPromisedOver5)} testId="kpi-eta-under" />
          </dl>
        </div>
      </div>
    </section>
  );
}
