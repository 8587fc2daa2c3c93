/**
 * The center's appointment rules (issue 13), under its opening hours: the check-in window (A5),
 * what the booking page asks, how long who booked is kept, and bookings per phone or e-mail a day
 * (GET/PUT /api/admin/appointments: this part alone, so that it cannot undo another admin's edit).
 */
import type { CenterAppointments as Rules } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { ASK_FIELDS, ASK_MODES, CENTER_FIELDS, centerDraft, centerOut, centerProblems, type AskMode, type CenterDraft } from '../../logic/appointmentSettings';
import { NumberField } from './AppointmentFields';
import { SaveFoot, ServerError } from './parts';
import { useRulesForm } from './useRulesForm';

export function CenterAppointments() {
  const { t } = useTranslation();
  const { draft, error, pending, saved, problems, invalid, edit, save } = useRulesForm<Rules, CenterDraft, ReturnType<typeof centerProblems>>({
    path: '/api/admin/appointments',
    draftOf: centerDraft,
    bodyOf: centerOut,
    problemsOf: centerProblems,
  });
  if (!draft) return error ? <ServerError error={error} /> : null;

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
      <SaveFoot invalid={invalid} error={error} saved={saved} pending={pending} testId="center-appointments" />
    </form>
  );
}
