import { nameIn } from '@qms/shared/client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketStatusUrl } from '../../links';
import { useKiosk } from '../../store';
import { joinPhoneProblem } from '../../store/join';
import { JoinTop } from './JoinTop';
import { waitText } from './ServiceChoice';

const PHONE_PROBLEMS = { required: 'bookPhoneRequired', invalid: 'bookPhoneInvalid', tooLong: 'bookPhoneInvalid' } as const;

/**
 * The chosen service, the rule in plain words (V2–V5: in line from now, check in on arrival, held
 * for a while if the turn comes first), the phone number if the center asks for one, and the
 * button. Joined, the visitor is taken to the ticket's own page.
 */
export function ConfirmStep() {
  const { t } = useTranslation();
  const center = useKiosk((s) => s.joinCenter)!;
  const lang = useKiosk((s) => s.lang);
  const serviceId = useKiosk((s) => s.joinServiceId);
  const phone = useKiosk((s) => s.joinPhone);
  const setPhone = useKiosk((s) => s.setJoinPhone);
  const checked = useKiosk((s) => s.joinChecked);
  const sending = useKiosk((s) => s.joinSending);
  const refusal = useKiosk((s) => s.joinRefusal);
  const submit = useKiosk((s) => s.submitJoin);
  const field = useRef<HTMLInputElement>(null);
  const [tries, setTries] = useState(0);
  const service = center.services.find((s) => s.id === serviceId);
  const problem = checked ? joinPhoneProblem(center, phone.trim()) : undefined;

  // After a "Join" the number kept from being sent, the field gets the focus.
  useEffect(() => {
    if (tries > 0 && problem) field.current?.focus();
  }, [tries, problem]);

  if (!service) return null;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const ticket = await submit(localStorage);
    if (ticket) window.location.assign(ticketStatusUrl(ticket.id, lang, null, window.location.origin));
    else setTries((n) => n + 1);
  };

  return (
    <section className="book-step" aria-labelledby="join-step-title">
      <JoinTop title={t('joinConfirmTitle')} back />
      <dl className="book-summary">
        <dt>{t('bookWhatService')}</dt>
        <dd>{nameIn(service.names, lang, center.defaultLanguage)}</dd>
        <dt>{t('joinNowInLine')}</dt>
        <dd>{service.waiting}</dd>
        <dt>{t('joinExpectedWait')}</dt>
        <dd>{service.expectedWaitMin !== null && Math.round(service.expectedWaitMin) >= 1 ? t('joinAboutMin', { count: Math.round(service.expectedWaitMin) }) : waitText(t, service.expectedWaitMin)}</dd>
      </dl>
      <ol className="join-rules">
        <li>{t('joinRuleNow')}</li>
        <li>{t('joinRuleArrive')}</li>
        <li>{t('joinRuleHold', { count: center.graceMin })}</li>
      </ol>
      <form className="book-form" onSubmit={(e) => void send(e)} noValidate>
        {center.askPhone !== 'off' && (
          <div className={`book-field${problem ? ' invalid' : ''}`}>
            <label htmlFor="join-phone">
              {t('bookPhone')}
              {center.askPhone === 'optional' && <span className="book-optional"> {t('bookOptional')}</span>}
            </label>
            <input
              ref={field}
              id="join-phone"
              name="phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={phone}
              required={center.askPhone === 'required'}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'join-phone-problem join-phone-note' : 'join-phone-note'}
              onChange={(e) => setPhone(e.target.value)}
            />
            {problem && (
              <p id="join-phone-problem" className="book-field-problem">
                {t(PHONE_PROBLEMS[problem])}
              </p>
            )}
            <p id="join-phone-note" className="book-note">
              {t('joinPhoneNote')}
            </p>
          </div>
        )}
        {refusal && (
          <p className="phone-problem book-refusal" role="alert" data-testid="join-refusal">
            {t(refusal)}
          </p>
        )}
        <button type="submit" className="phone-primary" disabled={sending || (refusal !== null && !service.open)}>
          {t(sending ? 'joinSending' : 'joinSubmit')}
        </button>
      </form>
    </section>
  );
}
