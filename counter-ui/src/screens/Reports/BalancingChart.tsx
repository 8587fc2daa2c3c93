/**
 * The share called within the target, day by day, as the days went (with balancing) and as they
 * replay with every counter on its plan (without): two bars a day against the 80 % standard.
 */
import type { BalancingDay } from '@qms/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type uPlot from 'uplot';
import { BALANCING_SHARE_COLUMNS, dayComparison } from './balancing';
import { ChartFigure, dayMonth, everyNth, NO_BAR_STROKE, SHARE_GOAL, useHover } from './Charts';
import { FiguresTable } from './FiguresTable';
import type { Fmt } from './format';
import type { Labeller } from './tables';
import { AXIS, bars, COLORS, rulesPlugin, UChart } from './UChart';

/** "Without" in a grey dark enough to stand 3:1 against the white, as a chart's marks should. */
const WITHOUT = '#7b8799';
const HEIGHT = 280;

interface Props {
  days: BalancingDay[];
  dayLabel: Labeller;
  fmt: Fmt;
  lang: string;
  targetMin: number;
  file: string;
}

export function BalancingChart({ days, dayLabel, fmt, lang, targetMin, file }: Props) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useHover();
  const labels = { with: t('reports.balancing.chart.with'), without: t('reports.balancing.chart.without') };
  const data = useMemo<uPlot.AlignedData>(
    () => [days.map((_, i) => i), days.map((d) => d.actual.withinTarget), days.map((d) => d.without?.withinTarget ?? null)],
    [days],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const xs = days.map((_, i) => i);
    const bar = (label: string, fill: string, align: -1 | 1): uPlot.Series => ({
      label,
      fill,
      stroke: NO_BAR_STROKE,
      points: { show: false },
      paths: bars({ size: [0.36, 24], align, gap: 1, radius: 0.15 }),
    });
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, days.length - 0.4] }, y: { range: [0, 1] } },
      axes: [
        { ...AXIS, size: 30, splits: (u) => everyNth(u, xs, 44), values: (_u, s) => s.map((i) => dayMonth(days[i]?.day ?? '', lang)) },
        { ...AXIS, size: 52, splits: () => [0, 0.25, 0.5, 0.75, 1], values: (_u, s) => s.map((v) => fmt.pct(v)) },
      ],
      series: [{}, bar(labels.with, COLORS.served, -1), bar(labels.without, WITHOUT, 1)],
      plugins: [rulesPlugin([{ value: SHARE_GOAL, scale: 'y', color: COLORS.goal }])],
    };
  }, [days, lang, fmt, labels.with, labels.without]);

  const { better, compared, widest } = dayComparison(days);
  const d = hovered === null ? undefined : days[hovered];
  const title = t('reports.balancing.chart.title');
  return (
    <ChartFigure
      id="balancing"
      kind="bar"
      title={title}
      summary={
        widest
          ? t('reports.balancing.chart.summary', {
              n: fmt.count(better),
              total: fmt.count(compared),
              day: dayLabel(widest.day),
              with: fmt.pct(widest.actual.withinTarget),
              without: fmt.pct(widest.without?.withinTarget ?? null),
            })
          : ''
      }
      legend={[
        { label: labels.with, color: COLORS.served },
        { label: labels.without, color: WITHOUT },
        { label: t('reports.charts.share.goal', { pct: fmt.pct(SHARE_GOAL) }), color: COLORS.goal, dashed: true },
      ]}
      readout={d === undefined ? null : `${dayLabel(d.day)} · ${labels.with}: ${fmt.pct(d.actual.withinTarget)} · ${labels.without}: ${fmt.pct(d.without?.withinTarget ?? null)}`}
      chart={<UChart options={options} data={data} height={HEIGHT} onHover={setHovered} />}
      table={
        <FiguresTable
          first={t('reports.col.day')}
          columns={BALANCING_SHARE_COLUMNS}
          rows={days.map((x) => ({ key: x.day, label: dayLabel(x.day), figures: x }))}
          fmt={fmt}
          lang={lang}
          targetMin={targetMin}
          file={`${file}-balancing-within-target`}
          caption={title}
        />
      }
    />
  );
}
