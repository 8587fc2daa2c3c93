import type { Language } from '@qms/shared';
import { formatDate, formatTime } from '@qms/shared/client';
import { useNow } from '../hooks/useNow.js';
import { useDisplay } from '../store/index.js';

/** The center's local time, by the server's clock (a TV's own clock drifts or is never set). */
export function Clock({ lang }: { lang: Language }) {
  const timeZone = useDisplay((s) => s.hall?.center.timezone);
  const offset = useDisplay((s) => s.hall?.clockOffsetMs ?? 0);
  const now = useNow(1_000) + offset;
  return (
    <div className="clock" data-testid="clock">
      <time className="clock-time">{formatTime(now, lang, timeZone)}</time>
      <span className="clock-date">{formatDate(now, lang, timeZone)}</span>
    </div>
  );
}
