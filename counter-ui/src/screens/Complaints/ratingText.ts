/**
 * The words of ratings and complaints (i18n/ratings.ts), from their own i18next namespace, as the
 * Webhooks screens read theirs (Admin/webhookText.ts): keys checked here against the English file.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ratingsEn } from '../../i18n/ratings';

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type RatingKey = Paths<typeof ratingsEn>;
export type RatingText = (key: RatingKey, options?: Record<string, string | number>) => string;

/** `t` for the ratings' screens, in the language on screen (re-rendered when it changes). */
export function useRatingText(): RatingText {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const t = i18n.getFixedT(lang, 'ratings' as never) as unknown as (key: string, options?: object) => string;
    return (key, options) => t(key, options);
  }, [i18n, lang]);
}
