import { createI18n } from './create.js';
import { STRINGS } from './strings.js';

export { browserLanguage } from './create.js';

export const i18n = createI18n(STRINGS);
