import { useEffect } from 'react';
import { useHealthStore, type Center, type ServerStatus } from './store';

const APP_NAME = 'Hall display';
const RECHECK_MS = 15_000;
// Optional ?center=<id>; without it the first configured center is shown.
const centerParam = new URLSearchParams(window.location.search).get('center');

const STATUS_TEXT: Record<ServerStatus, string> = {
  checking: 'Connecting to server…',
  online: 'Server reachable',
  offline: 'Server unreachable',
};

function centerLabel(centers: Center[], status: ServerStatus): string {
  const center =
    centerParam === null ? centers[0] : centers.find((c) => String(c.id) === centerParam);
  if (center) return center.name;
  if (status === 'checking') return '…';
  if (centerParam !== null && centers.length > 0) return `Unknown center “${centerParam}”`;
  return status === 'online' ? 'No center configured' : 'Center unavailable';
}

export function App() {
  const { status, centers, version, error, checkHealth } = useHealthStore();

  useEffect(() => {
    void checkHealth();
    const timer = window.setInterval(() => void checkHealth(), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, [checkHealth]);

  return (
    <main className="app">
      <header>
        <p className="app-name">{APP_NAME}</p>
        <h1 className="center-name">{centerLabel(centers, status)}</h1>
      </header>
      <p className={`status status-${status}`} role="status">
        <span className="dot" aria-hidden="true" />
        {STATUS_TEXT[status]}
      </p>
      {status === 'offline' && error && (
        <p className="detail">
          {error} · retrying every {RECHECK_MS / 1000} s
        </p>
      )}
      {version && <footer>QMS v{version}</footer>}
    </main>
  );
}
