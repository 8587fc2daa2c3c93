/**
 * The words of the Planning screen (i18n/planning.ts), from their own i18next namespace, as the
 * Webhooks screens read theirs (Admin/webhookText.ts): keys checked here against the English file.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { planningEn } from '../../i18n/planning';

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type PlanningKey = Paths<typeof planningEn>;
export type PlanningText = (key: PlanningKey, options?: Record<string, string | number>) => string;

/** `t` for the Planning screen, in the language on screen (re-rendered when it changes). */
export function usePlanningText(): PlanningText {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const t = i18n.getFixedT(lang, 'planning' as never) as unknown as (key: string, options?: object) => string;
    return (key, options) => t(key, options);
  }, [i18n, lang]);
}
