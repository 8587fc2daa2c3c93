/**
 * The satisfaction index of the period (issue 14), as Vietnam's SIPAS publishes it: the share of
 * ratings with an overall 4 or 5, the mean per criterion, the complaints; and a table by service,
 * operator, counter or day with its CSV. Operators see the visits they served (the server sees to
 * that), so their card has no table by operator.
 */
import type { RatingCriterion, SatisfactionFigures, SatisfactionRow } from '@qms/shared';
import { formatCalendarDay, formatNumber } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { satisfactionKey, type SatisfactionGrouping } from '../../store/ratings';
import { useRatingText, type RatingText } from '../Complaints/ratingText';
import { csvDialect, toCsv, type CsvCell } from './csv';
import { saveCsv } from './download';
import type { Fmt } from './format';
import type { Period } from './period';
import { shareLevel } from './tables';

const GROUPINGS: SatisfactionGrouping[] = ['service', 'operator', 'counter', 'day'];
/** The overall score first, as the visitor was asked. */
const ASKED: RatingCriterion[] = ['overall', 'waiting', 'courtesy', 'competence', 'comfort'];

export function SatisfactionCard({ period, fmt, lang, round }: { period: Period; fmt: Fmt; lang: string; round: number }) {
  const t = useRatingText();
  const { t: tm } = useTranslation();
  const token = useStore((s) => s.token);
  const operator = useStore((s) => s.staff?.role === 'operator');
  const fetchSatisfaction = useStore((s) => s.fetchSatisfaction);
  const [groupBy, setGroupBy] = useState<SatisfactionGrouping>('service');
  const shown = operator && groupBy === 'operator' ? 'service' : groupBy;
  const entry = useStore((s) => s.satisfaction[satisfactionKey(token, period.from, period.to, shown)]);
  const label = useLabel(shown, lang, t);

  useEffect(() => void fetchSatisfaction(period.from, period.to, shown), [fetchSatisfaction, period.from, period.to, shown, token, round]);

  const report = entry?.data;
  const f = report?.total;
  const level = f?.satisfiedShare == null ? null : shareLevel(f.satisfiedShare);
  const title = t('satisfaction.title');
  return (
    <section className="panel satisfaction" aria-labelledby="satisfaction-title" data-testid="satisfaction" aria-busy={entry?.loading ?? false}>
      <header className="panel-head">
        <h2 id="satisfaction-title">{title}</h2>
        {operator && <span className="panel-count">{t('satisfaction.mine')}</span>}
      </header>
      {entry?.error && (
        <p className="report-state report-error" role="alert">
          {t('satisfaction.failed')} <span lang="en">{entry.error.message}</span>
        </p>
      )}
      {f && f.ratings === 0 && (
        <p className="report-state" data-testid="satisfaction-empty">
          {t('satisfaction.empty')}
        </p>
      )}
      {f && f.ratings > 0 && report && (
        <div className="satisfaction-body">
          <div className="satisfaction-figures">
            <div className={`card card-norm${level ? ` card-${level}` : ''}`}>
              <h3 className="card-title">{t('satisfaction.index')}</h3>
              <div className="norm-figure">
                <span className={level ? `norm-value lvl-text lvl-${level}` : 'norm-value'} data-testid="satisfaction-index">
                  {fmt.pct(f.satisfiedShare)}
                </span>
                <span className="norm-of">{t('satisfaction.indexOf', { n: fmt.count(Math.round((f.satisfiedShare ?? 0) * f.ratings)), total: fmt.count(f.ratings) })}</span>
              </div>
              <p className="satisfaction-complaints">
                {t('satisfaction.complaints')}: <strong data-testid="satisfaction-complaints">{fmt.count(f.complaints)}</strong>
                {f.complaintsOpen > 0 && <span className="lvl-text lvl-late"> · {t('satisfaction.complaintsOpen', { n: fmt.count(f.complaintsOpen) })}</span>}
              </p>
            </div>
            <div className="card">
              <h3 className="card-title">{t('satisfaction.means')}</h3>
              <Means f={f} lang={lang} t={t} />
            </div>
          </div>
          <div className="satisfaction-table">
            <label className="field-inline group-by">
              <span>{t('satisfaction.groupBy')}</span>
              <select className="input" value={shown} onChange={(e) => setGroupBy(e.target.value as SatisfactionGrouping)} data-testid="satisfaction-group">
                {GROUPINGS.filter((g) => !operator || g !== 'operator').map((g) => (
                  <option key={g} value={g}>
                    {t(`satisfaction.groupings.${g}`)}
                  </option>
                ))}
              </select>
            </label>
            <Table rows={report.rows} total={f} label={label} first={t(`satisfaction.groupings.${shown}`)} caption={`${title}: ${t(`satisfaction.groupings.${shown}`)}`} fmt={fmt} lang={lang} t={t} file={`satisfaction-${period.from}-${period.to}-${shown}`} totalLabel={tm('reports.total')} />
          </div>
        </div>
      )}
    </section>
  );
}

/** Each criterion's mean out of 5, as a number and a bar. */
function Means({ f, lang, t }: { f: SatisfactionFigures; lang: string; t: RatingText }) {
  return (
    <dl className="means">
      {ASKED.filter((c) => f.means[c] !== undefined).map((c) => (
        <div key={c} className="mean" data-criterion={c}>
          <dt>{t(`criteria.${c}`)}</dt>
          <dd>
            <span className="mean-bar" aria-hidden="true">
              <span style={{ width: `${(f.means[c]! / 5) * 100}%` }} />
            </span>
            <span className="mean-value">{formatNumber(f.means[c]!, lang, 2, true)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Column by column: what the table shows and the CSV holds, the very same figures. */
function cellsOf(f: SatisfactionFigures): (number | null)[] {
  return [f.ratings, f.satisfiedShare === null ? null : f.satisfiedShare * 100, ...ASKED.map((c) => f.means[c] ?? null), f.complaints, f.complaintsOpen];
}

function Table(props: { rows: SatisfactionRow[]; total: SatisfactionFigures; label: (key: string) => string; first: string; caption: string; fmt: Fmt; lang: string; t: RatingText; file: string; totalLabel: string }) {
  const { rows, total, label, first, caption, fmt, lang, t, file, totalLabel } = props;
  const header = [first, t('satisfaction.ratings'), t('satisfaction.satisfied'), ...ASKED.map((c) => t(`criteria.${c}`)), t('satisfaction.complaints'), t('complaints.status.open')];
  const show = (v: number | null, i: number) => (v === null ? '—' : i === 0 || i >= 7 ? fmt.count(v) : i === 1 ? formatNumber(v, lang, 0) : formatNumber(v, lang, 2, true));
  const download = () => {
    const body: CsvCell[][] = [...rows.map((r) => [label(r.key), ...cellsOf(r)]), [totalLabel, ...cellsOf(total)]];
    saveCsv(toCsv(header, body, csvDialect(lang)), `${file}.csv`);
  };
  return (
    <div className="figures-table" data-testid="satisfaction-table">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="table report-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {header.map((h, i) => (
                <th key={h} scope="col" className={i === 0 ? undefined : 'num'}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="satisfaction-row" data-key={r.key}>
                <th scope="row" className="row-label">
                  {label(r.key)}
                </th>
                {cellsOf(r).map((v, i) => (
                  <td key={i} className="num">
                    {show(v, i)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="row-label">
                {totalLabel}
              </th>
              {cellsOf(total).map((v, i) => (
                <td key={i} className="num">
                  {show(v, i)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <div className="table-foot">
        <button type="button" className="btn btn-small" onClick={download} aria-label={`${t('satisfaction.download')}: ${caption}`}>
          {t('satisfaction.download')}
        </button>
      </div>
    </div>
  );
}

/** A group key in the viewer's words: a service's name, a counter's number, a person's name, a day. */
function useLabel(by: SatisfactionGrouping, lang: string, t: RatingText): (key: string) => string {
  const service = useServiceName();
  const counters = useStore((s) => s.hall?.counters);
  const staffList = useStore((s) => s.lists.staff);
  const me = useStore((s) => s.staff);
  return (key) => {
    if (key === '') return '—';
    switch (by) {
      case 'service':
        return service(key);
      case 'counter':
        return `${t('complaints.counter')} ${counters?.[key]?.number ?? key}`;
      case 'operator':
        return staffList?.find((s) => s.login === key)?.name ?? (key === me?.login ? me.name : key);
      case 'day':
        return formatCalendarDay(key, lang);
    }
  };
}
