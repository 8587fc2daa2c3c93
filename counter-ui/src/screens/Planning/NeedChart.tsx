/**
 * Counters needed against counters planned, hour by hour (the advisor's staffing: Erlang C first,
 * corrected by simulation), as bars, with the same numbers in a table beside it and the day's
 * totals of short and over counter-hours.
 */
import { formatHHMM, type StaffingAdvice } from '@qms/shared';
import { formatNumber } from '@qms/shared/client';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { useLanguage } from '../../components/hooks';
import { NO_BAR_STROKE } from '../Reports/Charts';
import { formatter } from '../Reports/format';
import { AXIS, bars, COLORS, UChart } from '../Reports/UChart';
import { needRows } from './plan';
import { usePlanningText } from './planningText';

const HEIGHT = 260;
/** Needed in the chart's warm colour, planned in the app's blue: the eye compares the pairs. */
const NEEDED = COLORS.p90;
const PLANNED = COLORS.served;

export function NeedChart({ staffing }: { staffing: StaffingAdvice }) {
  const tr = usePlanningText();
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useMemo(() => formatter(lang, t), [lang, t]);
  const rows = useMemo(() => needRows(staffing), [staffing]);
  const [hovered, setHovered] = useState<number | null>(null);
  const n = (v: number) => formatNumber(v, lang);
  const labels = { needed: tr('need.needed'), planned: tr('need.planned') };

  const data = useMemo<uPlot.AlignedData>(() => [rows.map((_, i) => i), rows.map((r) => r.need), rows.map((r) => r.planned)], [rows]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const bar = (label: string, fill: string, align: -1 | 1): uPlot.Series => ({ label, fill, stroke: NO_BAR_STROKE, points: { show: false }, paths: bars({ size: [0.36, 28], align, gap: 1, radius: 0.15 }) });
    const top = Math.max(1, ...rows.map((r) => Math.max(r.need, r.planned)));
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, rows.length - 0.4] }, y: { range: [0, Math.ceil(top * 1.1)] } },
      axes: [
        { ...AXIS, size: 30, splits: () => rows.map((_, i) => i), values: (_u, s) => s.map((i) => (rows[i] ? formatHHMM(rows[i].from) : '')) },
        { ...AXIS, size: 40, values: (_u, s) => s.map((v) => (Number.isInteger(v) ? String(v) : '')) },
      ],
      series: [{}, bar(labels.needed, NEEDED, -1), bar(labels.planned, PLANNED, 1)],
    };
  }, [rows, labels.needed, labels.planned]);

  const balance = (b: number) => (b < 0 ? tr('need.short', { n: n(-b) }) : b > 0 ? tr('need.over', { n: n(b) }) : tr('need.even'));
  const title = tr('need.title');
  const summary = tr('need.summary', { short: n(staffing.shortCounterHours), over: n(staffing.overCounterHours) });
  const h = hovered === null ? undefined : rows[hovered];
  return (
    <figure className="panel chart planning-need" data-testid="plan-need">
      <figcaption className="chart-head">
        <h2>{title}</h2>
        <p className="chart-summary" data-testid="plan-need-summary">
          {summary}
        </p>
      </figcaption>
      <div className="planning-need-body">
        <div className="planning-need-chart">
          <div className="chart-canvas" role="img" aria-label={`${t('reports.charts.kind.bar')}. ${title}. ${summary} ${t('reports.charts.seeTable')}`}>
            <UChart options={options} data={data} height={HEIGHT} onHover={setHovered} />
          </div>
          <div className="chart-legend">
            <ul aria-hidden="true">
              {[
                { label: labels.needed, color: NEEDED },
                { label: labels.planned, color: PLANNED },
              ].map((l) => (
                <li key={l.label}>
                  <span className="swatch" style={{ background: l.color }} />
                  {l.label}
                </li>
              ))}
            </ul>
            <span className="chart-readout" aria-hidden="true">
              {h ? `${formatHHMM(h.from)} · ${labels.needed}: ${n(h.need)} · ${labels.planned}: ${n(h.planned)}` : null}
            </span>
          </div>
          {staffing.check.withinTarget !== null && <p className="muted">{tr('need.check', { share: fmt.pct(staffing.check.withinTarget) })}</p>}
        </div>
        <table className="table compact planning-need-table" data-testid="plan-need-table">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{tr('need.hour')}</th>
              <th scope="col" className="num">
                {labels.needed}
              </th>
              <th scope="col" className="num">
                {labels.planned}
              </th>
              <th scope="col">{tr('need.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.from} className={r.balance < 0 ? 'row-short' : undefined}>
                <th scope="row">{formatHHMM(r.from)}</th>
                <td className="num">{n(r.need)}</td>
                <td className="num">{n(r.planned)}</td>
                <td>{balance(r.balance)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{tr('need.total')}</th>
              <td colSpan={3}>
                {tr('need.short', { n: n(staffing.shortCounterHours) })}, {tr('need.over', { n: n(staffing.overCounterHours) })}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </figure>
  );
}
