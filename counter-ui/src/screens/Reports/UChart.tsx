/**
 * uPlot in React: a canvas chart that follows its box's width. The canvas is hidden from screen
 * readers; the figure around it carries the text alternative and a table of the same numbers.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UChartProps {
  /** Memoised by the caller: a new object redraws the chart. */
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: uPlot.AlignedData;
  height: number;
  /** The data index under the pointer, or null when it leaves. */
  onHover?: (idx: number | null) => void;
}

export function UChart({ options, data, height, onHover }: UChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const hover = useRef(onHover);
  useEffect(() => {
    hover.current = onHover;
  }, [onHover]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const width = () => Math.max(200, Math.floor(el.clientWidth));
    const hooks = { ...options.hooks, setCursor: [...(options.hooks?.setCursor ?? []), (u: uPlot) => hover.current?.(u.cursor.idx ?? null)] };
    const plot = new uPlot({ ...options, hooks, width: width(), height }, data, el);
    const resized = new ResizeObserver(() => {
      if (width() !== plot.width) plot.setSize({ width: width(), height });
    });
    resized.observe(el);
    return () => {
      resized.disconnect();
      plot.destroy();
    };
  }, [options, data, height]);

  return <div ref={box} className="uchart" aria-hidden="true" />;
}

export interface Rule {
  value: number;
  scale: string;
  color: string;
}

/** Dashed reference lines (the target wait, the 80 % standard) across the plot, whichever way it lies. */
export function rulesPlugin(rules: Rule[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          for (const r of rules) {
            const at = u.valToPos(r.value, r.scale, true);
            ctx.save();
            ctx.strokeStyle = r.color;
            ctx.lineWidth = 1.5 * uPlot.pxRatio;
            ctx.setLineDash([6 * uPlot.pxRatio, 4 * uPlot.pxRatio]);
            ctx.beginPath();
            // A scale drawn up the side (ori 1) gives a y position: the rule runs across.
            if (u.scales[r.scale]?.ori === 1) {
              ctx.moveTo(left, at);
              ctx.lineTo(left + width, at);
            } else {
              ctx.moveTo(at, top);
              ctx.lineTo(at, top + height);
            }
            ctx.stroke();
            ctx.restore();
          }
        },
      ],
    },
  };
}

/** Axis looks shared by every chart: the app's muted ink, hairline grid. */
export const AXIS: Partial<uPlot.Axis> = {
  stroke: '#586372',
  font: '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  grid: { stroke: '#eceef2', width: 1 },
  ticks: { stroke: '#d6dbe2', width: 1, size: 4 },
};

export const COLORS = {
  arrivals: '#9aa8bb',
  served: '#1d4ed8',
  p50: '#1d4ed8',
  p90: '#c2410c',
  target: '#b42318',
  goal: '#17202b',
  ok: '#2f8a4c',
  warn: '#d69e00',
  late: '#c63a2a',
} as const;

export const BANDS = ['#2f8a4c', '#9bc36a', '#e3a72f', '#c63a2a'] as const;

/** uPlot's bar paths (always built in; optional only in its types). */
export function bars(opts: uPlot.Series.BarsPathBuilderOpts): uPlot.Series.PathBuilder {
  const build = uPlot.paths.bars;
  if (!build) throw new Error('uPlot without bars');
  return build(opts);
}

/** Bars coloured one by one (uPlot's "disp" facet, unit 3 = a colour per value). */
export function barFill(colors: () => string[]): uPlot.Series.BarsPathBuilderDisplay {
  return { fill: { unit: 3 as uPlot.Series.BarsPathBuilderFacetUnit, values: () => colors() } };
}
