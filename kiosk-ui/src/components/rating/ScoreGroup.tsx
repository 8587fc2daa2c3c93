import type { RatingCriterion } from '@qms/shared';
import { useTranslation } from 'react-i18next';

const SCORES = [1, 2, 3, 4, 5] as const;

/**
 * One criterion as a radio group of 1–5: the legend names it, each score says its word to a
 * screen reader ("4, good"), and arrow keys move along the group as in any radio group.
 */
export function ScoreGroup({ criterion, value, onChange, required }: { criterion: RatingCriterion; value: number | undefined; onChange: (score: number) => void; required: boolean }) {
  const { t } = useTranslation();
  return (
    <fieldset className={required ? 'score-group required' : 'score-group'} data-testid={`score-${criterion}`}>
      <legend>
        {t(`rateCriterion_${criterion}`)}
        <span className="score-need">{required ? t('rateRequired') : t('rateOptional')}</span>
      </legend>
      <div className="score-row">
        {SCORES.map((n) => (
          <label key={n} className={value !== undefined && n <= value ? 'score score-on' : 'score'}>
            <input type="radio" className="sr-only" name={`score-${criterion}`} value={n} checked={value === n} onChange={() => onChange(n)} required={required} />
            <span className="score-star" aria-hidden="true">
              ★
            </span>
            <span className="score-num">{n}</span>
            <span className="sr-only">{t(`rateScale_${n}`)}</span>
          </label>
        ))}
      </div>
      <p className="score-word" aria-hidden="true">
        {value ? t(`rateScale_${value}`) : '\u00a0'}
      </p>
    </fieldset>
  );
}
