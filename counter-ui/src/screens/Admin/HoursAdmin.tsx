/**
 * The center's weekly opening hours and closed days (GET/PUT /api/admin/schedule), saved together;
 * a service may have hours and closed days of its own (Services). Under them, the center's
 * appointment rules (CenterAppointments) and its rules for joining from a phone with their
 * posters (RemoteAdmin), each saved on its own.
 */
import { localTime, type AppErrorBody, type CenterScheduleBody, type ClosedDay } from '@qms/shared';
import { api } from '@qms/shared/client';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useServerNow } from '../../components/hooks';
import { hoursDraft, hoursHaveProblems, hoursOut, type HoursDraft } from '../../logic/schedule';
import { useStore } from '../../store';
import { CenterAppointments } from './CenterAppointments';
import { RemoteAdmin } from './RemoteAdmin';
import { SaveFoot, ServerError } from './parts';
import { ClosedDaysFields, WeeklyHoursFields } from './ScheduleFields';

/** Today in the center's calendar, on the server's clock: what a closed day is past against. */
export function useCenterToday(): string {
  const now = useServerNow(60_000);
  const timeZone = useStore((s) => s.hall?.center.timezone ?? 'UTC');
  return localTime(now, timeZone).day;
}

export function HoursAdmin() {
  const { t } = useTranslation();
  const token = useStore((s) => s.token);
  const today = useCenterToday();
  const [hours, setHours] = useState<HoursDraft | null>(null);
  const [days, setDays] = useState<ClosedDay[]>([]);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tried, setTried] = useState(false);

  const show = (s: CenterScheduleBody) => {
    setHours(hoursDraft(s.hours));
    setDays(s.closedDays);
  };
  useEffect(() => {
    let current = true;
    void api<CenterScheduleBody>('/api/admin/schedule', { token }).then((res) => {
      if (!current) return;
      if (res.ok) show(res.data);
      else setError(res.error);
    });
    return () => void (current = false);
  }, [token]);

  if (!hours) return error ? <ServerError error={error} /> : <p className="loading">{t('common.loading')}</p>;
  const invalid = hoursHaveProblems(hours);

  const save = async () => {
    setTried(true);
    if (invalid) return;
    setPending(true);
    const res = await api<CenterScheduleBody>('/api/admin/schedule', { token, method: 'PUT', body: { hours: hoursOut(hours), closedDays: days } });
    setPending(false);
    setError(res.ok ? null : res.error);
    setSaved(res.ok);
    if (res.ok) show(res.data);
  };
  const edited = () => setSaved(false);

  return (
    <div className="hours-page">
      <form
        className="schedule"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="schedule"
      >
        <section className="panel form">
          <h2>{t('admin.schedule.hoursTitle')}</h2>
          <p className="muted">{t('admin.schedule.hoursHint')}</p>
          <WeeklyHoursFields hours={hours} onChange={(h) => (setHours(h), edited())} />
        </section>
        <section className="panel form">
          <h2>{t('admin.schedule.closedTitle')}</h2>
          <p className="muted">{t('admin.schedule.closedHint')}</p>
          <ClosedDaysFields days={days} today={today} onChange={(d) => (setDays(d), edited())} />
        </section>
        <SaveFoot invalid={tried && invalid} error={error} saved={saved} pending={pending} testId="schedule" />
      </form>
      <CenterAppointments />
      <RemoteAdmin />
    </div>
  );
}
