import { describe, expect, it } from 'vitest';
import { STRINGS } from './strings.js';

describe('display strings', () => {
  it('every language has every text, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [lang, strings] of Object.entries(STRINGS)) {
      for (const [key, text] of Object.entries(STRINGS.en)) {
        const other = (strings as Record<string, string>)[key];
        expect(other, `${lang}.${key}`).toBeTruthy();
        expect(placeholders(other!), `${lang}.${key}`).toEqual(placeholders(text));
      }
    }
  });
});
