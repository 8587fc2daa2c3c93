/**
 * Which words a screen asked i18next for that the language on screen does not have: a key found
 * nowhere (i18next's missing-key handler), or found only in the fallback language, English, which
 * the fallback would otherwise show without a word. Each app installs both in its i18n setup;
 * the browser test of every screen in every language (test/browser/languages.test.ts) reads the
 * record. Harmless in production: a set of "lang:key", no larger than the catalogue.
 */

export type MissingKeyRecord = `${string}:${string}`;

type WithRecord = { __missingKeys?: MissingKeyRecord[] };

const seen = new Set<string>();

function record(lng: string, key: string | readonly string[]): void {
  const entry: MissingKeyRecord = `${lng}:${Array.isArray(key) ? key.join('|') : String(key)}`;
  if (seen.has(entry)) return;
  seen.add(entry);
  const g = globalThis as WithRecord;
  (g.__missingKeys ??= []).push(entry);
}

const NAME = 'qmsMissingKeys';

/** i18next init options: report keys missing in the current language (not the fallback's). */
export const missingKeyOptions = {
  saveMissing: true,
  saveMissingTo: 'current',
  missingKeyHandler: (lngs: readonly string[], _ns: string, key: string) => lngs.forEach((l) => record(l, key)),
  postProcess: [NAME],
  postProcessPassResolved: true,
} as const;

interface Resolved {
  lng?: string;
  i18nResolved?: { usedLng?: string; res?: unknown };
}

/** The i18next post-processor (`i18next.use(missingKeyPostProcessor)`) that notices a fallback. */
export const missingKeyPostProcessor = {
  type: 'postProcessor' as const,
  name: NAME,
  process(value: string, key: string | string[], options: Resolved, translator: { language?: string }): string {
    const wanted = options.lng ?? translator.language;
    const used = options.i18nResolved?.usedLng;
    // Found (res set), but in another language than the one asked for: the fallback's words.
    if (wanted && used && used !== wanted && options.i18nResolved?.res !== undefined) record(wanted, key);
    return value;
  },
};
