import { formatDate, formatTime } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useKiosk } from '../store';

/** Date and time in the center's zone and the visitor's language (a kiosk's screen is also a clock). */
export function Clock() {
  const [now, setNow] = useState(() => Date.now());
  const lang = useKiosk((s) => s.lang);
  const timeZone = useKiosk((s) => s.catalogue?.center.timezone);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(id);
  }, []);
  const time = formatTime(now, lang, timeZone);
  const date = formatDate(now, lang, timeZone);
  return (
    <p className="clock">
      <span className="clock-time">{time}</span>
      <span className="clock-date">{date}</span>
    </p>
  );
}
