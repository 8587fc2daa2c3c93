/**
 * The figures before and after: the plan as it is and the advised plan, against the two references
 * that bound any plan with these counters (each counter on its own services; every counter serving
 * everyone), each as the mean over the seeds with the lowest and highest day, and how much of the
 * static → pooled gap the plan captures.
 */
import { formatCalendarDay } from '@qms/shared/client';
import type { PlanFigures, PlanningAdvice, Spread } from '@qms/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/hooks';
import { formatter, type Fmt } from '../Reports/format';
import { usePlanningText, type PlanningText } from './planningText';

const ROWS = [
  { key: 'withinTarget', label: 'figures.withinTarget', kind: 'pct' },
  { key: 'meanWaitMin', label: 'figures.meanWait', kind: 'min' },
  { key: 'priorityP95Min', label: 'figures.priorityP95', kind: 'min' },
] as const;
const COLUMNS = ['current', 'advised', 'static', 'pooled'] as const;

export function spreadText(s: Spread, kind: 'pct' | 'min', fmt: Fmt, tr: PlanningText): string {
  const one = (v: number | null) => (kind === 'pct' ? fmt.pct(v) : fmt.min(v));
  if (s.mean === null) return one(null);
  // The unit once, on the mean: "31.8 min (4.6–97.9)".
  const bare = (v: number | null) => (kind === 'pct' ? fmt.pct(v) : fmt.num(v));
  return tr('figures.spread', { mean: one(s.mean), min: bare(s.min), max: bare(s.max) });
}

/** The three figures of one plan, as rows of a small table (also the tried day's). */
export function FigureRows({ columns, fmt }: { columns: { key: string; figures: PlanFigures }[]; fmt: Fmt }) {
  const tr = usePlanningText();
  return (
    <tbody>
      {ROWS.map((r) => (
        <tr key={r.key} data-figure={r.key}>
          <th scope="row">{tr(r.label)}</th>
          {columns.map((c) => (
            <td key={c.key} className="num">
              {spreadText(c.figures[r.key], r.kind, fmt, tr)}
            </td>
          ))}
        </tr>
      ))}
    </tbody>
  );
}

export function Figures({ advice, fittedDays }: { advice: PlanningAdvice; fittedDays: string[] | null }) {
  const tr = usePlanningText();
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useMemo(() => formatter(lang, t), [lang, t]);
  const gap = advice.gapCaptured;
  return (
    <section className="panel planning-figures" data-testid="plan-figures" aria-labelledby="plan-figures-title">
      <h2 id="plan-figures-title">{tr('figures.title')}</h2>
      {fittedDays && fittedDays.length > 0 && (
        <p className="muted" data-testid="plan-fitted">
          {tr('fitted', { n: fittedDays.length, from: formatCalendarDay(fittedDays[0]!, lang), to: formatCalendarDay(fittedDays.at(-1)!, lang) })}
        </p>
      )}
      <p className="muted">{tr('figures.summary', { seeds: advice.seeds })}</p>
      <div className="planning-scroll">
        <table className="table planning-figure-table">
          <thead>
            <tr>
              <th scope="col">{tr('figures.figure')}</th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className={`num col-${c}`}>
                  {tr(`figures.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <FigureRows columns={COLUMNS.map((c) => ({ key: c, figures: advice.figures[c] }))} fmt={fmt} />
        </table>
      </div>
      <p className="muted">{tr('figures.references')}</p>
      <p className="planning-gap" data-testid="plan-gap">
        {gap.advised === null ? tr('figures.noGap') : tr('figures.gap', { advised: fmt.pct(gap.advised), current: fmt.pct(gap.current) })}
      </p>
    </section>
  );
}
