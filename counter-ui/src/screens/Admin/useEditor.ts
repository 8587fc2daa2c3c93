/** Editing one item of an admin list: which one, a pending save, and the server's answer. */
import type { AppErrorBody, Response } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function useEditor<T>() {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<{ item: T | null } | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);

  const run = async (op: () => Promise<Response<unknown>>, closeOnSuccess = true) => {
    setPending(true);
    const res = await op();
    setPending(false);
    setError(res.ok ? null : res.error);
    if (res.ok && closeOnSuccess) setEditing(null);
    return res.ok;
  };

  return {
    editing,
    error,
    pending,
    open: (item: T | null) => {
      setError(null);
      setEditing({ item });
    },
    close: () => setEditing(null),
    save: (op: () => Promise<Response<unknown>>) => run(op),
    remove: (label: string, op: () => Promise<Response<unknown>>) => (window.confirm(t('admin.confirmDelete', { label })) ? run(op) : Promise.resolve(false)),
    invalid: (message: string) => setError({ code: 'BAD_REQUEST', message }),
  };
}
