/**
 * Free text that people and devices set (names, reasons, counter numbers, zones) ends up on the
 * hall display, the kiosk, the counter app and in the log, so it must show something: one zod
 * helper for every such field (issue 10 §6).
 */
import { z } from 'zod';

/**
 * One character that shows: none of the controls (Cc), format characters (Cf: zero-width space
 * and joiners, bidi marks, BOM, soft hyphen, tags), unpaired surrogates (Cs), private-use
 * characters (Co: no font has them), spaces and line or paragraph separators (Z), marks with
 * nothing to sit on (M: combining accents, variation selectors, the grapheme joiner),
 * noncharacters, nor the letters and symbols drawn blank (Hangul fillers, the braille blank).
 * Unassigned code points count as visible: a newer emoji than this runtime knows is still one.
 */
const VISIBLE = /[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Z}\p{M}\u115F\u1160\u3164\uFFA0\u2800\uFDD0-\uFDEF\uFFFE\uFFFF]/u;
/** Refused anywhere in a one-line text: control characters, line and paragraph separators, broken UTF-16. */
const FORBIDDEN = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

export const VISIBLE_TEXT_MESSAGE = 'write at least one letter or digit (spaces and invisible characters alone are not text)';
export const CONTROL_CHARACTER_MESSAGE = 'remove the control characters (line breaks, tabs and the like) and broken characters: write it on one line';

/** True when `s` has at least one character that shows (whatever surrounds it). */
export function hasVisibleText(s: string): boolean {
  return VISIBLE.test(s);
}

/** True when `s` holds a control character, a line or paragraph separator or a lone surrogate. */
export function hasControlCharacter(s: string): boolean {
  return FORBIDDEN.test(s);
}

/**
 * A one-line text of at most `max` characters, trimmed of surrounding whitespace, with at least
 * one visible character and no control character. `message` leads the refusal when the field
 * has its own words for it ("say why the counter pauses"); what to do follows. Names in any
 * script (combining diacritics, ‘ and ʻ, emoji with their joiners and selectors) pass as they
 * are: invisible characters inside a text are kept, only a text of nothing else is refused. The
 * JSON schema (the OpenAPI document) marks such a field `format: "visible-text"`.
 */
export function visibleText(max: number, message?: string) {
  const invisible = message ? `${message}: ${VISIBLE_TEXT_MESSAGE}` : VISIBLE_TEXT_MESSAGE;
  return z
    .string()
    .trim()
    .min(1, { message: invisible, abort: true })
    .max(max)
    .refine((s) => !hasControlCharacter(s), { message: CONTROL_CHARACTER_MESSAGE, abort: true })
    .refine(hasVisibleText, { message: invisible })
    .meta({ format: 'visible-text' });
}
