import { useTranslation } from 'react-i18next';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A numeric keypad for the pairing code: big keys, delete, and the submit action. */
export function Keypad({ onDigit, onDelete, onSubmit, canSubmit }: { onDigit: (d: string) => void; onDelete: () => void; onSubmit: () => void; canSubmit: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={t('pairCode')}>
      {DIGITS.map((d) => (
        <button type="button" key={d} className="key" onClick={() => onDigit(d)}>
          {d}
        </button>
      ))}
      <button type="button" className="key" onClick={onDelete} aria-label={t('pairDelete')}>
        ⌫
      </button>
      <button type="button" className="key" onClick={() => onDigit('0')}>
        0
      </button>
      <button type="button" className="key key-submit" onClick={onSubmit} disabled={!canSubmit}>
        {t('pairSubmit')}
      </button>
    </div>
  );
}
