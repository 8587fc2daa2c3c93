import type { Language } from '@qms/shared';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An on-screen keyboard: a kiosk has no physical one, and an OS keyboard may not appear in
 * kiosk mode. Accents are not needed: the search ignores them (Vietnamese, Uzbek use Latin keys).
 */
const ROWS: Record<'cyrillic' | 'latin', string[]> = {
  cyrillic: ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбюё'],
  latin: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
};

/**
 * A booking code is Latin capitals and digits whatever the visitor's language. 0, 1, I and O are
 * not in codes but stay on the keys: a keyboard with holes is harder to find letters on, and a
 * visitor who types one is told why it is wrong (checkin.ts).
 */
const CODE_ROWS = ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];

function Keys({ rows, onKey, keepFocus }: { rows: string[]; onKey: (ch: string) => void; keepFocus?: boolean }) {
  // A tap on a key leaves the focus in the field, where the scanner types (the code's keyboard).
  const hold = keepFocus ? (e: MouseEvent) => e.preventDefault() : undefined;
  return rows.map((row) => (
    <div className="key-row" key={row}>
      {[...row].map((ch) => (
        <button type="button" className="key" key={ch} onMouseDown={hold} onClick={() => onKey(ch)}>
          {ch}
        </button>
      ))}
    </div>
  ));
}

export function Keyboard({ lang, onKey, onDelete, onHide }: { lang: Language; onKey: (ch: string) => void; onDelete: () => void; onHide: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="keyboard" role="group" aria-label={t('search')}>
      <Keys rows={ROWS[lang === 'ru' ? 'cyrillic' : 'latin']} onKey={onKey} />
      <div className="key-row">
        <button type="button" className="key key-wide" onClick={onHide}>
          {t('keyboardHide')}
        </button>
        <button type="button" className="key key-space" onClick={() => onKey(' ')}>
          {t('keyboardSpace')}
        </button>
        <button type="button" className="key key-wide" onClick={onDelete} aria-label={t('keyboardDelete')}>
          ⌫
        </button>
      </div>
    </div>
  );
}

/**
 * Digits and capitals for a booking code, with clear, delete and the form's submit (as the pairing
 * keypad has it): the field above takes the whole width, which a code in large text needs.
 */
export function CodeKeyboard({ form, submit, canSubmit, onKey, onDelete, onClear }: { form: string; submit: string; canSubmit: boolean; onKey: (ch: string) => void; onDelete: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  const hold = (e: MouseEvent) => e.preventDefault();
  return (
    <div className="keyboard code-keyboard" role="group" aria-label={t('checkInKeyboard')}>
      <Keys rows={CODE_ROWS} onKey={onKey} keepFocus />
      <div className="key-row">
        <button type="button" className="key key-wide" onMouseDown={hold} onClick={onClear}>
          {t('searchClear')}
        </button>
        <button type="button" className="key key-wide" onMouseDown={hold} onClick={onDelete} aria-label={t('checkInDelete')}>
          ⌫
        </button>
        <button type="submit" form={form} className="key key-submit" disabled={!canSubmit}>
          {submit}
        </button>
      </div>
    </div>
  );
}
