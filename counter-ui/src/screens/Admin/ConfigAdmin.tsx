/** Export the whole configuration as a file; import one (validated by the server, errors by JSON path). */
import type { AppErrorBody } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { ServerError } from './parts';

export function ConfigAdmin() {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const centerId = useStore((s) => s.hall?.center.id ?? 'center');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const exportConfig = async () => {
    setDone(null);
    const res = await api<unknown>('/api/admin/config', { token });
    if (!res.ok) return setError(res.error);
    setError(null);
    const url = URL.createObjectURL(new Blob([JSON.stringify(res.data, null, 2)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${centerId}-config.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const importConfig = async () => {
    if (!file) return;
    setDone(null);
    let body: unknown;
    try {
      body = JSON.parse(await file.text());
    } catch (err) {
      return setError({ code: 'BAD_REQUEST', message: t('admin.notJson', { detail: err instanceof Error ? err.message : '' }) });
    }
    setPending(true);
    const res = await api('/api/admin/config', { token, method: 'PUT', body });
    setPending(false);
    setError(res.ok ? null : res.error);
    if (res.ok) setDone(t('admin.imported', { name: file.name }));
  };

  return (
    <div className="config">
      <section className="panel form">
        <h2>{t('admin.exportTitle')}</h2>
        <p className="muted">{t('admin.exportHint')}</p>
        <div>
          <button type="button" className="btn btn-primary" onClick={() => void exportConfig()} data-testid="config-export">
            {t('admin.export')}
          </button>
        </div>
      </section>
      <section className="panel form">
        <h2>{t('admin.importTitle')}</h2>
        <p className="muted">{t('admin.importHint')}</p>
        <input
          type="file"
          accept="application/json,.json"
          className="input"
          aria-label={t('admin.importFile')}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
            setDone(null);
          }}
          data-testid="config-file"
        />
        <div>
          <button type="button" className="btn btn-primary" disabled={!file || pending} onClick={() => void importConfig()} data-testid="config-import">
            {t('admin.import')}
          </button>
        </div>
        <ServerError error={error} />
        {done && (
          <p className="ok-text" role="status" data-testid="config-done">
            {done}
          </p>
        )}
      </section>
    </div>
  );
}
