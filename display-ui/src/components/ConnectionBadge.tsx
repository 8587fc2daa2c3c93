import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDisplay } from '../store/index.js';

/** Only after this long: a blip while Socket.IO reconnects should not make the hall nervous. */
export const SHOW_AFTER_MS = 3_000;

/** A small corner notice while the server is out of reach; the last calls stay on screen. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const downSince = useDisplay((s) => s.downSince);
  // The outage whose delay has run out: a new outage starts hidden again.
  const [shownFor, setShownFor] = useState<number | null>(null);
  useEffect(() => {
    if (downSince === null) return;
    const timer = setTimeout(() => setShownFor(downSince), Math.max(0, downSince + SHOW_AFTER_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [downSince]);
  if (downSince === null || shownFor !== downSince) return null;
  return (
    <p className="pill pill-warn" role="status" data-testid="connection-status">
      <span className="pill-dot" aria-hidden="true" />
      {t('reconnecting')}
    </p>
  );
}
