import type { Language } from '@qms/shared';
import { useTranslation } from 'react-i18next';

/**
 * An on-screen keyboard: a kiosk has no physical one, and an OS keyboard may not appear in
 * kiosk mode. Accents are not needed: the search ignores them (Vietnamese, Uzbek use Latin keys).
 */
const ROWS: Record<'cyrillic' | 'latin', string[]> = {
  cyrillic: ['йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбюё'],
  latin: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
};

export function Keyboard({ lang, onKey, onDelete, onHide }: { lang: Language; onKey: (ch: string) => void; onDelete: () => void; onHide: () => void }) {
  const { t } = useTranslation();
  const rows = ROWS[lang === 'ru' ? 'cyrillic' : 'latin'];
  return (
    <div className="keyboard" role="group" aria-label={t('search')}>
      {rows.map((row) => (
        <div className="key-row" key={row}>
          {[...row].map((ch) => (
            <button type="button" className="key" key={ch} onClick={() => onKey(ch)}>
              {ch}
            </button>
          ))}
        </div>
      ))}
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
