/**
 * The advised changes, best first (each measured with the ones above it in place), each with its
 * before → after and the advisor's reason; ticked ones can be tried together on the server, which
 * simulates that day and answers its figures and its hours. The advised day downloads as a
 * scenario file that `npm run simulate` replays.
 */
import { formatHHMM } from '@qms/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../components/hooks';
import { useStore } from '../../store';
import type { PlanResult } from '../../store/planning';
import { saveBlob } from '../Reports/download';
import { formatter } from '../Reports/format';
import { Coded } from './Coded';
import { FigureRows } from './Figures';
import { advisedFileName, changeText, whyText, type WhyWords } from './plan';
import { usePlanningText } from './planningText';

interface Props {
  result: PlanResult;
  serviceName: (id: string) => string;
  counterName: (id: string) => string;
}

export function Steps({ result, serviceName, counterName }: Props) {
  const tr = usePlanningText();
  const { t } = useTranslation();
  const lang = useLanguage();
  const fmt = useMemo(() => formatter(lang, t), [lang, t]);
  const toggle = useStore((s) => s.togglePlanStep);
  const tryThem = useStore((s) => s.tryCheckedSteps);
  const busy = useStore((s) => s.planBusy);
  const tried = useStore((s) => (s.tried?.token === s.token ? s.tried : null));
  const triedError = useStore((s) => s.triedError);
  const { advice, checked } = result;
  const words = useMemo(() => ({ train: (v: Record<string, string>) => tr('steps.train', v), shift: (v: Record<string, string>) => tr('steps.shift', v) }), [tr]);
  const ticked = checked.filter(Boolean).length;
  const whyWords: WhyWords = (key, v) => tr(`steps.${key}`, v);

  const download = () => {
    const name = (advice.advised as { name?: unknown } | null)?.name;
    saveBlob(new Blob([`${JSON.stringify(advice.advised, null, 2)}\n`], { type: 'application/json' }), advisedFileName(typeof name === 'string' ? name : advice.scenario));
  };

  return (
    <section className="panel planning-steps" data-testid="plan-steps" aria-labelledby="plan-steps-title">
      <h2 id="plan-steps-title">{tr('steps.title')}</h2>
      <p className="muted">{tr('steps.budget', { n: advice.maxNewSkills })}</p>
      {advice.steps.length === 0 ? (
        <p data-testid="plan-no-steps">{tr('steps.none')}</p>
      ) : (
        <>
          <p className="muted">{tr('steps.intro')}</p>
          <ol className="planning-step-list">
            {advice.steps.map((s, i) => (
              <li key={i} className="planning-step" data-testid="plan-step" data-kind={s.change.kind}>
                <label className="planning-step-pick">
                  <input type="checkbox" checked={checked[i] ?? true} onChange={() => toggle(i)} data-testid="plan-step-check" />
                  <span className="planning-step-change">{changeText(s.change, words, counterName, serviceName)}</span>
                </label>
                <p className="planning-step-effect">
                  {tr('steps.effect', {
                    before: fmt.pct(s.before.withinTarget.mean),
                    after: fmt.pct(s.after.withinTarget.mean),
                    waitBefore: fmt.min(s.before.meanWaitMin.mean),
                    waitAfter: fmt.min(s.after.meanWaitMin.mean),
                  })}
                </p>
                <p className="planning-step-reason muted">
                  {tr('steps.why')}: {whyText(s.why, whyWords, counterName, serviceName, fmt.num)}
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
      <div className="planning-actions">
        <button type="button" className="btn btn-primary" onClick={() => void tryThem()} disabled={busy !== null} data-testid="plan-try">
          {busy === 'try' ? tr('try.working') : tr('try.button')}
        </button>
        <button type="button" className="btn" onClick={download} data-testid="plan-download">
          {tr('download')}
        </button>
        <span className="muted">{ticked === 0 ? tr('try.nothing') : <Coded tr={tr} k="downloadHint" code={{ command: 'npm run simulate' }} />}</span>
      </div>
      {triedError && (
        <p className="banner banner-error" role="alert">
          {tr('try.failed')} <span lang="en">{triedError.message}</span>
        </p>
      )}
      {tried && (
        <div className="planning-tried" data-testid="plan-tried" role="status">
          <h3>{tried.changes === 0 ? tr('try.titleNone') : tr('try.title', { n: tried.changes })}</h3>
          <div className="planning-tried-body">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{tr('figures.figure')}</th>
                  <th scope="col" className="num">
                    {tr('figures.current')}
                  </th>
                  <th scope="col" className="num">
                    {tried.changes === 0 ? tr('try.titleNone') : tr('try.title', { n: tried.changes })}
                  </th>
                </tr>
              </thead>
              <FigureRows
                columns={[
                  { key: 'current', figures: advice.figures.current },
                  { key: 'tried', figures: tried.day.figures },
                ]}
                fmt={fmt}
              />
            </table>
            <table className="table compact planning-hours" data-testid="plan-tried-hours">
              <thead>
                <tr>
                  <th scope="col">{tr('try.hour')}</th>
                  <th scope="col" className="num">
                    {tr('try.arrivals')}
                  </th>
                  <th scope="col" className="num">
                    {tr('try.meanWait')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {tried.day.hours.map((h) => (
                  <tr key={h.from}>
                    <th scope="row">{formatHHMM(h.from)}</th>
                    <td className="num">{fmt.num(h.arrivals)}</td>
                    <td className="num">{fmt.min(h.meanWaitMin)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
