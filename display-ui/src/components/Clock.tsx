import type { Language } from '@qms/shared';
import { useMemo } from 'react';
import { dateLine } from '../dates.js';
import { useNow } from '../hooks/useNow.js';
import { useDisplay } from '../store/index.js';

/** The center's local time, by the server's clock (a TV's own clock drifts or is never set). */
export function Clock({ lang }: { lang: Language }) {
  const timeZone = useDisplay((s) => s.hall?.center.timezone);
  const offset = useDisplay((s) => s.hall?.clockOffsetMs ?? 0);
  const now = useNow(1_000) + offset;
  const formats = useMemo(
    () => ({
      time: new Intl.DateTimeFormat(lang, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: dateLine(lang, timeZone),
    }),
    [lang, timeZone],
  );
  return (
    <div className="clock" data-testid="clock">
      <time className="clock-time">{formats.time.format(now)}</time>
      <span className="clock-date">{formats.date.format(now)}</span>
    </div>
  );
}
