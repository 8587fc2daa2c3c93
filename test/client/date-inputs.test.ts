/**
 * The browser draws a native date or time field in its own locale, not the page's: an English
 * browser shows a Russian screen's 12 October 2026 as "10/12/2026", and a Vietnamese reader takes it
 * for the 10th of December. So no app draws one bare: the staff app's dates go through DateInput,
 * which spells the date out in the screen's language (test/browser/planning.test.ts looks at it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ALLOWED = new Set(['counter-ui/src/components/DateInput.tsx']);
const NATIVE = /type\s*=\s*(?:"|'|\{\s*["'])(date|time|datetime-local|month|week)["']/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(path);
    return /\.(tsx?|html)$/.test(e.name) ? [path] : [];
  });
}

describe('date and time fields', () => {
  it('no app draws a native date or time field except through DateInput', () => {
    const bare: string[] = [];
    for (const app of ['kiosk-ui', 'counter-ui', 'display-ui']) {
      for (const file of sources(join(ROOT, app))) {
        const name = relative(ROOT, file);
        if (ALLOWED.has(name)) continue;
        for (const m of readFileSync(file, 'utf8').matchAll(NATIVE)) bare.push(`${name}: type="${m[1]}"`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('the pattern finds the forms a native field is written in', () => {
    for (const jsx of ['<input type="date" />', "<input type='time' />", '<input type={"month"} />', '<input type = "datetime-local" />']) {
      expect(jsx.match(NATIVE)).not.toBeNull();
    }
    expect('<input type="text" />'.match(NATIVE)).toBeNull();
  });
});
