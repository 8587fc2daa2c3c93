/** A refusal in the viewer's words: the code's title from the catalogue, and the server's sentence for English readers. */
import type { AppErrorBody } from '@qms/shared';
import type { TFunction } from 'i18next';

export function errorTitle(t: TFunction, error: AppErrorBody): string {
  return t(`errors.${error.code}`, { defaultValue: error.code });
}

/**
 * The server's sentence about a refusal is English (it is the API's and the log's too): English
 * readers get it after the code's words, the others the code's words in their language only.
 */
export function serverDetail(lang: string, error: AppErrorBody): string | null {
  return lang.startsWith('en') ? error.message : null;
}

/** "Queue empty: Nobody is waiting for …" in English, "Очередь пуста" in Russian. */
export function errorText(t: TFunction, lang: string, error: AppErrorBody): string {
  const detail = serverDetail(lang, error);
  return detail ? `${errorTitle(t, error)}: ${detail}` : errorTitle(t, error);
}
