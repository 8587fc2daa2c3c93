/**
 * Reports (issue 12): how the center's days went against the norm. A period and a grouping; the
 * summary, four charts and the table by group, each table downloadable as CSV; the raw ticket log
 * and what balancing saved (Balancing.tsx) for supervisors and admins. Operators see the tickets they served (the server sees to that).
 * Loaded lazily (App.tsx), with its chart library and styles.
 */
import { MAX_REPORT_DAYS, type AppErrorBody, type ReportGrouping } from '@qms/shared';
import { formatCalendarDay } from '@qms/shared/client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCategoryName, useLanguage, useServerNow, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import { reportKey } from '../../store/reports';
import { AppointmentsCard } from './Appointments';
import { BalancingPanel } from './Balancing';
import { FlowChart, ServiceChart, ShareChart, WaitChart } from './Charts';
import { downloadTicketLog } from './download';
import { FiguresTable } from './FiguresTable';
import { formatter } from './format';
import { periodOf, periodProblem, todayIn, type Period } from './period';
import { Pickers } from './Pickers';
import { SatisfactionCard } from './Satisfaction';
import { Summary } from './Summary';
import { GROUP_COLUMNS, labeller, rowsOf } from './tables';
import './reports.css';

/** The charts' groupings, fetched for every period whatever the table shows. */
const CHART_GROUPINGS: ReportGrouping[] = ['hour', 'day', 'service'];

export default function Reports() {
  const { t } = useTranslation();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  // The center's zone comes with the hall: until then, "today" is not known.
  if (!timeZone) return <p className="loading">{t('common.loading')}</p>;
  return <ReportsPage timeZone={timeZone} />;
}

function rangeText(p: Period, lang: string, t: TFunction): string {
  if (p.from === p.to) return formatCalendarDay(p.from, lang);
  if (p.from.slice(0, 4) !== p.to.slice(0, 4)) return `${formatCalendarDay(p.from, lang)} – ${formatCalendarDay(p.to, lang)}`;
  return t('reports.range', { from: formatCalendarDay(p.from, lang, true), to: formatCalendarDay(p.to, lang, true), year: p.to.slice(0, 4) });
}

function ReportsPage({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useMemo(() => formatter(lang, t), [lang, t]);
  const token = useStore((s) => s.token);
  const staff = useStore((s) => s.staff);
  const choice = useStore((s) => s.reportChoice);
  const fetchReport = useStore((s) => s.fetchReport);
  const loadList = useStore((s) => s.loadList);
  const counters = useStore((s) => s.hall?.counters);
  const staffList = useStore((s) => s.lists.staff);
  const serviceName = useServiceName();
  const categoryName = useCategoryName();
  const operator = staff?.role === 'operator';

  const today = todayIn(useServerNow(60_000), timeZone);
  const period = periodOf(choice.preset, today, choice.custom);
  const { from, to } = period;
  const problem = periodProblem(period);
  const groupBy = choice.groupBy;

  useEffect(() => {
    // Names for the operator column; an operator's report holds only themselves.
    if (!operator) void loadList('staff');
  }, [operator, loadList]);

  const refresh = useCallback(
    (which: ReportGrouping[]) => {
      for (const g of which) void fetchReport({ from, to }, g);
    },
    [fetchReport, from, to],
  );
  useEffect(() => {
    if (!problem && token) refresh(CHART_GROUPINGS);
  }, [problem, token, refresh]);
  useEffect(() => {
    if (!problem && token && !CHART_GROUPINGS.includes(groupBy)) refresh([groupBy]);
  }, [problem, token, groupBy, refresh]);

  const main = useStore((s) => s.reports[reportKey(token, period, groupBy)]);
  const byHour = useStore((s) => s.reports[reportKey(token, period, 'hour')]?.data);
  const byDay = useStore((s) => s.reports[reportKey(token, period, 'day')]?.data);
  const byService = useStore((s) => s.reports[reportKey(token, period, 'service')]?.data);

  const label = useMemo(
    () =>
      labeller(groupBy, {
        t,
        service: serviceName,
        category: categoryName,
        counterNumber: (id) => counters?.[id]?.number,
        staffName: (login) => staffList?.find((s) => s.login === login)?.name ?? (login === staff?.login ? staff.name : undefined),
        day: (d) => formatCalendarDay(d, lang),
      }),
    [groupBy, t, serviceName, categoryName, counters, staffList, staff, lang],
  );
  const dayLabel = useCallback((d: string) => formatCalendarDay(d, lang), [lang]);

  const report = main?.data ?? null;
  // Refresh asks for what balancing saved again too.
  const [round, setRound] = useState(0);
  const everything = () => {
    refresh([...new Set([groupBy, ...CHART_GROUPINGS])]);
    setRound((n) => n + 1);
  };
  const file = `report-${from}-${to}`;
  const targetMin = report?.targetWaitMin ?? 15;

  let body;
  if (problem) {
    body = (
      <p className="report-state report-problem" role="alert" data-testid="report-problem">
        {t(`reports.problem.${problem}`, { n: MAX_REPORT_DAYS })}
      </p>
    );
  } else if (main?.error) {
    body = <ReportError error={main.error} onRetry={everything} />;
  } else if (!report) {
    body = (
      <p className="report-state" data-testid="report-loading">
        {t('reports.loading')}
      </p>
    );
  } else if (report.total.issued === 0) {
    body = (
      <div className="report-state report-empty" data-testid="report-empty">
        <strong>{t('reports.empty')}</strong>
        <span className="muted">{t('reports.emptyHint')}</span>
      </div>
    );
  } else {
    const tableTitle = t(`reports.tableTitle.${groupBy}`);
    body = (
      <>
        <Summary f={report.total} targetMin={targetMin} fmt={fmt} />
        {report.appointments && report.appointments.booked > 0 && <AppointmentsCard a={report.appointments} fmt={fmt} />}
        <div className="charts">
          <FlowChart flow={report.flow} fmt={fmt} lang={lang} targetMin={targetMin} file={file} />
          {byHour && <WaitChart report={byHour} fmt={fmt} lang={lang} targetMin={targetMin} file={file} />}
          {byDay && byHour && <ShareChart period={period} byDay={byDay} byHour={byHour} dayLabel={dayLabel} fmt={fmt} lang={lang} targetMin={targetMin} file={file} />}
          {byService && <ServiceChart report={byService} serviceName={serviceName} fmt={fmt} lang={lang} targetMin={targetMin} file={file} />}
        </div>
        <section className="panel report-groups" aria-labelledby="report-table-title" data-testid="report-groups" data-grouping={report.groupBy} data-from={report.from} data-to={report.to}>
          <header className="panel-head">
            <h2 id="report-table-title">{tableTitle}</h2>
            <span className="panel-count">{t('reports.targetNote', { n: fmt.num(targetMin) })}</span>
          </header>
          <FiguresTable
            first={groupBy === 'none' ? t('reports.period') : t(`reports.groupings.${groupBy}`)}
            columns={GROUP_COLUMNS}
            rows={rowsOf(report.groups, label)}
            total={report.total}
            fmt={fmt}
            lang={lang}
            targetMin={targetMin}
            file={`${file}-${groupBy}`}
            caption={tableTitle}
            testId="group-table"
          />
        </section>
        <SatisfactionCard period={period} fmt={fmt} lang={lang} round={round} />
        {/* Supervisors and admins only: the server refuses operators, and the panel does not ask for them. */}
        {!operator && <BalancingPanel period={period} today={today} targetMin={targetMin} fmt={fmt} lang={lang} dayLabel={dayLabel} file={file} round={round} />}
      </>
    );
  }

  return (
    <div className="page reports" data-testid="reports" aria-busy={main?.loading ?? false}>
      <header className="reports-head">
        <div className="reports-title">
          <h1>{t('reports.title')}</h1>
          <p className="muted" data-testid="report-range">
            {rangeText(period, lang, t)}
            <span className="range-zone">{t('reports.zone', { zone: timeZone })}</span>
          </p>
        </div>
        <div className="reports-actions">
          {main?.loading && report && <span className="muted small">{t('reports.updating')}</span>}
          <button type="button" className="btn" data-testid="report-refresh" disabled={!!problem} onClick={everything}>
            {t('reports.refresh')}
          </button>
          {!operator && token && <TicketLogButton token={token} period={period} disabled={!!problem} />}
        </div>
      </header>
      <Pickers period={period} today={today} />
      {operator && (
        <p className="banner banner-notice" data-testid="report-mine">
          {t('reports.mine')}
        </p>
      )}
      {body}
    </div>
  );
}

function ReportError({ error, onRetry }: { error: AppErrorBody; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="report-state report-error" role="alert" data-testid="report-error">
      <strong>
        {t('reports.failed')} {t(`errors.${error.code}`, { defaultValue: error.code })}
      </strong>
      {/* The server's words, as it wrote them (in English): what exactly went wrong. */}
      <span className="banner-detail" lang="en" data-testid="report-error-message">
        {error.message}
      </span>
      <button type="button" className="btn btn-small" onClick={onRetry}>
        {t('reports.retry')}
      </button>
    </div>
  );
}

function TicketLogButton({ token, period, disabled }: { token: string; period: Period; disabled: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    setError(await downloadTicketLog(token, period));
    setBusy(false);
  };
  return (
    <>
      <button type="button" className="btn btn-primary" data-testid="ticket-log" disabled={disabled || busy} onClick={() => void download()} title={t('reports.ticketLogHint')}>
        {busy ? t('reports.preparing') : t('reports.ticketLog')}
      </button>
      {error && (
        <span className="warn-text small" role="alert" data-testid="ticket-log-error">
          {t('reports.downloadFailed')} <span lang="en">{error.message}</span>
        </span>
      )}
    </>
  );
}
