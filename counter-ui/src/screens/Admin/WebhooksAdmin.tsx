/**
 * Settings → Webhooks (issue 14, docs/webhooks.md): the center's webhooks, added and edited in a
 * form, a secret shown once after it is made, and each webhook's delivery log. Admins only, as
 * the API is.
 */
import type { AppErrorBody, Response, WebhookView } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bodyOf, EVENT_KEYS, type WebhookDraft } from '../../logic/webhooks';
import { useStore } from '../../store';
import { EditorLayout, ListHead, ServerError } from './parts';
import { useEditor } from './useEditor';
import { WebhookForm } from './WebhookForm';
import { WebhookLog } from './WebhookLog';
import { SecretPanel } from './WebhookSecret';
import { useWebhookText } from './webhookText';

export function WebhooksAdmin() {
  const t = useWebhookText();
  const { t: tc } = useTranslation();
  const token = useStore((s) => s.token);
  const [list, setList] = useState<WebhookView[] | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const editor = useEditor<WebhookView>();

  /** Bumped to read the list again after a change. */
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    void api<WebhookView[]>('/api/admin/webhooks', { token }).then((res) => {
      if (!current) return;
      if (res.ok) setList(res.data);
      setError(res.ok ? null : res.error);
    });
    return () => void (current = false);
  }, [token, version]);

  /** An action on one webhook: its refusal is shown above the list, a new secret in its panel. */
  const act = async (op: Promise<Response<WebhookView | unknown>>, done?: string) => {
    const res = await op;
    setError(res.ok ? null : res.error);
    setNotice(res.ok && done ? done : null);
    if (res.ok && res.data && typeof res.data === 'object' && 'secret' in res.data) {
      const view = res.data as WebhookView;
      if (view.secret) setSecret({ url: view.url, secret: view.secret });
    }
    if (res.ok) setVersion((v) => v + 1);
    return res;
  };

  const save = (item: WebhookView | null, draft: WebhookDraft) =>
    editor.save(() =>
      act(item ? api<WebhookView>(`/api/admin/webhooks/${encodeURIComponent(item.id)}`, { token, method: 'PUT', body: bodyOf(draft) }) : api<WebhookView>('/api/admin/webhooks', { token, body: bodyOf(draft) })),
    );
  const remove = (h: WebhookView) =>
    window.confirm(t('confirmDelete', { url: h.url })) &&
    void act(api(`/api/admin/webhooks/${encodeURIComponent(h.id)}`, { token, method: 'DELETE' })).then((res) => {
      if (res.ok && logOf === h.id) setLogOf(null);
      if (res.ok && editor.editing?.item?.id === h.id) editor.close();
    });
  const rotate = (h: WebhookView) =>
    window.confirm(t('confirmRotate', { url: h.url })) && void act(api<WebhookView>(`/api/admin/webhooks/${encodeURIComponent(h.id)}/rotate-secret`, { token, body: {} }));
  const test = (h: WebhookView) => {
    setLogOf(h.id);
    void act(api(`/api/admin/webhooks/${encodeURIComponent(h.id)}/test`, { token, body: {} }), t('testSent'));
  };

  const logged = list?.find((h) => h.id === logOf);
  return (
    <div className="webhooks" data-testid="webhooks">
      {secret && <SecretPanel url={secret.url} secret={secret.secret} onDone={() => setSecret(null)} />}
      <EditorLayout
        list={
          <section className="panel">
            <ListHead title={tc('admin.tabs.webhooks')} onAdd={() => editor.open(null)} />
            <p className="muted small webhooks-intro">{t('intro')}</p>
            <ServerError error={error} />
            {notice && (
              <p className="ok-text webhooks-intro" role="status">
                {notice}
              </p>
            )}
            {list && list.length === 0 && <p className="muted webhooks-intro">{t('none')}</p>}
            <ul className="webhook-list">
              {(list ?? []).map((h) => (
                <WebhookItem key={h.id} hook={h} open={logOf === h.id} onEdit={() => editor.open(h)} onLog={() => setLogOf(logOf === h.id ? null : h.id)} onTest={() => test(h)} onRotate={() => rotate(h)} onDelete={() => remove(h)} />
              ))}
            </ul>
          </section>
        }
        editor={
          editor.editing && <WebhookForm key={editor.editing.item?.id ?? 'new'} item={editor.editing.item} error={editor.error} pending={editor.pending} onSave={(d) => void save(editor.editing?.item ?? null, d)} onCancel={editor.close} onDelete={() => editor.editing?.item && remove(editor.editing.item)} />
        }
      />
      {logged && <WebhookLog key={logged.id} hook={logged} onClose={() => setLogOf(null)} />}
    </div>
  );
}

interface ItemProps {
  hook: WebhookView;
  open: boolean;
  onEdit: () => void;
  onLog: () => void;
  onTest: () => void;
  onRotate: () => void;
  onDelete: () => void;
}

function WebhookItem({ hook: h, open, onEdit, onLog, onTest, onRotate, onDelete }: ItemProps) {
  const t = useWebhookText();
  const { t: tc } = useTranslation();
  return (
    <li className="webhook-item" data-testid="webhook-row" data-id={h.id}>
      <div className="webhook-head">
        <span className="mono webhook-url">{h.url}</span>
        <span className={h.enabled ? 'pill pill-open' : 'pill pill-closed'}>{h.enabled ? t('enabled') : t('disabled')}</span>
      </div>
      {h.description && <div className="webhook-description">{h.description}</div>}
      <div className="chips">
        {h.events.map((e) => (
          <span key={e} className="chip">
            {t(`events.${EVENT_KEYS[e]}`)}
          </span>
        ))}
        {h.includePhone && <span className="chip chip-note">{t('withPhone')}</span>}
      </div>
      <div className="muted small">
        {t('secret')}: <span className="mono">{h.secretHint}</span>
      </div>
      <div className="row-actions webhook-actions">
        <button type="button" className="btn btn-small" onClick={onEdit} data-testid="webhook-edit">
          {t('edit')}
        </button>
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={onLog} data-testid="webhook-log">
          {t('log')}
        </button>
        <button type="button" className="btn btn-small" onClick={onTest} disabled={!h.enabled} data-testid="webhook-test">
          {t('test')}
        </button>
        <button type="button" className="btn btn-small" onClick={onRotate} data-testid="webhook-rotate">
          {t('rotate')}
        </button>
        <button type="button" className="btn btn-small btn-danger-quiet" onClick={onDelete} data-testid="webhook-delete">
          {tc('common.delete')}
        </button>
      </div>
    </li>
  );
}
