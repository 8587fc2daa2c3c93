/**
 * A service's settings for joining from a phone, in its Settings form (issue 14, docs/SPEC.md V1):
 * whether visitors may join it from outside, the share of its line they may take, how long before
 * closing joining stops, and a daily cap of its own. Numbers out of range are pointed at before saving.
 */
import { useTranslation } from 'react-i18next';
import type { Range } from '../../logic/appointmentSettings';
import { SERVICE_REMOTE_FIELDS, type ServiceRemoteDraft, type ServiceRemoteField } from '../../logic/remoteSettings';
import { NumberField } from './AppointmentFields';

export function ServiceRemoteFields({
  draft,
  onChange,
  problems,
}: {
  draft: ServiceRemoteDraft;
  onChange: (d: ServiceRemoteDraft) => void;
  problems: Partial<Record<ServiceRemoteField, Range>>;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="checks" data-testid="f-remote">
      <legend>{t('remote.settings.legend')}</legend>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => onChange({ ...draft, enabled: e.target.checked })} data-testid="f-remote-enabled" />
        {t('remote.settings.enabled')}
      </label>
      {draft.enabled && (
        <div className="form-grid">
          {SERVICE_REMOTE_FIELDS.map((f) => (
            <NumberField
              key={f}
              id={`f-remote-${f}`}
              label={t(`remote.settings.${f}`)}
              hint={t(`remote.settings.${f}Hint`)}
              value={draft[f]}
              problem={problems[f]}
              onChange={(v) => onChange({ ...draft, [f]: v })}
            />
          ))}
        </div>
      )}
      <small className="muted">{t('remote.settings.centerHint')}</small>
    </fieldset>
  );
}
