/**
 * A service's appointment settings in its Settings form (issue 13): whether visitors can book it,
 * the slot, how much of its counters' time bookings may take, how far ahead, what booked visitors
 * are promised and the per-person limit. The numbers out of range are pointed at before saving.
 */
import { useTranslation } from 'react-i18next';
import { defaultSlotMin, SERVICE_FIELDS, type Range, type ServiceDraft, type ServiceField } from '../../logic/appointmentSettings';

export function ServiceAppointmentsFields({
  draft,
  onChange,
  problems,
  serviceTimeMin,
}: {
  draft: ServiceDraft;
  onChange: (d: ServiceDraft) => void;
  problems: Partial<Record<ServiceField, Range>>;
  serviceTimeMin: number;
}) {
  const { t } = useTranslation();
  const hints: Record<ServiceField, string> = {
    slotMin: t('admin.appointments.slotMinHint', { n: defaultSlotMin(serviceTimeMin > 0 ? serviceTimeMin : 10) }),
    sharePct: t('admin.appointments.shareHint'),
    daysAhead: t('admin.appointments.daysAheadHint'),
    targetWaitMin: t('admin.appointments.targetWaitHint'),
    perPersonDays: t('admin.appointments.perPersonDaysHint'),
  };
  return (
    <fieldset className="checks" data-testid="f-appointments">
      <legend>{t('admin.appointments.legend')}</legend>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ ...draft, enabled: e.target.checked })} data-testid="f-appt-enabled" />
        {t('admin.appointments.enabled')}
      </label>
      {draft.enabled && (
        <div className="form-grid">
          {SERVICE_FIELDS.map((f) => (
            <NumberField
              key={f}
              id={`f-appt-${f}`}
              label={t(`admin.appointments.${f}`)}
              hint={hints[f]}
              value={draft[f]}
              problem={problems[f]}
              onChange={(v) => onChange({ ...draft, [f]: v })}
            />
          ))}
        </div>
      )}
      <small className="muted">{t('admin.appointments.centerHint')}</small>
    </fieldset>
  );
}

/** A number typed as text, with its range's problem under it (also read out with the field). */
export function NumberField({ id, label, hint, value, problem, onChange }: { id: string; label: string; hint?: string; value: string; problem: Range | undefined; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const described = [hint ? `${id}-hint` : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ');
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="input"
        type="number"
        inputMode="decimal"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={described || undefined}
        data-testid={id}
      />
      {hint && (
        <small className="muted" id={`${id}-hint`}>
          {hint}
        </small>
      )}
      {problem && (
        <small className="field-problem" id={`${id}-problem`}>
          {t(problem.whole ? 'admin.appointments.problemWhole' : 'admin.appointments.problemRange', { min: problem.min, max: problem.max })}
        </small>
      )}
    </label>
  );
}
