/**
 * The Webhooks screens' words (i18n/webhooks.ts), from their own i18next namespace. It is not
 * declared in the typed resources (i18next.d.ts): a second namespace there would widen every
 * `t` the app passes around; the keys are checked here instead, against the English file.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { webhooksEn } from '../../i18n/webhooks';

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type WebhookKey = Paths<typeof webhooksEn>;
export type WebhookText = (key: WebhookKey, options?: Record<string, string | number>) => string;

/** `t` for the Webhooks screens, in the language on screen (re-rendered when it changes). */
export function useWebhookText(): WebhookText {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const t = i18n.getFixedT(lang, 'webhooks' as never) as unknown as (key: string, options?: object) => string;
    return (key, options) => t(key, options);
  }, [i18n, lang]);
}
