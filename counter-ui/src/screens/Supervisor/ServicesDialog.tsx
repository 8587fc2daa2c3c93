/** Change what a counter serves, live (C2): off/primary/secondary per servable service, with a reason. */
import type { Counter } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { useServiceName } from '../../components/hooks';
import { setCounterServices } from '../../commands';
import { assignmentOf, assignmentRows, type AssignmentRow, type ServiceRole } from '../../logic/assignment';
import { useStore } from '../../store';

const ROLES: ServiceRole[] = ['off', 'primary', 'secondary'];
const NO_PLANS: Counter[] = [];

export function ServicesDialog({ counterId, addServiceId }: { counterId: string; addServiceId?: string | undefined }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  const closeDialog = useStore((s) => s.closeDialog);
  const counter = useStore((s) => s.hall?.counters[counterId]);
  const plan = useStore((s) => (s.lists.counters ?? NO_PLANS).find((p) => p.id === counterId));
  const centerLang = useStore((s) => s.hall?.center.defaultLanguage ?? 'en');
  const [rows, setRows] = useState<AssignmentRow[]>(() =>
    assignmentRows(counter?.services ?? [], plan).map((r) => (r.serviceId === addServiceId && r.role === 'off' ? { ...r, role: 'secondary' } : r)),
  );
  const [reason, setReason] = useState(() => (addServiceId ? i18n.getFixedT(centerLang)('svcDialog.mergeReason', { service: serviceName(addServiceId) }) : ''));
  if (!counter) return null;

  const services = assignmentOf(rows);
  const valid = services.length > 0 && reason.trim() !== '';
  const setRole = (serviceId: string, role: ServiceRole) => setRows((rs) => rs.map((r) => (r.serviceId === serviceId ? { ...r, role } : r)));
  const submit = async () => {
    if (valid && (await setCounterServices(counterId, services, reason.trim()))) closeDialog();
  };

  return (
    <Dialog title={t('svcDialog.title', { number: counter.number })} onClose={closeDialog} testId="services-dialog" wide>
      <form
        className="dialog-body form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="muted">{t('svcDialog.hint')}</p>
        <table className="table assign">
          <thead>
            <tr>
              <th>{t('sup.services.service')}</th>
              {ROLES.map((r) => (
                <th key={r} className="center">
                  {t(`role.${r}`)}
                </th>
              ))}
              <th>{t('svcDialog.plan')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.serviceId} data-testid="assign-row" data-service={r.serviceId}>
                <td>{serviceName(r.serviceId)}</td>
                {ROLES.map((role) => (
                  <td key={role} className="center">
                    <input
                      type="radio"
                      name={`role-${r.serviceId}`}
                      aria-label={`${serviceName(r.serviceId)}: ${t(`role.${role}`)}`}
                      checked={r.role === role}
                      onChange={() => setRole(r.serviceId, role)}
                      data-role={role}
                    />
                  </td>
                ))}
                <td className="muted">{t(`role.${r.planned}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <label className="field">
          <span>{t('svcDialog.reason')}</span>
          <input className="input" value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} placeholder={t('svcDialog.reasonPlaceholder')} data-autofocus data-testid="services-reason" />
        </label>
        {services.length === 0 && <p className="form-error">{t('svcDialog.needOne')}</p>}
        <footer className="dialog-foot">
          <button type="button" className="btn" disabled={!plan} onClick={() => plan && setRows(assignmentRows(plan.services, plan))} data-testid="services-plan">
            {t('svcDialog.restorePlan')}
          </button>
          <span className="grow" />
          <button type="button" className="btn" onClick={closeDialog}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!valid} data-testid="services-apply">
            {t('svcDialog.apply')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
