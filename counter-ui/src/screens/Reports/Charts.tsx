/**
 * The report's charts, where people would rather look than read: arrivals against visitors served
 * per hour, waits per hour against the target, the share within target over the period, and per
 * service. Each is a figure with a title, a sentence saying what it shows (its text alternative,
 * on screen too) and, folded under it, a table of the same numbers with its CSV.
 */
import type { HourFlow, Report, ReportFigures } from '@qms/shared';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import { FiguresTable } from './FiguresTable';
import type { Fmt } from './format';
import { daysIn, addDays, type Period } from './period';
import { DAY_COLUMNS, FLOW_COLUMNS, HOUR_WAIT_COLUMNS, hourRange, rowsOf, SERVICE_COLUMNS, shareLevel, type Labeller, type Row } from './tables';
import { AXIS, barFill, bars, COLORS, rulesPlugin, UChart } from './UChart';

/** The standard a share within target is held to on the charts (Service Canada: 80 % of the time). */
export const SHARE_GOAL = 0.8;
const HEIGHT = 230;
/** A long catalogue: the chart shows the busiest services, the table all of them. */
const MAX_SERVICE_BARS = 12;

interface Common {
  fmt: Fmt;
  lang: string;
  targetMin: number;
  /** File name stem for the CSVs: "report-2026-03-01-2026-03-31". */
  file: string;
}

type LegendItem = { label: string; color: string; dashed?: boolean };

export function ChartFigure(props: { id: string; title: string; summary: string; kind: 'bar' | 'line'; legend: LegendItem[]; readout: string | null; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="panel chart" data-testid={`chart-${props.id}`}>
      <figcaption className="chart-head">
        <h3>{props.title}</h3>
        <p className="chart-summary" data-testid="chart-summary">
          {props.summary}
        </p>
      </figcaption>
      <div className="chart-canvas" role="img" aria-label={`${t(`reports.charts.kind.${props.kind}`)}. ${props.title}. ${props.summary} ${t('reports.charts.seeTable')}`}>
        {props.chart}
      </div>
      <div className="chart-legend">
        <ul aria-hidden="true">
          {props.legend.map((l) => (
            <li key={l.label}>
              <span className={l.dashed ? 'swatch swatch-dashed' : 'swatch'} style={l.dashed ? { borderColor: l.color } : { background: l.color }} />
              {l.label}
            </li>
          ))}
        </ul>
        <span className="chart-readout" aria-hidden="true">
          {props.readout}
        </span>
      </div>
      <details className="chart-table">
        <summary>{t('reports.charts.table')}</summary>
        {props.table}
      </details>
    </figure>
  );
}

/** Hours from the first to the last in which anything happened, none missing. */
function hourSpan(hours: number[]): number[] {
  if (hours.length === 0) return [];
  const lo = Math.min(...hours);
  const hi = Math.max(...hours);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

const two = (n: number) => String(n).padStart(2, '0');

/** Every hour when there is room, else every second or third: labels never overlap. */
export function everyNth(u: uPlot, xs: number[], labelPx: number): number[] {
  const room = u.bbox.width / uPlot.pxRatio;
  const step = Math.max(1, Math.ceil((xs.length * labelPx) / Math.max(room, 1)));
  return xs.filter((_, i) => i % step === 0);
}

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const mag = 10 ** Math.floor(Math.log10(v));
  const n = v / mag;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag;
}

export function useHover(): [number | null, (idx: number | null) => void] {
  const [idx, setIdx] = useState<number | null>(null);
  return [idx, useCallback((i: number | null) => setIdx(i), [])];
}

export const NO_BAR_STROKE = 'rgba(0,0,0,0)';

export function FlowChart({ flow, fmt, lang, targetMin, file }: Common & { flow: HourFlow[] }) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useHover();
  const hours = useMemo(() => hourSpan(flow.map((f) => f.hour)), [flow]);
  const byHour = useMemo(() => new Map(flow.map((f) => [f.hour, f])), [flow]);
  const data = useMemo<uPlot.AlignedData>(
    () => [hours, hours.map((h) => byHour.get(h)?.issued ?? 0), hours.map((h) => byHour.get(h)?.completed ?? 0)],
    [hours, byHour],
  );
  const labels = { arrivals: t('reports.col.arrivals'), served: t('reports.col.completed') };
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const max = Math.max(1, ...flow.map((f) => Math.max(f.issued, f.completed)));
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [(hours[0] ?? 0) - 0.6, (hours.at(-1) ?? 0) + 0.6] }, y: { range: [0, niceMax(max * 1.1)] } },
      axes: [
        { ...AXIS, size: 30, splits: (u) => everyNth(u, hours, 48), values: (_u, s) => s.map((h) => `${two(h)}:00`) },
        { ...AXIS, size: 44, values: (_u, s) => s.map((v) => (Number.isInteger(v) ? fmt.count(v) : '')) },
      ],
      series: [
        {},
        { label: labels.arrivals, fill: COLORS.arrivals, stroke: NO_BAR_STROKE, points: { show: false }, paths: bars({ size: [0.36, 28], align: -1, gap: 1, radius: 0.15 }) },
        { label: labels.served, fill: COLORS.served, stroke: NO_BAR_STROKE, points: { show: false }, paths: bars({ size: [0.36, 28], align: 1, gap: 1, radius: 0.15 }) },
      ],
    };
  }, [flow, hours, fmt, labels.arrivals, labels.served]);

  const busiest = flow.reduce<HourFlow | null>((b, f) => (b === null || f.issued > b.issued ? f : b), null);
  const rows: Row<HourFlow>[] = flow.map((f) => ({ key: String(f.hour), label: hourRange(f.hour), figures: f }));
  const h = hovered === null ? undefined : hours[hovered];
  const at = h === undefined ? undefined : byHour.get(h);
  return (
    <ChartFigure
      id="flow"
      kind="bar"
      title={t('reports.charts.flow.title')}
      summary={busiest ? t('reports.charts.flow.summary', { hour: hourRange(busiest.hour), n: fmt.count(busiest.issued) }) : ''}
      legend={[
        { label: labels.arrivals, color: COLORS.arrivals },
        { label: labels.served, color: COLORS.served },
      ]}
      readout={h === undefined ? null : `${hourRange(h)} · ${labels.arrivals}: ${fmt.count(at?.issued ?? 0)} · ${labels.served}: ${fmt.count(at?.completed ?? 0)}`}
      chart={<UChart options={options} data={data} height={HEIGHT} onHover={setHovered} />}
      table={<FiguresTable first={t('reports.col.hour')} columns={FLOW_COLUMNS} rows={rows} fmt={fmt} lang={lang} targetMin={targetMin} file={`${file}-flow`} caption={t('reports.charts.flow.title')} />}
    />
  );
}

export function WaitChart({ report, fmt, lang, targetMin, file }: Common & { report: Report }) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useHover();
  const byHour = useMemo(() => new Map(report.groups.map((g) => [Number(g.key), g.figures])), [report]);
  const hours = useMemo(() => hourSpan([...byHour.keys()]), [byHour]);
  const data = useMemo<uPlot.AlignedData>(
    () => [hours, hours.map((h) => byHour.get(h)?.wait.p50 ?? null), hours.map((h) => byHour.get(h)?.wait.p90 ?? null)],
    [hours, byHour],
  );
  const labels = { p50: t('reports.charts.waits.p50'), p90: t('reports.charts.waits.p90'), target: t('common.targetMin', { n: fmt.num(targetMin) }) };
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const max = Math.max(targetMin, ...report.groups.map((g) => g.figures.wait.p90 ?? 0));
    const line = (label: string, color: string, width: number): uPlot.Series => ({ label, stroke: color, width, spanGaps: false, points: { show: true, size: 6, fill: color, stroke: color } });
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [(hours[0] ?? 0) - 0.5, (hours.at(-1) ?? 0) + 0.5] }, y: { range: [0, niceMax(max * 1.15)] } },
      axes: [
        { ...AXIS, size: 30, splits: (u) => everyNth(u, hours, 48), values: (_u, s) => s.map((h) => `${two(h)}:00`) },
        { ...AXIS, size: 44, values: (_u, s) => s.map((v) => fmt.num(v)) },
      ],
      series: [{}, line(labels.p50, COLORS.p50, 2), line(labels.p90, COLORS.p90, 2)],
      plugins: [rulesPlugin([{ value: targetMin, scale: 'y', color: COLORS.target }])],
    };
  }, [report, hours, targetMin, fmt, labels.p50, labels.p90]);

  const worst = report.groups.reduce<{ key: string; f: ReportFigures } | null>((w, g) => (g.figures.wait.p90 !== null && (w === null || g.figures.wait.p90 > (w.f.wait.p90 ?? 0)) ? { key: g.key, f: g.figures } : w), null);
  const rows = rowsOf(report.groups, hourRange);
  const h = hovered === null ? undefined : hours[hovered];
  const at = h === undefined ? undefined : byHour.get(h);
  return (
    <ChartFigure
      id="waits"
      kind="line"
      title={t('reports.charts.waits.title')}
      summary={worst ? t('reports.charts.waits.summary', { hour: hourRange(worst.key), min: fmt.min(worst.f.wait.p90), target: fmt.min(targetMin) }) : ''}
      legend={[
        { label: labels.p50, color: COLORS.p50 },
        { label: labels.p90, color: COLORS.p90 },
        { label: labels.target, color: COLORS.target, dashed: true },
      ]}
      readout={h === undefined ? null : `${hourRange(h)} · ${labels.p50}: ${fmt.min(at?.wait.p50 ?? null)} · ${labels.p90}: ${fmt.min(at?.wait.p90 ?? null)}`}
      chart={<UChart options={options} data={data} height={HEIGHT} onHover={setHovered} />}
      table={<FiguresTable first={t('reports.col.hour')} columns={HOUR_WAIT_COLUMNS} rows={rows} fmt={fmt} lang={lang} targetMin={targetMin} file={`${file}-waits-by-hour`} caption={t('reports.charts.waits.title')} />}
    />
  );
}

/**
 * The share within target over the period: day by day, or hour by hour when the period is one
 * day (a single bar would say nothing the summary does not).
 */
export function ShareChart({ period, byDay, byHour, dayLabel, fmt, lang, targetMin, file }: Common & { period: Period; byDay: Report; byHour: Report; dayLabel: Labeller }) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useHover();
  const hourly = daysIn(period) === 1;
  const source = hourly ? byHour : byDay;
  const label: Labeller = hourly ? hourRange : dayLabel;
  const figuresOf = useMemo(() => new Map(source.groups.map((g) => [g.key, g.figures])), [source]);
  const keys = useMemo(() => {
    if (hourly) return hourSpan(source.groups.map((g) => Number(g.key))).map(two);
    // Every day of the period, tickets or not: a closed day is a gap, not a missing column.
    return Array.from({ length: daysIn(period) }, (_, i) => addDays(period.from, i));
  }, [hourly, source, period]);
  const shares = useMemo(() => keys.map((k) => figuresOf.get(k)?.withinTarget ?? null), [keys, figuresOf]);
  const data = useMemo<uPlot.AlignedData>(() => [keys.map((_, i) => i), shares], [keys, shares]);
  const tick = useCallback((k: string) => (hourly ? `${k}:00` : dayMonth(k, lang)), [hourly, lang]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const xs = keys.map((_, i) => i);
    const colors = shares.map((s) => (s === null ? NO_BAR_STROKE : COLORS[shareLevel(s)]));
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.6, keys.length - 0.4] }, y: { range: [0, 1] } },
      axes: [
        { ...AXIS, size: 30, splits: (u) => everyNth(u, xs, hourly ? 48 : 44), values: (_u, s) => s.map((i) => tick(keys[i] ?? '')) },
        { ...AXIS, size: 52, splits: () => [0, 0.25, 0.5, 0.75, 1], values: (_u, s) => s.map((v) => fmt.pct(v)) },
      ],
      series: [{}, { label: t('reports.col.withinTarget'), fill: COLORS.ok, stroke: NO_BAR_STROKE, width: 0, points: { show: false }, paths: bars({ size: [0.7, 36], gap: 1, radius: 0.1, disp: barFill(() => colors) }) }],
      plugins: [rulesPlugin([{ value: SHARE_GOAL, scale: 'y', color: COLORS.goal }])],
    };
  }, [keys, shares, hourly, tick, fmt, t]);

  const measured = keys.flatMap((k, i) => (shares[i] === null ? [] : [{ key: k, share: shares[i] as number }]));
  const best = measured.reduce<(typeof measured)[number] | null>((b, m) => (b === null || m.share > b.share ? m : b), null);
  const worst = measured.reduce<(typeof measured)[number] | null>((w, m) => (w === null || m.share < w.share ? m : w), null);
  const rows = rowsOf(source.groups, label);
  const k = hovered === null ? undefined : keys[hovered];
  const title = hourly ? t('reports.charts.share.titleHours') : t('reports.charts.share.titleDays');
  return (
    <ChartFigure
      id="share"
      kind="bar"
      title={title}
      summary={best && worst ? t('reports.charts.share.summary', { best: label(best.key), bestPct: fmt.pct(best.share), worst: label(worst.key), worstPct: fmt.pct(worst.share) }) : ''}
      legend={[
        { label: t('reports.charts.share.good'), color: COLORS.ok },
        { label: t('reports.charts.share.fair'), color: COLORS.warn },
        { label: t('reports.charts.share.poor'), color: COLORS.late },
        { label: t('reports.charts.share.goal', { pct: fmt.pct(SHARE_GOAL) }), color: COLORS.goal, dashed: true },
      ]}
      readout={k === undefined ? null : `${label(k)} · ${fmt.pct(figuresOf.get(k)?.withinTarget ?? null)}`}
      chart={<UChart options={options} data={data} height={HEIGHT} onHover={setHovered} />}
      table={
        <FiguresTable
          first={hourly ? t('reports.col.hour') : t('reports.col.day')}
          columns={hourly ? HOUR_WAIT_COLUMNS : DAY_COLUMNS}
          rows={rows}
          fmt={fmt}
          lang={lang}
          targetMin={targetMin}
          file={`${file}-within-target-by-${hourly ? 'hour' : 'day'}`}
          caption={title}
        />
      }
    />
  );
}

const SEPARATOR: Record<string, string> = { en: '/', ru: '.', vi: '/', uz: '.' };

/** "02.03" or "02/03": an axis tick for a calendar day, day first as all four languages write it. */
export function dayMonth(day: string, lang: string): string {
  return `${day.slice(8, 10)}${SEPARATOR[lang.slice(0, 2)] ?? '/'}${day.slice(5, 7)}`;
}

export function ServiceChart({ report, serviceName, fmt, lang, targetMin, file }: Common & { report: Report; serviceName: Labeller }) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useHover();
  // The busiest services, the one furthest below the norm on top.
  const shown = useMemo(
    () =>
      [...report.groups]
        .sort((a, b) => b.figures.issued - a.figures.issued)
        .slice(0, MAX_SERVICE_BARS)
        .sort((a, b) => (a.figures.withinTarget ?? 2) - (b.figures.withinTarget ?? 2)),
    [report],
  );
  const names = useMemo(() => shown.map((g) => serviceName(g.key)), [shown, serviceName]);
  const shares = useMemo(() => shown.map((g) => g.figures.withinTarget), [shown]);
  const data = useMemo<uPlot.AlignedData>(() => [shown.map((_, i) => i), shares], [shown, shares]);
  const options = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(() => {
    const colors = shares.map((s) => (s === null ? NO_BAR_STROKE : COLORS[shareLevel(s)]));
    const short = names.map((n) => (n.length > 30 ? `${n.slice(0, 29)}…` : n));
    return {
      legend: { show: false },
      cursor: { points: { show: false }, drag: { x: false, y: false } },
      // Bars lying down: the services' axis runs down the left, the share along the bottom.
      scales: { x: { time: false, ori: 1, dir: -1, range: [-0.6, shown.length - 0.4] }, y: { ori: 0, dir: 1, range: [0, 1] } },
      axes: [
        {
          ...AXIS,
          side: 3,
          grid: { show: false },
          splits: () => shown.map((_, i) => i),
          values: (_u, s) => s.map((i) => short[i] ?? ''),
          size: (u) => {
            u.ctx.font = `${12 * uPlot.pxRatio}px system-ui, sans-serif`;
            const widest = Math.max(0, ...short.map((n) => u.ctx.measureText(n).width / uPlot.pxRatio));
            return Math.min(260, Math.ceil(widest) + 14);
          },
        },
        { ...AXIS, side: 2, size: 30, splits: () => [0, 0.25, 0.5, 0.75, 1], values: (_u, s) => s.map((v) => fmt.pct(v)) },
      ],
      series: [{}, { label: t('reports.col.withinTarget'), fill: COLORS.ok, stroke: NO_BAR_STROKE, width: 0, points: { show: false }, paths: bars({ size: [0.66, 22], gap: 1, radius: 0.15, disp: barFill(() => colors) }) }],
      plugins: [rulesPlugin([{ value: SHARE_GOAL, scale: 'y', color: COLORS.goal }])],
    };
  }, [shown, names, shares, fmt, t]);

  const lowest = shown[0];
  const rows = rowsOf(report.groups, serviceName);
  const g = hovered === null ? undefined : shown[hovered];
  const title = t('reports.charts.services.title');
  return (
    <ChartFigure
      id="services"
      kind="bar"
      title={title}
      summary={
        lowest && lowest.figures.withinTarget !== null
          ? t(report.groups.length > MAX_SERVICE_BARS ? 'reports.charts.services.summaryBusiest' : 'reports.charts.services.summary', {
              service: serviceName(lowest.key),
              pct: fmt.pct(lowest.figures.withinTarget),
              n: MAX_SERVICE_BARS,
            })
          : ''
      }
      legend={[
        { label: t('reports.charts.share.good'), color: COLORS.ok },
        { label: t('reports.charts.share.fair'), color: COLORS.warn },
        { label: t('reports.charts.share.poor'), color: COLORS.late },
        { label: t('reports.charts.share.goal', { pct: fmt.pct(SHARE_GOAL) }), color: COLORS.goal, dashed: true },
      ]}
      readout={g === undefined ? null : `${serviceName(g.key)} · ${fmt.pct(g.figures.withinTarget)} · ${t('reports.col.issued')}: ${fmt.count(g.figures.issued)}`}
      chart={<UChart options={options} data={data} height={Math.max(HEIGHT, shown.length * 26 + 40)} onHover={setHovered} />}
      table={<FiguresTable first={t('reports.groupings.service')} columns={SERVICE_COLUMNS} rows={rows} fmt={fmt} lang={lang} targetMin={targetMin} file={`${file}-by-service`} caption={title} />}
    />
  );
}
