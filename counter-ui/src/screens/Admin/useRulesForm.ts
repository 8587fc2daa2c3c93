/**
 * One of the center's rule sets edited alone (GET/PUT of its own admin route, so that saving it
 * cannot undo another admin's edit elsewhere): the appointment rules, the rules for joining from a
 * phone. Loads the rules into a draft, checks the draft before sending, saves, and takes back what
 * the server stored.
 */
import type { AppErrorBody } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useStore } from '../../store';

export interface RulesForm<Rules, Draft, Problems extends object> {
  /** The route, e.g. `/api/admin/remote`. */
  path: string;
  draftOf(rules: Rules): Draft;
  bodyOf(draft: Draft): unknown;
  problemsOf(draft: Draft): Problems;
  onSaved?: () => void;
}

export function useRulesForm<Rules, Draft, Problems extends object>(form: RulesForm<Rules, Draft, Problems>) {
  const token = useStore((s) => s.token);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);
  const { path, draftOf, bodyOf, problemsOf, onSaved } = form;

  useEffect(() => {
    let current = true;
    void api<Rules>(path, { token }).then((res) => {
      if (!current) return;
      if (res.ok) setDraft(draftOf(res.data));
      else setError(res.error);
    });
    return () => void (current = false);
    // draftOf is a module function: the rules are read once per token and route.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token, path]);

  const edit = (patch: Partial<Draft>) => {
    if (!draft) return;
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  const save = async () => {
    if (!draft) return;
    setTried(true);
    if (Object.keys(problemsOf(draft)).length > 0) return;
    setPending(true);
    const res = await api<Rules>(path, { token, method: 'PUT', body: bodyOf(draft) });
    setPending(false);
    setError(res.ok ? null : res.error);
    setSaved(res.ok);
    if (res.ok) {
      setDraft(draftOf(res.data));
      onSaved?.();
    }
  };

  const problems: Partial<Problems> = draft && tried ? problemsOf(draft) : {};
  return { draft, error, pending, saved, problems, invalid: Object.keys(problems).length > 0, edit, save };
}
