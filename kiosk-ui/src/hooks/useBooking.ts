import { localTime, type BookingCenter } from '@qms/shared';
import { formatTime, nameIn } from '@qms/shared/client';
import { useTranslation } from 'react-i18next';
import { dayName, relativeDay, todayOf } from '../booking';
import { useKiosk } from '../store';

/** The booking page's center; its steps show only once it has loaded. */
export function useBookCenter(): BookingCenter {
  const center = useKiosk((s) => s.bookCenter);
  if (!center) throw new Error('booking center not loaded');
  return center;
}

/** Names, days and times as the visitor reads them: their language, the center's clock (24-hour). */
export function useBookWords() {
  const center = useBookCenter();
  const lang = useKiosk((s) => s.lang);
  const { t } = useTranslation();
  const today = todayOf(center.services);
  return {
    service: (id: string) => {
      const s = center.services.find((x) => x.id === id);
      return s ? nameIn(s.names, lang, center.defaultLanguage) : '';
    },
    /** "Today, Monday, 2 March"; "Wednesday, 4 March": a label of its own, so capitalised ("Среда, 4 марта"). */
    day: (day: string) => {
      const relative = relativeDay(day, today);
      const name = dayName(day, lang);
      return relative ? `${t(relative)}, ${name}` : name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
    },
    time: (at: number) => formatTime(at, lang, center.timezone),
    /** The center's calendar day of an instant (a booking's slot). */
    dayOf: (at: number) => localTime(at, center.timezone).day,
  };
}
