import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ask, DetailField as Field, Problem } from '../../booking-form';
import { useKiosk } from '../../store';

/** Per field: the input's kind, so a phone shows the right keyboard and offers what it remembers. */
const INPUTS: Record<Field, InputHTMLAttributes<HTMLInputElement>> = {
  name: { type: 'text', autoComplete: 'name', autoCapitalize: 'words' },
  phone: { type: 'tel', autoComplete: 'tel', inputMode: 'tel' },
  email: { type: 'email', autoComplete: 'email', inputMode: 'email', autoCapitalize: 'off', spellCheck: false },
};

const LABELS = { name: 'bookName', phone: 'bookPhone', email: 'bookEmail' } as const;

const MESSAGES: Record<Field, Record<Problem, string>> = {
  name: { required: 'bookNameRequired', invalid: 'bookNameInvalid', tooLong: 'bookNameTooLong' },
  phone: { required: 'bookPhoneRequired', invalid: 'bookPhoneInvalid', tooLong: 'bookPhoneInvalid' },
  email: { required: 'bookEmailRequired', invalid: 'bookEmailInvalid', tooLong: 'bookEmailTooLong' },
};

/** One labelled field with its problem under it, tied to it for screen readers. */
export function DetailField({ field, ask, problem }: { field: Field; ask: Ask; problem: Problem | undefined }) {
  const { t } = useTranslation();
  const value = useKiosk((s) => s.bookDetails[field]);
  const set = useKiosk((s) => s.setBookDetail);
  const id = `book-${field}`;
  return (
    <div className={`book-field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {t(LABELS[field])}
        {ask === 'optional' && <span className="book-optional"> {t('bookOptional')}</span>}
      </label>
      <input
        id={id}
        name={field}
        {...INPUTS[field]}
        value={value}
        required={ask === 'required'}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(e) => set(field, e.target.value)}
      />
      {problem && (
        <p id={`${id}-problem`} className="book-field-problem">
          {t(MESSAGES[field][problem])}
        </p>
      )}
    </div>
  );
}
