/**
 * The judge of languages.test.ts: what a screen in language L may show, and the collector of what
 * it does show.
 *
 * Collected from the page (`collectText`, run in the browser): every text node that is rendered
 * or read out (sr-only text counts, display:none and visibility:hidden do not, nor aria-hidden
 * text too small to see), every <option> of a shown <select>, the aria-label, title, placeholder,
 * alt and aria-description attributes, the value of input buttons, and the document's title.
 * Text inside an element whose `lang` attribute names another language is declared as such (the
 * kiosk's "choose your language" in every language, each language's own name) and left out.
 *
 * The words of language L are the values of L's catalogues in all three apps (and the live board's), the names of the
 * months and weekdays as shared/src/client/dates.ts writes them in L, and L's own name. The
 * center's data in L are its service, topic, priority-category and center names in L. Data in no
 * language are identifiers and what people typed: staff names and logins, device ids and names,
 * ids, icon keys, counter numbers and zones, service prefixes, keyboard keys (N, Esc), language
 * codes (the Settings' per-language fields), "QMS", the free text the test itself types
 * (`typed`), and what a page marks translate="no" (a ticket's code, a poster's address and hall
 * code: the same in every language, and no browser's translator may change them either). Numbers, ticket numbers and times have no letters. Such data are taken out of a text
 * only as whole phrases, so a staff member called "Operator 1" does not excuse a stray "Operator".
 *
 * A shown text fails when:
 *  1. it contains the center's name of something in another language (a service's Russian name on
 *     the Vietnamese screen), unless that name is also L's or appears in L's own words;
 *  2. after the center's L data and the language-free data are taken out, it contains
 *     - Cyrillic on a screen that is not Russian;
 *     - a Vietnamese letter (ă â đ ê ô ơ ư, a tone mark, any combining mark) elsewhere;
 *     - on a Russian screen, any Latin word of two letters or more that L's words do not have;
 *     - a word of three letters or more that belongs to another language's words or data and not
 *       to L's (an English "Counter" on the Uzbek screen, an Uzbek "Navbat" on the English one);
 *  3. it is exactly an English catalogue text that L translates differently.
 * Of a text that is not data, the other languages' words, dates and English texts are what a
 * screen should never show; the rules need no list of allowed strings, so a new text in any
 * catalogue is judged without touching this file.
 * and the screen fails when <html lang> is not L, or when i18next was asked for a key that L's
 * catalogue lacks (shared/src/client/missingKeys.ts: not found at all, or found only in English).
 */
import type { CenterConfigInput, Language } from '@qms/shared';
import { en as counterEn } from '../../counter-ui/src/i18n/en.js';
import { ru as counterRu } from '../../counter-ui/src/i18n/ru.js';
import { uz as counterUz } from '../../counter-ui/src/i18n/uz.js';
import { vi as counterVi } from '../../counter-ui/src/i18n/vi.js';
import { SHORTCUTS } from '../../counter-ui/src/logic/shortcuts.js';
import { ratingsEn, ratingsRu, ratingsUz, ratingsVi } from '../../counter-ui/src/i18n/ratings.js';
import { webhooksEn, webhooksRu, webhooksUz, webhooksVi } from '../../counter-ui/src/i18n/webhooks.js';
import { planningEn, planningRu, planningUz, planningVi } from '../../counter-ui/src/i18n/planning.js';
import { BOARD_STRINGS as BOARD } from '../../display-ui/src/i18n/board.js';
import { STRINGS as DISPLAY } from '../../display-ui/src/i18n/strings.js';
import { en as kioskEn } from '../../kiosk-ui/src/i18n/en.js';
import { ru as kioskRu } from '../../kiosk-ui/src/i18n/ru.js';
import { uz as kioskUz } from '../../kiosk-ui/src/i18n/uz.js';
import { vi as kioskVi } from '../../kiosk-ui/src/i18n/vi.js';
import { formatDate, formatDateTime } from '../../shared/src/client/dates.js';

export const LANGS: Language[] = ['vi', 'en', 'ru', 'uz'];
const OWN_NAME: Record<Language, string> = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' };

export interface Shown {
  text: string;
  where: string;
}

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Letters only Vietnamese uses among the four (after NFC): ă â đ ê ô ơ ư, and every tone mark. */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáãèéìíòóõùúýÀÁÃÈÉÌÍÒÓÕÙÚÝ]|\p{M}/u;
const LATIN_WORD = /^[a-z]/i;
/** Letters with the apostrophes Uzbek writes inside words (oʻ, gʻ, eʼlon). */
const WORD = /[\p{L}\p{M}]+(?:[ʻʼ'’‘`][\p{L}\p{M}]+)*/gu;

const normal = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const words = (s: string): string[] => (normal(s).match(WORD) ?? []).map((w) => w.toLowerCase());

function leaves(value: unknown): string[] {
  if (typeof value === 'string') return [value.replace(/\{\{\w+\}\}/g, ' ')];
  if (value && typeof value === 'object') return Object.values(value).flatMap(leaves);
  return [];
}

/** Key → text, flattened ("op.queue.title"). */
function flat(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string') out.set(prefix + k, v);
      else for (const [kk, vv] of flat(v, `${prefix}${k}.`)) out.set(kk, vv);
    }
  }
  return out;
}

const CATALOGUES: Record<Language, unknown[]> = {
  en: [kioskEn, counterEn, DISPLAY.en, BOARD.en, webhooksEn, ratingsEn, planningEn],
  ru: [kioskRu, counterRu, DISPLAY.ru, BOARD.ru, webhooksRu, ratingsRu, planningRu],
  vi: [kioskVi, counterVi, DISPLAY.vi, BOARD.vi, webhooksVi, ratingsVi, planningVi],
  uz: [kioskUz, counterUz, DISPLAY.uz, BOARD.uz, webhooksUz, ratingsUz, planningUz],
};

/** Month and weekday names as the apps write them in `lang` (a week, and a day in every month). */
function dateWords(lang: Language): string[] {
  const out: string[] = [];
  for (let d = 0; d < 7; d++) out.push(formatDate(Date.UTC(2026, 0, 5 + d, 12), lang, 'UTC'));
  for (let m = 0; m < 12; m++) out.push(formatDate(Date.UTC(2026, m, 15, 12), lang, 'UTC'), formatDateTime(Date.UTC(2026, m, 15, 12), lang, 'UTC'));
  return out;
}

type Names = Partial<Record<string, string>>;

function namedThings(config: CenterConfigInput): Names[] {
  return [
    config.center.names ?? {},
    ...config.services.map((s) => s.names as Names),
    ...(config.categories ?? []).map((c) => c.names as Names),
    ...(config.priorityCategories ?? []).map((c) => c.names as Names),
  ];
}

/** Everything in the configuration that is in no language: identifiers, and what people typed. */
function neutralData(config: CenterConfigInput, typed: string[]): string[] {
  return [
    'QMS',
    '/kiosk/',
    '/display/',
    config.center.id,
    config.center.timezone,
    ...config.services.flatMap((s) => [s.id, s.prefix, s.category ?? '']),
    ...(config.categories ?? []).map((c) => c.id),
    ...(config.priorityCategories ?? []).flatMap((c) => [c.id, c.icon ?? '']),
    ...(config.counters ?? []).flatMap((c) => [c.id, c.number, c.zone ?? '']),
    ...(config.staff ?? []).flatMap((s) => [s.login, s.name]),
    ...(config.devices ?? []).flatMap((d) => [d.id, d.name]),
    ...Object.values(SHORTCUTS).map((s) => s.label),
    'Esc',
    ...LANGS,
    ...typed,
  ].filter((s) => s.length > 0);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `s` as a whole phrase: not inside a longer word or number. */
const phrase = (s: string, flags = 'u') => new RegExp(`(?<![\\p{L}\\p{N}])${escape(normal(s))}(?![\\p{L}\\p{N}])`, flags);

export interface Judge {
  problems(shown: Shown[]): string[];
}

export function languageJudge(lang: Language, config: CenterConfigInput, typed: string[] = []): Judge {
  const others = LANGS.filter((l) => l !== lang);
  const own = new Set([...CATALOGUES[lang].flatMap(leaves), ...dateWords(lang), OWN_NAME[lang]].flatMap(words));
  const things = namedThings(config);
  const ownData = things.map((n) => n[lang]).filter((n): n is string => !!n);
  const neutral = neutralData(config, typed);
  const allowed = [...new Set([...ownData, ...neutral])].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length).map((s) => phrase(s, 'gu'));
  const ownText = [...CATALOGUES[lang].flatMap(leaves), ...ownData, ...neutral].map(normal);
  // Not the language-free data's words: those are taken out as whole phrases, so that a staff
  // member called "Operator 1" does not make an untranslated "Operator" pass.
  const ownWords = new Set([...own, ...ownData.flatMap(words)]);

  // 1. The center's names in other languages that L does not share.
  const foreignNames = new Map<string, { m: Language; re: RegExp }>();
  for (const n of things) {
    for (const m of others) {
      const name = n[m];
      if (!name || name.length < 3 || name === n[lang] || ownText.some((t) => phrase(name).test(t))) continue;
      foreignNames.set(normal(name), { m, re: phrase(name) });
    }
  }
  // 2. Words of the other languages (catalogues, dates, data) that L does not use.
  const foreignWords = new Map<string, Language>();
  for (const m of others) {
    const theirs = [...CATALOGUES[m].flatMap(leaves), ...dateWords(m), OWN_NAME[m], ...things.map((n) => n[m] ?? '')].flatMap(words);
    for (const w of theirs) if (w.length >= 3 && !ownWords.has(w) && !foreignWords.has(w)) foreignWords.set(w, m);
  }
  // 3. English texts that L translates otherwise.
  const english = new Set<string>();
  if (lang !== 'en') {
    CATALOGUES.en.forEach((catalogue, i) => {
      const theirs = flat(CATALOGUES[lang][i]);
      for (const [key, text] of flat(catalogue)) {
        if (!text.includes('{{') && /\p{L}{2}/u.test(text) && theirs.get(key) !== text && !ownText.includes(normal(text))) english.add(normal(text));
      }
    });
  }

  return {
    problems(shown) {
      const out: string[] = [];
      for (const { text: raw, where } of shown) {
        const text = normal(raw);
        if (!/\p{L}/u.test(text)) continue;
        const say = (why: string) => out.push(`"${text.slice(0, 120)}" (${where}): ${why}`);
        for (const [name, { m, re }] of foreignNames) if (re.test(text)) say(`the center's ${m} name "${name}"`);
        if (english.has(text)) say('an English catalogue text');
        let rest = text;
        for (const re of allowed) rest = rest.replace(re, ' ');
        if (lang !== 'ru' && CYRILLIC.test(rest)) say('Cyrillic');
        if (lang !== 'vi' && VIETNAMESE.test(rest)) say('Vietnamese letters');
        // One typography for Uzbek: oʻ, gʻ with ʻ (U+02BB), the tutuq belgisi with ʼ (U+02BC). The
        // demo's names and some strings had ‘ and ’, so one screen showed both.
        if (lang === 'uz' && /\p{L}[‘’]\p{L}/u.test(text)) say('‘ or ’ in Uzbek: oʻ and gʻ take ʻ (U+02BB), the tutuq belgisi ʼ (U+02BC)');
        for (const w of new Set(words(rest))) {
          if (lang === 'ru' && w.length >= 2 && LATIN_WORD.test(w) && !ownWords.has(w)) say(`the Latin word "${w}"`);
          else if (foreignWords.has(w)) say(`"${w}" is a ${foreignWords.get(w)} word`);
        }
      }
      return [...new Set(out)];
    },
  };
}

/** Run in the page: what it shows or reads out, outside elements declared in another language. */
export function collectText(lang: string): Shown[] {
  const out: Shown[] = [];
  const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}`;
  const path = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && e !== document.body && parts.length < 3; e = e.parentElement) parts.unshift(name(e));
    return parts.join(' > ');
  };
  /** Marked as no language's words (codes, addresses): HTML's translate="no". */
  const untranslated = (el: Element) => el.closest('[translate="no"]') !== null;
  const otherLanguage = (el: Element) => {
    const declared = el.closest('[lang]')?.getAttribute('lang') ?? lang;
    return declared.slice(0, 2).toLowerCase() !== lang;
  };
  // Neither seen nor heard: hidden by style, or aria-hidden and (nearly) no size.
  const absent = (el: Element) => {
    const host = el.closest('select') ?? el;
    if (!host.checkVisibility({ visibilityProperty: true })) return true;
    const silent = el.closest('[aria-hidden="true"]');
    if (!silent) return false;
    const r = silent.getBoundingClientRect();
    return r.width <= 1 || r.height <= 1;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script, style, noscript, template') || !n.textContent?.trim()) continue;
    if (absent(el) || otherLanguage(el) || untranslated(el)) continue;
    out.push({ text: n.textContent, where: path(el) });
  }
  const ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription'];
  for (const el of document.body.querySelectorAll('*')) {
    if (absent(el) || otherLanguage(el)) continue;
    for (const a of ATTRIBUTES) {
      const v = el.getAttribute(a);
      if (v?.trim()) out.push({ text: v, where: `${path(el)} @${a}` });
    }
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type) && el.value) out.push({ text: el.value, where: `${path(el)} @value` });
  }
  if (document.title) out.push({ text: document.title, where: '<title>' });
  return out;
}
