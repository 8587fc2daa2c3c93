/**
 * A calendar date field that also spells its date out in the screen's language. The browser draws
 * <input type="date"> in its own locale, not the page's: in an English browser a Russian or
 * Vietnamese screen shows "10/12/2026", which a reader of day-first dates takes for the 10th of
 * December when it is the 12th of October. Every date field of the staff app is this one
 * (test/client/date-inputs.test.ts keeps it so).
 */
import { formatCalendarDay } from '@qms/shared/client';
import type { InputHTMLAttributes } from 'react';
import { useLanguage } from './hooks';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'className'> & {
  value: string;
  'data-testid': string;
  /** False where the screen already spells this date next to the field (the Bookings day's heading). */
  spell?: boolean;
};

export function DateInput({ value, spell = true, ...rest }: Props) {
  const lang = useLanguage();
  const input = <input type="date" className="input" value={value} {...rest} />;
  if (!spell) return input;
  return (
    <span className="date-input">
      {input}
      <small className="date-spelled" data-testid={`${rest['data-testid']}-spelled`}>
        {/^\d{4}-\d{2}-\d{2}$/.test(value) ? formatCalendarDay(value, lang) : '\u00a0'}
      </small>
    </span>
  );
}
