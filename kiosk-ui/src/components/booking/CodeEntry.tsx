import { normaliseCode } from '@qms/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { manageUrl } from '../../booking';
import { useKiosk } from '../../store';

/** "Already booked?": the code, as typed or read off a screenshot, opens that booking's page. */
export function CodeEntry() {
  const { t } = useTranslation();
  const centerId = useKiosk((s) => s.bookCenter?.id);
  const lang = useKiosk((s) => s.lang);
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  const id = useId();

  const find = (e: FormEvent) => {
    e.preventDefault();
    const code = normaliseCode(typed);
    if (!code || !centerId) return setBad(true);
    window.location.assign(manageUrl(code, centerId, lang));
  };

  return (
    <form className="book-code-entry" onSubmit={find} noValidate>
      <h2>{t('bookHaveCode')}</h2>
      <label htmlFor={`${id}-code`}>{t('bookYourCode')}</label>
      <input
        id={`${id}-code`}
        value={typed}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        aria-invalid={bad}
        aria-describedby={bad ? `${id}-bad` : undefined}
        onChange={(e) => {
          setTyped(e.target.value);
          setBad(false);
        }}
      />
      {bad && (
        <p id={`${id}-bad`} className="book-field-problem">
          {t('bookBadCode')}
        </p>
      )}
      <button type="submit" className="phone-quiet">
        {t('bookFind')}
      </button>
    </form>
  );
}
