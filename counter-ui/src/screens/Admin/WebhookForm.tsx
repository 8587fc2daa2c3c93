/** A webhook's form: its address, what it is for, the events it hears, on or off, the phone or not. */
import type { AppErrorBody, WebhookView } from '@qms/shared';
import { useState } from 'react';
import { draftOf, emptyDraft, EVENT_GROUPS, EVENT_KEYS, eventsOf, problemsOf, toggle, type WebhookDraft } from '../../logic/webhooks';
import { AdminForm, FormFoot, ServerError } from './parts';
import { useWebhookText } from './webhookText';

interface Props {
  item: WebhookView | null;
  error: AppErrorBody | null;
  pending: boolean;
  onSave: (draft: WebhookDraft) => void;
  onCancel: () => void;
  onDelete: () => void;
}

export function WebhookForm({ item, error, pending, onSave, onCancel, onDelete }: Props) {
  const t = useWebhookText();
  const [draft, setDraft] = useState<WebhookDraft>(() => (item ? draftOf(item) : emptyDraft()));
  const [tried, setTried] = useState(false);
  const problems = tried ? problemsOf(draft) : {};
  const edit = (patch: Partial<WebhookDraft>) => setDraft({ ...draft, ...patch });

  return (
    <AdminForm
      title={item ? t('editTitle') : t('addTitle')}
      onSubmit={() => {
        setTried(true);
        if (Object.keys(problemsOf(draft)).length === 0) onSave(draft);
      }}
    >
      <label className="field">
        <span>{`${t('url')} *`}</span>
        <input
          className="input mono"
          // Not type="url": the browser's own check would stop the form with a message in its language, not the app's.
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={draft.url}
          placeholder="https://"
          maxLength={500}
          onChange={(e) => edit({ url: e.target.value })}
          aria-invalid={problems.url ? true : undefined}
          aria-describedby={problems.url ? 'webhook-url-problem' : 'webhook-url-hint'}
          data-testid="webhook-url"
        />
        <small className="muted" id="webhook-url-hint">
          {t('urlHint')}
        </small>
        {problems.url && (
          <small className="field-problem" id="webhook-url-problem">
            {t(`${problems.url}`)}
          </small>
        )}
      </label>
      <label className="field">
        <span>{t('description')}</span>
        <input className="input" value={draft.description} maxLength={200} onChange={(e) => edit({ description: e.target.value })} data-testid="webhook-description" />
      </label>
      <fieldset className="checks webhook-events" aria-invalid={problems.events ? true : undefined} data-testid="webhook-events">
        <legend>{`${t('events.title')} *`}</legend>
        {EVENT_GROUPS.map((g) => (
          <div key={g} className="webhook-group">
            <div className="webhook-group-name">{t(`groups.${g}`)}</div>
            {eventsOf(g).map((e) => (
              <label key={e} className="check">
                <input type="checkbox" checked={draft.events.includes(e)} onChange={(x) => edit({ events: toggle(draft.events, e, x.target.checked) })} data-testid={`webhook-event-${e}`} />
                {t(`events.${EVENT_KEYS[e]}`)}
              </label>
            ))}
          </div>
        ))}
        {problems.events && <small className="field-problem">{t(`${problems.events}`)}</small>}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => edit({ enabled: e.target.checked })} data-testid="webhook-enabled" />
        {t('enabled')}
      </label>
      <label className="check check-top">
        <input type="checkbox" checked={draft.includePhone} onChange={(e) => edit({ includePhone: e.target.checked })} data-testid="webhook-phone" />
        <span>
          {t('includePhone')}
          <small className="muted block">{t('includePhoneHint')}</small>
        </span>
      </label>
      <ServerError error={error} />
      <FormFoot isNew={!item} onCancel={onCancel} onDelete={onDelete} pending={pending} />
    </AdminForm>
  );
}
