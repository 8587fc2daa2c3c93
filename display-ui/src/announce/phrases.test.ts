import { describe, expect, it } from 'vitest';
import { callPhrase, speechLanguages, spokenNumber } from './phrases.js';

describe('spokenNumber', () => {
  it('separates the letter from the digits and keeps the digits as the visitor reads them', () => {
    expect(spokenNumber('A015')).toBe('A 015');
    expect(spokenNumber('B7')).toBe('B 7');
    expect(spokenNumber('C100')).toBe('C 100');
  });
  it('copes with numbers without a letter, long runs and suffixes', () => {
    expect(spokenNumber('015')).toBe('015');
    expect(spokenNumber('A1234')).toBe('A 1234');
    expect(spokenNumber('A123456')).toBe('A 123 456');
    expect(spokenNumber(' D042x ')).toBe('D 042 x');
  });
});

describe('callPhrase', () => {
  it('says the call the way each language puts it', () => {
    expect(callPhrase('en', 'A015', '7')).toBe('Ticket A 015, counter 7');
    expect(callPhrase('ru', 'A015', '7')).toBe('Талон A 015, окно 7');
    expect(callPhrase('vi', 'A015', '7')).toBe('Mời số A 015 đến quầy 7');
    expect(callPhrase('uz', 'A015', '7')).toBe('A 015 raqamli talon, 7-oyna');
  });
  it('keeps counter numbers such as 12A', () => {
    expect(callPhrase('uz', 'B002', '12A')).toBe('B 002 raqamli talon, 12A-oyna');
  });
});

describe('speechLanguages', () => {
  const center = { defaultLanguage: 'vi' as const };
  it('speaks the default language, then the visitor’s own when it differs', () => {
    expect(speechLanguages(center, [], null)).toEqual(['vi']);
    expect(speechLanguages(center, [], 'vi')).toEqual(['vi']);
    expect(speechLanguages(center, [], 'ru')).toEqual(['vi', 'ru']);
  });
  it('takes an explicit list from the address and still adds the visitor’s language', () => {
    expect(speechLanguages(center, ['en', 'vi'], null)).toEqual(['en', 'vi']);
    expect(speechLanguages(center, ['en', 'vi'], 'vi')).toEqual(['en', 'vi']);
    expect(speechLanguages(center, ['en'], 'uz')).toEqual(['en', 'uz']);
  });
  it('ignores a language it has no phrase for', () => {
    expect(speechLanguages(center, [], 'fr')).toEqual(['vi']);
  });
});
