/**
 * A table of figures, one row per group and a total, with its CSV download: headings in the
 * viewer's language, the same numbers as on screen.
 */
import { useTranslation } from 'react-i18next';
import { waitLevel } from '../../logic/waits';
import { csvDialect, toCsv } from './csv';
import { saveCsv } from './download';
import type { Fmt } from './format';
import { csvRows, shareLevel, type Column, type Row } from './tables';

export interface FiguresTableProps<T> {
  /** What the first column holds: "Service", "Hour". */
  first: string;
  columns: Column<T>[];
  rows: Row<T>[];
  total?: T | undefined;
  fmt: Fmt;
  lang: string;
  targetMin: number;
  /** The file's name without ".csv". */
  file: string;
  caption: string;
  testId?: string | undefined;
}

export function FiguresTable<T>({ first, columns, rows, total, fmt, lang, targetMin, file, caption, testId }: FiguresTableProps<T>) {
  const { t } = useTranslation();
  const heading = (c: Column<T>) => t(`reports.col.${c.id}`);
  // Headings over runs of columns of one group ("Wait, min" over Mean, Median, P90…); a column of
  // no group keeps its place in that row, empty.
  const spans = columns.reduce<{ group: Column<T>['group']; n: number }[]>((runs, c) => {
    const last = runs.at(-1);
    if (last && last.group === c.group) last.n += 1;
    else runs.push({ group: c.group, n: 1 });
    return runs;
  }, []);
  const grouped = spans.some((s) => s.group);
  // A hairline before each group's first column.
  const starts = new Set(columns.filter((c, i) => grouped && c.group !== columns[i - 1]?.group).map((c) => c.id));
  const numClass = (c: Column<T>, extra = '') => ['num', starts.has(c.id) ? 'group-start' : '', extra].filter(Boolean).join(' ');
  const download = () => {
    const header = [first, ...columns.map((c: Column<T>) => (c.kind === 'pct' ? `${heading(c)}, %` : heading(c)))];
    const body = csvRows(columns, rows, total ? { label: t('reports.total'), figures: total } : undefined);
    saveCsv(toCsv(header, body, csvDialect(lang)), `${file}.csv`);
  };
  const cell = (c: Column<T>, f: T) => {
    const v = c.value(f);
    const level = v === null || !c.norm ? null : c.norm === 'share' ? shareLevel(v) : waitLevel(v, targetMin);
    return (
      <td key={c.id} className={numClass(c, level ? `lvl lvl-${level}` : '')} data-col={c.id}>
        {fmt.cell(c.kind, v)}
      </td>
    );
  };
  return (
    <div className="figures-table" data-testid={testId}>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table className="table report-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            {grouped && (
              <tr className="head-groups">
                <td />
                {spans.map((s, i) =>
                  s.group ? (
                    <th key={`${s.group}-${i}`} scope="colgroup" colSpan={s.n} className="group-start">
                      {t(`reports.colGroup.${s.group}`)}
                    </th>
                  ) : (
                    <td key={`none-${i}`} colSpan={s.n} />
                  ),
                )}
              </tr>
            )}
            <tr>
              <th scope="col">{first}</th>
              {columns.map((c) => (
                <th key={c.id} scope="col" className={numClass(c)} title={c.short ? heading(c) : undefined}>
                  {c.short ? t(`reports.short.${c.short}`) : heading(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="group-row" data-key={r.key}>
                <th scope="row" className="row-label">
                  {r.label}
                </th>
                {columns.map((c) => cell(c, r.figures))}
              </tr>
            ))}
          </tbody>
          {total && (
            <tfoot>
              <tr data-testid="total-row">
                <th scope="row" className="row-label">
                  {t('reports.total')}
                </th>
                {columns.map((c) => cell(c, total))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
      <div className="table-foot">
        <button type="button" className="btn btn-small" onClick={download} data-testid="csv" aria-label={`${t('reports.download')}: ${caption}`}>
          {t('reports.download')}
        </button>
      </div>
    </div>
  );
}
