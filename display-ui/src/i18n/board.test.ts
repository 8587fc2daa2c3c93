import { describe, expect, it } from 'vitest';
import { BOARD_STRINGS } from './board.js';

describe('live board strings', () => {
  it('every language has every text, with the same placeholders, and its own words', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [lang, strings] of Object.entries(BOARD_STRINGS)) {
      for (const [key, text] of Object.entries(BOARD_STRINGS.en)) {
        const other = (strings as Record<string, string>)[key];
        expect(other, `${lang}.${key}`).toBeTruthy();
        expect(placeholders(other!), `${lang}.${key}`).toEqual(placeholders(text));
        if (lang !== 'en') expect(other, `${lang}.${key} is still English`).not.toBe(text);
      }
    }
  });
});
