/**
 * The period's bookings (issue 13): what became of them, and the booked visitors' waits from
 * their slot against the booked target (A2), beside the walk-ins' figures above.
 */
import type { AppointmentFigures } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import type { Fmt } from './format';
import { shareLevel } from './tables';

export function AppointmentsCard({ a, fmt }: { a: AppointmentFigures; fmt: Fmt }) {
  const { t } = useTranslation();
  const within = a.withinTarget === null ? null : shareLevel(a.withinTarget);
  const stat = (label: string, value: string, testId: string, level?: string | null) => (
    <div className="stat">
      <dt>{label}</dt>
      <dd className={level ? `lvl-text lvl-${level}` : undefined} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
  return (
    <section className="summary" aria-labelledby="report-appointments-title" data-testid="report-appointments">
      <div className="card card-pair">
        <div>
          <h2 className="card-title" id="report-appointments-title">
            {t('reports.appointments.title')}
          </h2>
          <dl className="stats">
            {stat(t('reports.appointments.booked'), fmt.count(a.booked), 'appt-booked')}
            {stat(t('reports.appointments.checkedIn'), fmt.count(a.checkedIn), 'appt-checked-in')}
            {stat(t('reports.appointments.noShow'), fmt.count(a.noShow), 'appt-no-show')}
            {stat(t('reports.appointments.cancelled'), fmt.count(a.cancelled), 'appt-cancelled')}
            {stat(t('reports.appointments.onTime'), fmt.pct(a.onTime), 'appt-on-time')}
          </dl>
        </div>
        <div>
          <h2 className="card-title">{t('reports.appointments.waits')}</h2>
          <dl className="stats">
            {stat(t('reports.appointments.within'), fmt.pct(a.withinTarget), 'appt-within', within)}
            {stat(t('reports.summary.mean'), fmt.min(a.wait.mean), 'appt-wait-mean')}
            {stat(t('reports.summary.p90'), fmt.min(a.wait.p90), 'appt-wait-p90')}
          </dl>
        </div>
      </div>
    </section>
  );
}
