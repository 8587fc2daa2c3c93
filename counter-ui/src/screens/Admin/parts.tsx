/** Building blocks of the admin forms: fields, names per language, server errors, the list hook. */
import type { AppErrorBody, Names } from '@qms/shared';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { UI_LANGUAGES, LANGUAGE_NAMES } from '../../i18n';
import { useStore } from '../../store';
import type { AdminKind, AdminLists } from '../../store/admin';

export function useAdminList<K extends AdminKind>(kind: K): { list: AdminLists[K] | undefined; error: AppErrorBody | undefined } {
  const loadList = useStore((s) => s.loadList);
  useEffect(() => void loadList(kind), [kind, loadList]);
  const list = useStore((s) => s.lists[kind]) as AdminLists[K] | undefined;
  const error = useStore((s) => s.listErrors[kind]);
  return { list, error };
}

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
      {hint && <small className="muted">{hint}</small>}
    </label>
  );
}

/** The server's message, one line per JSON path ("services[0].prefix: …; center.timezone: …"). */
export function ServerError({ error }: { error: AppErrorBody | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  const lines = error.message.split('; ').filter(Boolean);
  return (
    <div className="form-error" role="alert" data-testid="server-error">
      <strong>{t(`errors.${error.code}`, { defaultValue: error.code })}</strong>
      {lines.length > 1 ? (
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : (
        <div>{error.message}</div>
      )}
    </div>
  );
}

export function NamesFields({ names, onChange }: { names: Names; onChange: (names: Names) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="names">
      <legend>{t('admin.names')}</legend>
      {UI_LANGUAGES.map((lang) => (
        <label key={lang} className="field field-inline" lang={lang}>
          <span className="lang-code" title={LANGUAGE_NAMES[lang]}>
            {lang}
          </span>
          <input
            className="input"
            value={names[lang] ?? ''}
            maxLength={200}
            onChange={(e) => {
              const next = { ...names };
              if (e.target.value.trim()) next[lang] = e.target.value;
              else delete next[lang];
              onChange(next);
            }}
            data-testid={`name-${lang}`}
          />
        </label>
      ))}
    </fieldset>
  );
}

export const hasName = (names: Names) => Object.values(names).some((n) => n && n.trim() !== '');

/** "" → undefined, else the number (the server checks ranges). */
export const optionalNumber = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The editor's form: submit without a page reload, and a title that names the item or says "new". */
export function AdminForm({ title, onSubmit, children }: { title: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className="panel form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
      data-testid="admin-form"
    >
      <h2>{title}</h2>
      {children}
    </form>
  );
}

export function EditorLayout({ list, editor }: { list: ReactNode; editor: ReactNode }) {
  return (
    // With nothing open, the list has the width: a wide table (Russian headings) fits without scrolling.
    <div className={editor ? 'editor' : 'editor editor-alone'}>
      <div className="editor-list">{list}</div>
      {editor && <div className="editor-form">{editor}</div>}
    </div>
  );
}

export function ListHead({ title, onAdd }: { title: string; onAdd: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="panel-head">
      <h2>{title}</h2>
      <button type="button" className="btn btn-primary btn-small" onClick={onAdd} data-testid="admin-add">
        + {t('common.add')}
      </button>
    </header>
  );
}

/** Save / delete / cancel row for an editor form. */
export function FormFoot({ isNew, onCancel, onDelete, pending }: { isNew: boolean; onCancel: () => void; onDelete: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <footer className="dialog-foot">
      {!isNew && (
        <button type="button" className="btn btn-danger-quiet" onClick={onDelete} disabled={pending} data-testid="admin-delete">
          {t('common.delete')}
        </button>
      )}
      <span className="grow" />
      <button type="button" className="btn" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={pending} data-testid="admin-save">
        {t('common.save')}
      </button>
    </footer>
  );
}

/** The foot of a Settings form saved as a whole (opening hours, appointment rules): what is wrong, what the server said, saved. */
export function SaveFoot({ invalid, error, saved, pending, testId }: { invalid: boolean; error: AppErrorBody | null | undefined; saved: boolean; pending: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <footer className="schedule-foot">
      {invalid && (
        <p className="field-problem" role="alert" data-testid={`${testId}-invalid`}>
          {t('admin.schedule.fixFirst')}
        </p>
      )}
      <ServerError error={error} />
      {saved && (
        <p className="ok-text" role="status" data-testid={`${testId}-saved`}>
          {t('admin.schedule.saved')}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={pending} data-testid={`${testId}-save`}>
        {t('common.save')}
      </button>
    </footer>
  );
}
