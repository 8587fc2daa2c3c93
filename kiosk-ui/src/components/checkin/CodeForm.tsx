import { useEffect, useId, useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_IN_WORDS, checkInKind } from '../../checkin';
import { useScanner } from '../../hooks/useScanner';
import { useScreenSpeech } from '../../hooks/useScreenSpeech';
import { useKiosk } from '../../store';
import { CalendarIcon } from '../Icons';
import { CodeKeyboard } from '../Keyboard';
import { ScreenLayout } from '../ScreenLayout';

/** Long enough for a code with its dash and stray spaces; a scan appended to a code is refused, not cut. */
const MAX_TYPED = 24;

/**
 * The booking's code: scanned (the scanner types it and presses Enter) or typed on the on-screen
 * keyboard. A refused code stays in the field, selected, so that a new scan replaces it and a
 * typo can be mended with ⌫.
 */
export function CodeForm() {
  const { t } = useTranslation();
  const code = useKiosk((s) => s.checkInCode);
  const checkIn = useKiosk((s) => s.checkIn);
  const setCode = useKiosk((s) => s.setCheckInCode);
  const submit = useKiosk((s) => s.submitCheckIn);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  const problem = checkIn.state === 'entry' ? checkIn.problem : null;
  const checking = checkIn.state === 'checking';
  // Bookings, tickets from phones, or both: the kiosk's catalogue says which this entry takes.
  const kind = useKiosk((s) => checkInKind(s.catalogue?.services ?? [])) ?? 'appointment';
  const words = CHECK_IN_WORDS[kind];
  const type = (value: string) => setCode(value.slice(0, MAX_TYPED));

  useScanner(field, (ch) => type(ch), () => void submit());
  // On arrival and after each refusal the scanner types into the field, replacing what is there.
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  useEffect(() => {
    if (problem) field.current?.select();
  }, [problem]);
  useScreenSpeech([t(words.title), t(words.hint), problem && t(problem)]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <ScreenLayout
      className="checkin-screen"
      above={
        <span className="appointment-symbol big">
          <CalendarIcon />
        </span>
      }
      heading={t(words.title)}
      hint={t(words.hint)}
    >
      <form id={`${id}-form`} className="checkin-form" onSubmit={onSubmit} noValidate>
        <label className="checkin-label" htmlFor={`${id}-code`}>
          {t('bookYourCode')}
        </label>
        {/* What a code looks like; when that is the problem, the problem says it (in large text, only then). */}
        {problem !== 'bookBadCode' && (
          <p id={`${id}-format`} className="checkin-format">
            {t('bookBadCode')}
          </p>
        )}
          <input
            ref={field}
            id={`${id}-code`}
            className="checkin-code"
            value={code}
            // Our keyboard replaces the OS one; the scanner types as a keyboard does.
            inputMode="none"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : `${id}-format`}
            onChange={(e) => type(e.target.value)}
          />
        {problem && (
          <p id={`${id}-problem`} className="checkin-problem" role="alert">
            {t(problem)}
          </p>
        )}
        {checking && (
          <p className="checkin-status" role="status">
            {t('checkInChecking')}
          </p>
        )}
      </form>
      <CodeKeyboard
        form={`${id}-form`}
        submit={t('checkInSubmit')}
        canSubmit={!checking && code.trim() !== ''}
        onKey={(ch) => type(code + ch)}
        onDelete={() => type(code.slice(0, -1))}
        onClear={() => type('')}
      />
    </ScreenLayout>
  );
}
