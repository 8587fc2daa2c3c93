/**
 * Booking for a visitor at the desk or on the phone (issue 13): a service, a free time of the day on
 * screen, what the center asks (name, phone, e-mail) and the visitor's language; then the code, big,
 * for staff to read out. Staff book with their token: channel "staff", without the per-person limits.
 */
import { formatCode, LANGUAGES, localTime, type AppErrorBody, type AppointmentView, type Language, type SlotDay } from '@qms/shared';
import { formatCalendarDay, formatTime } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../components/errorText';
import { useLanguage, useNameIn, useServiceName } from '../../components/hooks';
import { LANGUAGE_NAMES, type UiLanguage } from '../../i18n';
import { useStore } from '../../store';
import { bookRequest, contactFields, type ContactField, type VisitorDraft } from './visitorForm';

/** The free times of one service, day and round of asking: an answer for another is not shown. */
interface Slots {
  key: string;
  data: SlotDay | null;
  error: AppErrorBody | null;
}

export function BookForVisitor({ day }: { day: string }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const nameIn = useNameIn();
  const center = useStore((s) => s.bookingCenter.data);
  const centerError = useStore((s) => s.bookingCenter.error);
  const fetchSlots = useStore((s) => s.fetchSlots);
  const book = useStore((s) => s.bookForVisitor);
  const fetchList = useStore((s) => s.fetchBookingList);
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const [serviceId, setServiceId] = useState('');
  const [answer, setAnswer] = useState<Slots | null>(null);
  const [picked, setPicked] = useState<{ key: string; at: number } | null>(null);
  const [draft, setDraft] = useState<Omit<VisitorDraft, 'language'> & { language: Language | '' }>({ name: '', phone: '', email: '', language: '' });
  const [problems, setProblems] = useState<ContactField[]>([]);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [done, setDone] = useState<AppointmentView | null>(null);
  // A round of asking for the slots again (after a booking or a refused one).
  const [round, setRound] = useState(0);

  const services = center?.services ?? [];
  const service = services.find((s) => s.id === serviceId);
  const inRange = service !== undefined && day >= service.firstDay && day <= service.lastDay;
  const key = service && inRange ? `${service.id}|${day}|${round}` : null;
  const slots = answer && answer.key === key ? answer : null;
  // A time picked for another service, day or round is no longer on offer.
  const at = picked && picked.key === key ? picked.at : null;

  useEffect(() => {
    if (!key || !serviceId) return;
    let current = true;
    void fetchSlots(serviceId, day).then((res) => {
      if (current) setAnswer(res.ok ? { key, data: res.data, error: null } : { key, data: null, error: res.error });
    });
    return () => void (current = false);
  }, [key, serviceId, day, fetchSlots]);

  if (centerError && !center) {
    return (
      <Panel>
        <p className="warn-text" role="alert">
          {errorText(t, lang, centerError)}
        </p>
      </Panel>
    );
  }
  if (!center) {
    return (
      <Panel>
        <p className="muted">{t('common.loading')}</p>
      </Panel>
    );
  }
  if (services.length === 0) {
    return (
      <Panel>
        <p className="muted" data-testid="book-no-services">
          {t('bookings.noServices')}
        </p>
      </Panel>
    );
  }
  if (done) return <Booked booking={done} onAnother={() => (setDone(null), setRound((n) => n + 1))} />;

  const language: Language = draft.language || (LANGUAGES.find((l) => l === center.defaultLanguage) ?? 'en');
  const fields = contactFields(center);
  const time = (ms: number) => formatTime(ms, lang, timeZone);
  const submit = async () => {
    if (!service || at === null) return;
    const req = bookRequest(service.id, at, { ...draft, language }, center);
    if (!req.ok) return setProblems(req.fields);
    setProblems([]);
    setPending(true);
    const res = await book(req.body);
    setPending(false);
    setError(res.ok ? null : res.error);
    if (!res.ok) return setRound((n) => n + 1); // the time may have gone meanwhile
    setDone(res.data);
    setDraft({ name: '', phone: '', email: '', language: '' });
    void fetchList(day);
  };

  return (
    <Panel>
      <p className="muted small">{t('bookings.book.hint')}</p>
      <form
        className="book-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>{t('bookings.book.service')}</span>
          <select className="input" value={serviceId} onChange={(e) => setServiceId(e.target.value)} data-testid="book-service">
            <option value="">{t('bookings.book.choose')}</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {nameIn(s.names)}
              </option>
            ))}
          </select>
        </label>
        {service && (
          <fieldset className="book-times" data-testid="book-times">
            <legend>{t('bookings.book.times', { day: formatCalendarDay(day, lang, true) })}</legend>
            {!inRange ? (
              <p className="muted small" data-testid="book-not-bookable">
                {t('bookings.book.notBookable', { last: formatCalendarDay(service.lastDay, lang, true) })}
              </p>
            ) : slots?.error ? (
              <p className="warn-text small" role="alert">
                {errorText(t, lang, slots.error)}
              </p>
            ) : !slots?.data ? (
              <p className="muted small">{t('bookings.book.loading')}</p>
            ) : slots.data.slots.length === 0 ? (
              <p className="muted small" data-testid="book-no-times">
                {t('bookings.book.noTimes')}
              </p>
            ) : (
              <div className="slot-buttons">
                {slots.data.slots.map((s) => (
                  <button key={s.at} type="button" className={s.at === at ? 'slot-btn slot-btn-on' : 'slot-btn'} aria-pressed={s.at === at} onClick={() => key && setPicked({ key, at: s.at })} data-testid="book-slot" data-at={s.at}>
                    {time(s.at)}
                  </button>
                ))}
              </div>
            )}
          </fieldset>
        )}
        {service && at !== null && (
          <>
            <div className="book-contact">
              {fields.map((f) => (
                <ContactInput key={f} field={f} value={draft[f]} problem={problems.includes(f)} onChange={(v) => setDraft({ ...draft, [f]: v })} />
              ))}
              <label className="field">
                <span>{t('bookings.book.language')}</span>
                <select className="input" value={language} onChange={(e) => setDraft({ ...draft, language: e.target.value as Language })} data-testid="book-language">
                  {center.languages.map((l) => (
                    <option key={l} value={l} lang={l}>
                      {LANGUAGE_NAMES[l as UiLanguage] ?? l}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {error && (
              <p className="warn-text" role="alert" data-testid="book-error">
                {errorText(t, lang, error)}
              </p>
            )}
            <button type="submit" className="btn btn-primary btn-wide" disabled={pending} data-testid="book-submit">
              {t('bookings.book.submit', { time: time(at) })}
            </button>
          </>
        )}
      </form>
    </Panel>
  );
}

function Panel({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="panel book-panel" aria-labelledby="book-title" data-testid="book-for-visitor">
      <header className="panel-head">
        <h2 id="book-title">{t('bookings.book.title')}</h2>
      </header>
      <div className="book-body">{children}</div>
    </section>
  );
}

const INPUT: Record<ContactField, { type: string; autoComplete: string; maxLength: number }> = {
  name: { type: 'text', autoComplete: 'off', maxLength: 100 },
  phone: { type: 'tel', autoComplete: 'off', maxLength: 24 },
  email: { type: 'email', autoComplete: 'off', maxLength: 200 },
};

function ContactInput({ field, value, problem, onChange }: { field: ContactField; value: string; problem: boolean; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const id = `book-${field}`;
  return (
    <label className="field">
      <span>{t(`bookings.book.${field}`)}</span>
      <input
        className="input"
        {...INPUT[field]}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem || undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        data-testid={id}
      />
      {problem && (
        <small className="field-problem" id={`${id}-problem`}>
          {t(`bookings.book.problem.${field}`)}
        </small>
      )}
    </label>
  );
}

/** The code, big, with what to tell the visitor: when, and when to check in at the kiosk. */
function Booked({ booking: b, onAnother }: { booking: AppointmentView; onAnother: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const serviceName = useServiceName();
  const timeZone = useStore((s) => s.hall?.center.timezone);
  const time = (ms: number) => formatTime(ms, lang, timeZone);
  return (
    <Panel>
      <div className="booked" role="status" data-testid="booked">
        <h3 className="ok-text">{t('bookings.book.done')}</h3>
        <div className="muted">{t('bookings.book.code')}</div>
        <div className="booked-code" data-testid="booked-code">
          {formatCode(b.code)}
        </div>
        <p className="booked-when">{t('bookings.book.when', { service: serviceName(b.serviceId), day: formatCalendarDay(localTime(b.at, timeZone ?? 'UTC').day, lang, true), time: time(b.at) })}</p>
        <p>{t('bookings.book.checkIn', { from: time(b.checkInFrom), to: time(b.checkInTo) })}</p>
        <p className="muted small">{t('bookings.book.readOut')}</p>
      </div>
      <button type="button" className="btn btn-wide" onClick={onAnother} data-testid="book-another">
        {t('bookings.book.another')}
      </button>
    </Panel>
  );
}
