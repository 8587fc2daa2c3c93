/**
 * The center's appointment rules (issue 13), under its opening hours: the check-in window (A5),
 * what the booking page asks, how long who booked is kept, and bookings per phone or e-mail a day
 * (GET/PUT /api/admin/appointments: this part alone, so that it cannot undo another admin's edit).
 */
import type { AppErrorBody, CenterAppointments as Rules } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASK_FIELDS, ASK_MODES, CENTER_FIELDS, centerDraft, centerOut, centerProblems, type AskMode, type CenterDraft } from '../../logic/appointmentSettings';
import { useStore } from '../../store';
import { NumberField } from './AppointmentFields';
import { SaveFoot, ServerError } from './parts';

export function CenterAppointments() {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const [draft, setDraft] = useState<CenterDraft | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    let current = true;
    void api<Rules>('/api/admin/appointments', { token }).then((res) => {
      if (!current) return;
      if (res.ok) setDraft(centerDraft(res.data));
      else setError(res.error);
    });
    return () => void (current = false);
  }, [token]);

  if (!draft) return error ? <ServerError error={error} /> : null;
  const problems = tried ? centerProblems(draft) : {};
  const edit = (patch: Partial<CenterDraft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  const save = async () => {
    setTried(true);
    if (Object.keys(centerProblems(draft)).length > 0) return;
    setPending(true);
    const res = await api<Rules>('/api/admin/appointments', { token, method: 'PUT', body: centerOut(draft) });
    setPending(false);
    setError(res.ok ? null : res.error);
    setSaved(res.ok);
    if (res.ok) setDraft(centerDraft(res.data));
  };

  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-labelledby="center-appointments-title"
      data-testid="center-appointments"
    >
      <h2 id="center-appointments-title">{t('admin.appointments.centerTitle')}</h2>
      <p className="muted">{t('admin.appointments.centerIntro')}</p>
      <div className="form-grid">
        {CENTER_FIELDS.map((f) => (
          <NumberField key={f} id={`c-appt-${f}`} label={t(`admin.appointments.${f}`)} hint={t(`admin.appointments.${f}Hint`)} value={draft[f]} problem={problems[f]} onChange={(v) => edit({ [f]: v })} />
        ))}
      </div>
      <fieldset className="checks">
        <legend>{t('admin.appointments.ask')}</legend>
        <div className="form-grid">
          {ASK_FIELDS.map((f) => (
            <label key={f} className="field">
              <span>{t(`admin.appointments.${f}`)}</span>
              <select className="input" value={draft[f]} onChange={(e) => edit({ [f]: e.target.value as AskMode })} data-testid={`c-appt-${f}`}>
                {ASK_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`admin.appointments.askModes.${m}`)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
        <small className="muted">{t('admin.appointments.askHint')}</small>
      </fieldset>
      <SaveFoot invalid={tried && Object.keys(problems).length > 0} error={error} saved={saved} pending={pending} testId="center-appointments" />
    </form>
  );
}
