/** Session gate, the hall connection's lifetime, and the view for the route and role. */
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { bindServerEvents } from './bindServerEvents';
import { DialogHost } from './components/DialogHost';
import { TopBar } from './components/TopBar';
import { applyCenterDefault } from './i18n';
import { Admin } from './screens/Admin/Admin';
import { CounterPicker } from './screens/CounterPicker';
import { Login } from './screens/Login';
import { Operator } from './screens/Operator/Operator';
import { useRatingText } from './screens/Complaints/ratingText';
import { Supervisor } from './screens/Supervisor/Supervisor';
import { store, useStore } from './store';

export function App() {
  const { t } = useTranslation();
  const status = useStore((s) => s.sessionStatus);
  const token = useStore((s) => s.token);
  const defaultLanguage = useStore((s) => s.hall?.center.defaultLanguage);
  const view = useStore((s) => s.route.view);
  const tr = useRatingText();

  useEffect(() => (status === 'ready' && token ? bindServerEvents(store, token) : undefined), [status, token]);
  useEffect(() => {
    if (defaultLanguage) applyCenterDefault(defaultLanguage);
  }, [defaultLanguage]);
  // The tab's title in the user's language, naming the view (staff often keep two open).
  useEffect(() => {
    // Complaints' words are in their own namespace (i18n/ratings.ts).
    document.title = `QMS – ${status === 'anonymous' ? t('login.title') : view === 'complaints' ? tr('complaints.title') : t(`nav.${view}`)}`;
  }, [t, tr, status, view]);

  if (status === 'restoring' || status === 'offline') {
    return <p className="loading">{status === 'offline' ? t('login.offline') : t('common.loading')}</p>;
  }
  if (status === 'anonymous') return <Login />;
  return (
    <div className="shell">
      <TopBar />
      <main className="content">
        <View />
      </main>
      <DialogHost />
    </div>
  );
}

/** Loaded when first opened: an operator's day at the counter does not wait for the charts. */
const Reports = lazy(() => import('./screens/Reports/Reports'));
const Bookings = lazy(() => import('./screens/Bookings/Bookings'));
const Complaints = lazy(() => import('./screens/Complaints/Complaints'));
const Planning = lazy(() => import('./screens/Planning/Planning'));

function View() {
  const { t } = useTranslation();
  const route = useStore((s) => s.route);
  const role = useStore((s) => s.staff?.role ?? 'operator');
  const holding = useStore((s) => s.counterId !== null);
  if (route.view === 'admin' && role === 'admin') return <Admin tab={route.tab} />;
  // Every role: the server gives an operator the tickets they served, and nobody else's.
  if (route.view === 'reports') {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <Reports />
      </Suspense>
    );
  }
  // Every role: the day's list and booking for a visitor; the plan for supervisors and admins.
  if (route.view === 'bookings') {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <Bookings />
      </Suspense>
    );
  }
  // Supervisors and admins answer complaints; an operator's own figures are in Reports.
  if (route.view === 'complaints' && role !== 'operator') {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <Complaints />
      </Suspense>
    );
  }
  // Supervisors and admins: staffing and training advice (issue 15).
  if (route.view === 'planning' && role !== 'operator') {
    return (
      <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
        <Planning />
      </Suspense>
    );
  }
  if (route.view === 'supervisor' && role !== 'operator') return <Supervisor />;
  return holding ? <Operator /> : <CounterPicker />;
}
