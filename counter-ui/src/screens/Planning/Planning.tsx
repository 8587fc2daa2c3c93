/**
 * Planning (issue 15), for supervisors and admins: pick a day (a typical weekday fitted from the
 * center's history, or a scenario file), have the advisor work out the plan on the server (up to a
 * minute: every change is simulated before it is advised), then read it: counters needed against
 * planned by hour, the figures before and after against the static and pooled references, and the
 * ranked new skills and moved shifts, any of which can be tried together and the advised day
 * downloaded as a scenario file. Loaded lazily (App.tsx), with the Reports charts' styles.
 */
import { WEEKDAYS, type Weekday } from '@qms/shared';
import { useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow, useServiceName } from '../../components/hooks';
import { useStore } from '../../store';
import type { PlanningChoice } from '../../store/planning';
import { addDays, todayIn } from '../Reports/period';
import { Coded } from './Coded';
import { Figures } from './Figures';
import { NeedChart } from './NeedChart';
import { summarise } from './plan';
import { usePlanningText } from './planningText';
import { Steps } from './Steps';
import '../Reports/reports.css';
import './planning.css';
import { DateInput } from '../../components/DateInput';

/** Eight weeks: every weekday seen eight times, recent enough to be the center as it is now. */
const HISTORY_DAYS = 56;

export default function Planning() {
  const { t } = useTranslation();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  // The center's zone comes with the hall: until then, "yesterday" is not known.
  if (!timeZone) return <p className="loading">{t('common.loading')}</p>;
  return <PlanningPage timeZone={timeZone} />;
}

function PlanningPage({ timeZone }: { timeZone: string }) {
  const tr = usePlanningText();
  const { t } = useTranslation();
  const today = todayIn(useServerNow(60_000), timeZone);
  // Today is not over: the period ends yesterday.
  const defaults = useMemo<PlanningChoice>(() => ({ kind: 'period', from: addDays(today, -HISTORY_DAYS), to: addDays(today, -1), weekday: 'mon' }), [today]);
  const choice = useStore((s) => s.planningChoice) ?? defaults;
  const choose = useStore((s) => s.choosePlanning);
  const file = useStore((s) => s.planFile);
  const setFile = useStore((s) => s.setPlanFile);
  const busy = useStore((s) => s.planBusy);
  const error = useStore((s) => s.planError);
  const workOut = useStore((s) => s.workOutPlan);
  const token = useStore((s) => s.token);
  const result = useStore((s) => (s.planResult?.token === s.token ? s.planResult : null));
  const [fileProblem, setFileProblem] = useState<string | null>(null);

  const pick = (patch: Partial<PlanningChoice>) => choose(patch, defaults);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    setFileProblem(null);
    if (!f) return setFile(null);
    try {
      setFile({ name: f.name, json: JSON.parse(await f.text()) as unknown });
    } catch (err) {
      setFile(null);
      setFileProblem(err instanceof Error ? err.message : String(err));
    }
  };
  const periodBad = choice.kind === 'period' && (!choice.from || !choice.to || choice.from > choice.to);
  const missingFile = choice.kind === 'scenario' && !file;
  const summary = file ? summarise(file.json, file.name) : null;

  // Names: the center's where the ids are the center's, else the day's own.
  const centerService = useServiceName();
  const centerServices = useStore((s) => s.hall?.services);
  const centerCounters = useStore((s) => s.hall?.counters);
  const dayNames = useMemo(() => (result ? summarise(result.scenario, result.advice.scenario).serviceNames : {}), [result]);
  const serviceName = useCallback((id: string) => (centerServices?.some((x) => x.id === id) ? centerService(id) : (dayNames[id] ?? id)), [centerServices, centerService, dayNames]);
  const counterName = useCallback((id: string) => centerCounters?.[id]?.number ?? id, [centerCounters]);

  return (
    <div className="page reports planning" data-testid="planning" aria-busy={busy !== null}>
      <header className="page-head">
        <h1>{tr('title')}</h1>
        <p className="muted">{tr('intro')}</p>
      </header>

      <form
        className="panel planning-source"
        onSubmit={(e) => {
          e.preventDefault();
          void workOut(choice);
        }}
      >
        <fieldset className="planning-kinds">
          <legend>{tr('source.legend')}</legend>
          <label className="planning-kind">
            <input type="radio" name="plan-source" value="period" checked={choice.kind === 'period'} onChange={() => pick({ kind: 'period' })} data-testid="plan-source-period" />
            <span>
              <strong>{tr('source.history')}</strong>
              <span className="muted">{tr('source.historyHint')}</span>
            </span>
          </label>
          <label className="planning-kind">
            <input type="radio" name="plan-source" value="scenario" checked={choice.kind === 'scenario'} onChange={() => pick({ kind: 'scenario' })} data-testid="plan-source-file" />
            <span>
              <strong>{tr('source.file')}</strong>
              <span className="muted">
                <Coded tr={tr} k="source.fileHint" code={{ format: 'qms-scenario/1', command: 'npm run scenario' }} />
              </span>
            </span>
          </label>
        </fieldset>

        {choice.kind === 'period' ? (
          <div className="planning-fields">
            <label className="field-inline">
              <span>{tr('source.from')}</span>
              <DateInput data-testid="plan-from" value={choice.from} max={choice.to || undefined} onChange={(e) => pick({ from: e.target.value })} />
            </label>
            <label className="field-inline">
              <span>{tr('source.to')}</span>
              <DateInput data-testid="plan-to" value={choice.to} max={addDays(today, -1)} onChange={(e) => pick({ to: e.target.value })} />
            </label>
            <label className="field-inline">
              <span>{tr('source.weekday')}</span>
              <select className="input" data-testid="plan-weekday" value={choice.weekday} onChange={(e) => pick({ weekday: e.target.value as Weekday })}>
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {t(`admin.schedule.weekdays.${d}`)}
                  </option>
                ))}
              </select>
            </label>
            {periodBad && (
              <p className="form-error" role="alert">
                {tr('source.badPeriod')}
              </p>
            )}
          </div>
        ) : (
          <div className="planning-fields">
            <label className="field-inline">
              <span>{tr('source.choose')}</span>
              <input type="file" className="input" accept=".json,application/json" data-testid="plan-file" onChange={(e) => void onFile(e)} />
            </label>
            {summary && (
              <p className="muted" data-testid="plan-file-summary">
                {tr('source.loaded', { name: summary.name, counters: summary.counters, services: summary.services })}
              </p>
            )}
            {fileProblem && (
              <p className="form-error" role="alert">
                {tr('source.unreadable')} <span lang="en">{fileProblem}</span>
              </p>
            )}
          </div>
        )}

        <div className="planning-go">
          <button type="submit" className="btn btn-primary" disabled={busy !== null || periodBad || missingFile || !token} data-testid="plan-work-out">
            {busy === 'advice' ? tr('working') : tr('workOut')}
          </button>
          <p className="muted" role={busy === 'advice' ? 'status' : undefined}>
            {missingFile ? tr('source.noFile') : tr('slow')}
          </p>
        </div>
      </form>

      {error && (
        <p className="banner banner-error" role="alert" data-testid="plan-error">
          {tr('failed')} <span lang="en">{error.message}</span>
        </p>
      )}

      {result && (
        <div className="planning-result" data-testid="plan-result">
          <Figures advice={result.advice} fittedDays={result.fitted?.days ?? null} />
          <NeedChart staffing={result.advice.staffing} />
          <Steps result={result} serviceName={serviceName} counterName={counterName} />
        </div>
      )}
    </div>
  );
}
