/**
 * Take a counter: every counter with its state, services and holder. "Take" is offered only where
 * the server would allow it (server/src/center/commands.ts, claim): not on a counter another
 * live session holds, nor one serving a service the user is not trained for, nor while the user
 * still has another counter open; each of those says why instead.
 */
import type { CounterState } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ErrorBanner, NoticeBanner } from '../components/Banners';
import { useServiceName } from '../components/hooks';
import { pauseText } from '../components/pauseText';
import { runCounterCommand } from '../commands';
import { useStore } from '../store';

type Holder = { counterId: string; login: string };

/** Why the user cannot take a counter, or how they may. */
type Verdict =
  | { kind: 'take' | 'takeBack' }
  | { kind: 'takeOver'; login: string }
  | { kind: 'heldBy'; login: string }
  | { kind: 'notTrained'; serviceIds: string[] }
  | { kind: 'holdsOther'; number: string };

function verdict(c: CounterState, me: string | undefined, trained: string[], holders: Holder[] | null, counters: CounterState[]): Verdict {
  const open = c.status !== 'closed';
  if (open && c.staffLogin === me) return { kind: 'takeBack' };
  // A person holds one counter at a time: the one open in their name must be released first.
  const other = counters.find((x) => x.id !== c.id && x.status !== 'closed' && x.staffLogin === me);
  if (other) return { kind: 'holdsOther', number: other.number };
  const holder = holders?.find((h) => h.counterId === c.id);
  // Until the holders are known, a counter open in someone's name counts as held.
  if (holder && holder.login !== me) return { kind: 'heldBy', login: holder.login };
  if (open && c.staffLogin && holders === null) return { kind: 'heldBy', login: c.staffLogin };
  const untrained = trained.length === 0 ? [] : c.services.filter((s) => !trained.includes(s.serviceId)).map((s) => s.serviceId);
  if (untrained.length > 0) return { kind: 'notTrained', serviceIds: untrained };
  // Open in the name of a session that has ended: the server hands it over.
  if (open && c.staffLogin) return { kind: 'takeOver', login: c.staffLogin };
  return { kind: 'take' };
}

/** The live sessions' counters, fetched again whenever who-has-what in the hall changes. */
function useHolders(key: string): Holder[] | null {
  const token = useStore((s) => s.token);
  const [holders, setHolders] = useState<Holder[] | null>(null);
  useEffect(() => {
    let live = true;
    void api<Holder[]>('/api/counters/holders', { token }).then((res) => {
      if (live && res.ok) setHolders(res.data);
    });
    return () => {
      live = false;
    };
  }, [token, key]);
  return holders;
}

export function CounterPicker() {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const counters = useStore(
    useShallow((s) => Object.values(s.hall?.counters ?? {}).sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }))),
  );
  const me = useStore((s) => s.staff?.login);
  const trained = useStore(useShallow((s) => s.staff?.services ?? []));
  const busy = useStore((s) => s.busy !== null || s.connection !== 'live');
  const loaded = useStore((s) => s.hall !== null);
  const holders = useHolders(counters.map((c) => `${c.id}:${c.status}:${c.staffLogin ?? ''}`).join(','));
  if (!loaded) return <p className="loading">{t('common.loading')}</p>;

  return (
    <div className="page" data-testid="picker">
      <header className="page-head">
        <h1>{t('picker.title')}</h1>
        <p className="muted">{t('picker.hint')}</p>
      </header>
      <NoticeBanner />
      <ErrorBanner />
      <div className="picker-grid">
        {counters.map((c) => {
          const v = verdict(c, me, trained, holders, counters);
          const note =
            v.kind === 'takeBack'
              ? t('picker.you')
              : v.kind === 'heldBy'
                ? t('picker.heldBy', { login: v.login })
                : v.kind === 'takeOver'
                  ? t('picker.openFor', { login: v.login })
                  : v.kind === 'notTrained'
                    ? t('picker.notTrained', { list: v.serviceIds.map(serviceName).join(', ') })
                    : v.kind === 'holdsOther'
                      ? t('picker.holdsOther', { number: v.number })
                      : c.status === 'closed'
                        ? t('picker.free')
                        : '';
          const label = v.kind === 'takeBack' ? t('picker.takeBack') : v.kind === 'takeOver' ? t('picker.takeOver') : v.kind === 'take' ? t('picker.take') : null;
          return (
            <article key={c.id} className={`pick pick-${c.status}`} data-testid="pick-counter" data-counter={c.id} data-verdict={v.kind}>
              <header className="pick-head">
                <span className="pick-number">{c.number}</span>
                <span className="muted">{t('op.zone', { zone: c.zone })}</span>
                <span className={`pill pill-${c.status}`}>{t(`status.${c.status}`)}</span>
              </header>
              <ul className="pick-services">
                {c.services.map((s) => (
                  <li key={s.serviceId} className={s.role === 'secondary' ? 'secondary' : undefined}>
                    {serviceName(s.serviceId)}
                    {s.role === 'secondary' && <span className="chip-note">{t('role.secondaryShort')}</span>}
                  </li>
                ))}
              </ul>
              <footer className="pick-foot">
                <span className="muted" data-testid="pick-note">
                  {note}
                  {c.status === 'paused' && (c.pauseReason || c.pauseReasonId) ? ` · ${pauseText(t, c)}` : ''}
                </span>
                {label !== null && (
                  <button
                    type="button"
                    className={v.kind === 'takeOver' ? 'btn' : 'btn btn-primary'}
                    disabled={busy}
                    onClick={() => void runCounterCommand('claim', c.id, {})}
                    data-testid="take"
                  >
                    {label}
                  </button>
                )}
              </footer>
            </article>
          );
        })}
      </div>
    </div>
  );
}
