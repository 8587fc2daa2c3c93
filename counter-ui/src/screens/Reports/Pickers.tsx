/** The period (presets, or a custom range of the center's days) and the grouping of the table. */
import { REPORT_GROUPINGS, type ReportGrouping } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { PERIOD_PRESETS, type Period, type PeriodPreset } from './period';
import { DateInput } from '../../components/DateInput';

export function Pickers({ period, today }: { period: Period; today: string }) {
  const { t } = useTranslation();
  const choice = useStore((s) => s.reportChoice);
  const choose = useStore((s) => s.chooseReport);
  const pick = (preset: PeriodPreset) =>
    // A custom range starts from what is on screen, so it is one date away from what the user wants.
    choose(preset === 'custom' && choice.preset !== 'custom' ? { preset, custom: period } : { preset });

  return (
    <div className="pickers">
      <div className="segmented" role="group" aria-label={t('reports.period')}>
        {PERIOD_PRESETS.map((p) => (
          <button key={p} type="button" className={choice.preset === p ? 'seg seg-on' : 'seg'} aria-pressed={choice.preset === p} data-preset={p} onClick={() => pick(p)}>
            {t(`reports.presets.${p}`)}
          </button>
        ))}
      </div>
      {choice.preset === 'custom' && (
        <div className="custom-range">
          <label className="field-inline">
            <span>{t('reports.from')}</span>
            <DateInput
              data-testid="report-from"
              value={choice.custom.from}
              max={today}
              onChange={(e) => choose({ custom: { ...choice.custom, from: e.target.value } })}
            />
          </label>
          <label className="field-inline">
            <span>{t('reports.to')}</span>
            <DateInput data-testid="report-to" value={choice.custom.to} max={today} onChange={(e) => choose({ custom: { ...choice.custom, to: e.target.value } })} />
          </label>
        </div>
      )}
      <label className="field-inline group-by">
        <span>{t('reports.groupBy')}</span>
        <select className="input" data-testid="report-group" value={choice.groupBy} onChange={(e) => choose({ groupBy: e.target.value as ReportGrouping })}>
          {REPORT_GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {t(`reports.groupings.${g}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
