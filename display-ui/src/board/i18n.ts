import type { Language } from '@qms/shared';
import { BOARD_STRINGS } from '../i18n/board.js';
import { createI18n } from '../i18n/create.js';

export { browserLanguage } from '../i18n/create.js';

/** The board's own instance: the hall's catalogue stays out of the page. */
export const i18n = createI18n(BOARD_STRINGS);

/** Each language in its own words, for the switcher (shown with its `lang`). */
export const LANGUAGE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English', vi: 'Tiếng Việt', uz: 'Oʻzbekcha' };
