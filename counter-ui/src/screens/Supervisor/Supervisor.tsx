/** The hall at a glance: alerts and the rebalancer first, then every service and every counter, with live controls. */
import { useEffect } from 'react';
import { ErrorBanner, NoticeBanner } from '../../components/Banners';
import { useStore } from '../../store';
import { AlertsBar } from './AlertsBar';
import { CountersTable } from './CountersTable';
import { RebalancePanel } from './RebalancePanel';
import { ServicesTable } from './ServicesTable';

export function Supervisor() {
  const loadList = useStore((s) => s.loadList);
  useEffect(() => {
    // Plans and canServe (for merging) and staff names (for the operator column).
    void loadList('counters');
    void loadList('staff');
  }, [loadList]);
  return (
    <div className="supervisor" data-testid="supervisor">
      <NoticeBanner />
      <ErrorBanner />
      <AlertsBar />
      <RebalancePanel />
      <div className="sup-grid">
        <ServicesTable />
        <CountersTable />
      </div>
    </div>
  );
}
