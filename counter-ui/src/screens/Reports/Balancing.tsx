/**
 * "What balancing saved" (issue 12), for supervisors and admins: the period's past days as they
 * went against the same days replayed with every counter on its plan, in one sentence a director
 * can quote, what made the difference (merges, releases, who decided), a chart and a table by day.
 * The server replays a few days per request; the store asks again while days are pending.
 */
import type { BalancingReport } from '@qms/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { balancingKey } from '../../store/reports';
import { anyMoves, BALANCING_DAY_COLUMNS, balancingState, decidersOf, hasPastDays, headline, hoursOf, totalDay } from './balancing';
import { BalancingChart } from './BalancingChart';
import { FiguresTable } from './FiguresTable';
import type { Fmt } from './format';
import type { Period } from './period';
import type { Labeller } from './tables';
import './balancing.css';

interface Props {
  period: Period;
  today: string;
  targetMin: number;
  fmt: Fmt;
  lang: string;
  dayLabel: Labeller;
  /** File name stem for the CSVs. */
  file: string;
  /** Bumped by the screen's Refresh: ask again. */
  round: number;
}

export function BalancingPanel({ period, today, targetMin, fmt, lang, dayLabel, file, round }: Props) {
  const { t } = useTranslation();
  const { from, to } = period;
  const token = useStore((s) => s.token);
  const watch = useStore((s) => s.watchBalancing);
  const entry = useStore((s) => s.balancing[balancingKey(s.token, period)]);
  const past = hasPastDays(period, today);
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    if (!past || !token) return;
    return watch({ from, to });
  }, [past, token, from, to, watch, retry, round]);

  const state = balancingState(period, today, entry);
  const data = entry?.data ?? null;
  let body;
  switch (state) {
    case 'todayOnly':
      body = (
        <p className="balancing-state" data-testid="balancing-today">
          {t('reports.balancing.todayOnly')}
        </p>
      );
      break;
    case 'loading':
      body = <p className="balancing-state muted">{t('reports.balancing.loading')}</p>;
      break;
    case 'pending': {
      const total = (data?.days.length ?? 0) + (data?.pending.length ?? 0);
      const done = data?.days.length ?? 0;
      body = (
        <div className="balancing-state" data-testid="balancing-pending">
          <p>{t('reports.balancing.pending', { left: fmt.count(data?.pending.length ?? 0), total: fmt.count(total) })}</p>
          <div className="balancing-progress" role="progressbar" aria-label={t('reports.balancing.progress')} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
            <span style={{ width: `${total === 0 ? 0 : (done / total) * 100}%` }} />
          </div>
        </div>
      );
      break;
    }
    case 'failed':
      body = (
        <div className="balancing-state report-error" role="alert" data-testid="balancing-error">
          <strong>
            {t('reports.balancing.failed')} {t(`errors.${entry?.error?.code ?? 'INTERNAL'}`, { defaultValue: entry?.error?.code ?? '' })}
          </strong>
          <span className="banner-detail" lang="en">
            {entry?.error?.message}
          </span>
          <button type="button" className="btn btn-small" onClick={() => setRetry((n) => n + 1)}>
            {t('reports.retry')}
          </button>
        </div>
      );
      break;
    case 'none':
      body = (
        <p className="balancing-state" data-testid="balancing-none">
          {t('reports.balancing.none')}
        </p>
      );
      break;
    case 'ready':
      body = data && <Saved report={data} targetMin={targetMin} fmt={fmt} lang={lang} dayLabel={dayLabel} file={file} />;
      break;
  }

  return (
    <section className="panel balancing" aria-labelledby="balancing-title" data-testid="balancing" data-state={state} data-from={from} data-to={to}>
      <header className="panel-head">
        <h2 id="balancing-title">{t('reports.balancing.title')}</h2>
        {past && to >= today && <span className="panel-count">{t('reports.balancing.todayLeftOut')}</span>}
      </header>
      {body}
      {/* With the figures, it stands under them; otherwise it says what the panel will show. */}
      {state !== 'ready' && <How />}
    </section>
  );
}

function How() {
  const { t } = useTranslation();
  return (
    <p className="balancing-how" data-testid="balancing-how">
      {t('reports.balancing.how')}
    </p>
  );
}

/** A figure with its unit ("15 min", "89 %") never broken across lines. */
const nb = (s: string) => s.replace(/ /g, '\u00a0');

function Saved({ report, targetMin, fmt, lang, dayLabel, file }: { report: BalancingReport; targetMin: number; fmt: Fmt; lang: string; dayLabel: Labeller; file: string }) {
  const { t } = useTranslation();
  const h = headline(report);
  const title = t('reports.balancing.tableTitle');
  return (
    <>
      <div className="balancing-top">
        <div className="balancing-lead">
          <p className="balancing-headline" data-testid="balancing-headline">
            {t('reports.balancing.headline', {
              within: nb(fmt.pct(h.with.withinTarget)),
              target: nb(fmt.min(targetMin)),
              mean: nb(fmt.min(h.with.meanWaitMin)),
              withinWithout: nb(fmt.pct(h.without.withinTarget)),
              meanWithout: nb(fmt.min(h.without.meanWaitMin)),
            })}
          </p>
          {h.verdict === 'better' && (
            <p className="balancing-gain" data-testid="balancing-gain">
              {t('reports.balancing.gain', { n: nb(fmt.count(h.extraWithin ?? 0)), hours: nb(fmt.num(h.hoursSaved)), min: nb(fmt.min(h.minutesSaved)) })}
            </p>
          )}
          {h.verdict === 'same' && (
            <p className="balancing-gain balancing-same" data-testid="balancing-gain">
              {t('reports.balancing.same')}
            </p>
          )}
          <p className="balancing-scope" data-testid="balancing-scope">
            {t('reports.balancing.scope', { days: fmt.count(h.days), visitors: fmt.count(h.visitors) })}
          </p>
          <How />
          <Moves moves={report.moves} fmt={fmt} />
        </div>
        <BalancingChart days={report.days} dayLabel={dayLabel} fmt={fmt} lang={lang} targetMin={targetMin} file={file} />
      </div>
      <div className="balancing-days">
        <h3>{title}</h3>
        <FiguresTable
          first={t('reports.col.day')}
          columns={BALANCING_DAY_COLUMNS}
          rows={report.days.map((d) => ({ key: d.day, label: dayLabel(d.day), figures: d }))}
          total={totalDay(report)}
          fmt={fmt}
          lang={lang}
          targetMin={targetMin}
          file={`${file}-balancing-by-day`}
          caption={title}
          testId="balancing-table"
        />
      </div>
    </>
  );
}

function Moves({ moves: m, fmt }: { moves: BalancingReport['moves']; fmt: Fmt }) {
  const { t } = useTranslation();
  const staff = useStore((s) => s.lists.staff);
  const deciders = decidersOf(m.decidedBy, (login) => staff?.find((s) => s.login === login)?.name);
  const row = (id: string, label: string, value: string) => (
    <div key={id}>
      <dt>{label}</dt>
      <dd data-testid={`moves-${id}`}>{value}</dd>
    </div>
  );
  return (
    <div className="balancing-moves">
      <h3>{t('reports.balancing.moves.title')}</h3>
      {anyMoves(m) ? (
        <dl data-testid="balancing-moves">
          {row('merges', t('reports.balancing.moves.merges'), fmt.count(m.merges))}
          {row('releases', t('reports.balancing.moves.releases'), fmt.count(m.releases))}
          {row('beyond', t('reports.balancing.moves.beyond'), t('reports.balancing.moves.beyondValue', { min: fmt.count(m.mergedMinutes), hours: fmt.num(hoursOf(m.mergedMinutes)) }))}
          {row('made-by', t('reports.balancing.moves.madeBy'), t('reports.balancing.moves.madeByValue', { auto: fmt.count(m.automatic), staff: fmt.count(m.byStaff) }))}
          {row(
            'proposals',
            t('reports.balancing.moves.proposals'),
            t('reports.balancing.moves.proposalsValue', { accepted: fmt.count(m.proposals.accepted), rejected: fmt.count(m.proposals.rejected), expired: fmt.count(m.proposals.expired) }),
          )}
          {deciders.length > 0 &&
            row(
              'decided-by',
              t('reports.balancing.moves.decidedBy'),
              deciders.map((d) => t('reports.balancing.moves.decider', { name: d.name, accepted: fmt.count(d.accepted), rejected: fmt.count(d.rejected) })).join('; '),
            )}
        </dl>
      ) : (
        <p className="muted" data-testid="balancing-moves-none">
          {t('reports.balancing.moves.nothing')}
        </p>
      )}
    </div>
  );
}
