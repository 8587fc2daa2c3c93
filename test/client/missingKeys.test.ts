/** The apps' missing-key record (shared/src/client/missingKeys.ts) with a real i18next. */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { missingKeyOptions, missingKeyPostProcessor } from '../../shared/src/client/missingKeys.js';

const records = () => (globalThis as { __missingKeys?: string[] }).__missingKeys ?? [];

describe('missing keys are recorded for the language on screen', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.use(missingKeyPostProcessor).init({
      ...missingKeyOptions,
      resources: {
        en: { translation: { hello: 'Hello', only: 'English only', wait_one: '{{count}} minute', wait_other: '{{count}} minutes', n: { deep: 'Deep' } } },
        ru: { translation: { hello: 'Привет', wait_one: '{{count}} минута', wait_few: '{{count}} минуты', n: {} } },
      },
      lng: 'ru',
      fallbackLng: 'en',
      initAsync: false,
      showSupportNotice: false,
    });
  });

  it('a key the language has is not recorded', () => {
    expect(i18n.t('hello')).toBe('Привет');
    expect(i18n.t('wait', { count: 2 })).toBe('2 минуты');
    expect(records().filter((r) => r.startsWith('ru:hello') || r.startsWith('ru:wait'))).toEqual([]);
  });

  it('a key shown from the English fallback is recorded for the language asked for', () => {
    expect(i18n.t('only')).toBe('English only');
    expect(i18n.t('n.deep')).toBe('Deep');
    expect(records()).toEqual(expect.arrayContaining(['ru:only', 'ru:n.deep']));
  });

  it('a plural form the language lacks is recorded (Russian "many" falls back to English)', () => {
    expect(i18n.t('wait', { count: 5 })).toBe('5 minutes');
    expect(records()).toContain('ru:wait');
  });

  it('a key found nowhere is recorded, also through a fixed language; English itself records nothing it has', () => {
    i18n.t('nowhere.at.all');
    i18n.getFixedT('en')('only');
    i18n.getFixedT('en')('absent');
    expect(records()).toEqual(expect.arrayContaining(['ru:nowhere.at.all', 'en:absent']));
    expect(records()).not.toContain('en:only');
  });
});
