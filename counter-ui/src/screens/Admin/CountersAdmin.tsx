/** Counters: number, zone, planned services (primary/secondary), what their staff can serve and when they are staffed. */
import type { Counter, CounterService } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNameIn } from '../../components/hooks';
import type { ServiceRole } from '../../logic/assignment';
import { hoursDraft, hoursHaveProblems, hoursOut } from '../../logic/schedule';
import { useStore } from '../../store';
import { AdminForm, EditorLayout, Field, FormFoot, ListHead, ServerError, useAdminList } from './parts';
import { WeeklyHoursFields } from './ScheduleFields';
import { useEditor } from './useEditor';

export function CountersAdmin() {
  const { t } = useTranslation();
  const nameOf = useNameIn();
  const { list, error } = useAdminList('counters');
  const services = useAdminList('services').list ?? [];
  const ed = useEditor<Counter>();
  const name = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? nameOf(s.names) : id;
  };
  const sorted = [...(list ?? [])].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  return (
    <EditorLayout
      list={
        <section className="panel">
          <ListHead title={t('admin.tabs.counters')} onAdd={() => ed.open(null)} />
          <ServerError error={error} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('admin.number')}</th>
                <th>{t('admin.zone')}</th>
                <th>{t('admin.plan')}</th>
                <th>{t('admin.canServe')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((c) => (
                <tr key={c.id} className="clickable" onClick={() => ed.open(c)} data-testid="admin-row" data-id={c.id}>
                  <td>
                    <strong>{c.number}</strong> {c.id !== c.number && <span className="muted mono">{c.id}</span>}
                  </td>
                  <td>{c.zone}</td>
                  <td>
                    {c.services.map((s) => (
                      <span key={s.serviceId} className={s.role === 'primary' ? 'chip chip-primary' : 'chip chip-secondary'}>
                        {name(s.serviceId)}
                      </span>
                    ))}
                  </td>
                  <td className="small">{(c.canServe ?? []).map(name).join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      }
      editor={ed.editing && <CounterForm key={ed.editing.item?.id ?? 'new'} item={ed.editing.item} ed={ed} serviceIds={services.map((s) => s.id)} name={name} />}
    />
  );
}

function CounterForm({ item, ed, serviceIds, name }: { item: Counter | null; ed: ReturnType<typeof useEditor<Counter>>; serviceIds: string[]; name: (id: string) => string }) {
  const { t } = useTranslation();
  const saveItem = useStore((s) => s.saveItem);
  const deleteItem = useStore((s) => s.deleteItem);
  const [id, setId] = useState(item?.id ?? '');
  const [number, setNumber] = useState(item?.number ?? '');
  const [zone, setZone] = useState(item?.zone ?? 'main');
  const [plan, setPlan] = useState<CounterService[]>(item?.services ?? []);
  const [canServe, setCanServe] = useState<string[]>(item?.canServe ?? []);
  const centerHours = useStore((s) => s.hall?.center.hours);
  const [planned, setPlanned] = useState(item?.hours !== undefined);
  const [hours, setHours] = useState(() => hoursDraft(item?.hours ?? centerHours));
  const roleOf = (sid: string): ServiceRole => plan.find((p) => p.serviceId === sid)?.role ?? 'off';
  const setRole = (sid: string, role: ServiceRole) => setPlan((p) => [...p.filter((x) => x.serviceId !== sid), ...(role === 'off' ? [] : [{ serviceId: sid, role }])]);

  const submit = () => {
    if (!id.trim() || !number.trim() || plan.length === 0) return ed.invalid(t('admin.counterRequired'));
    if (planned && hoursHaveProblems(hours)) return ed.invalid(t('admin.schedule.fixFirst'));
    const body = {
      number: number.trim(),
      zone: zone.trim() || 'main',
      services: plan,
      ...(canServe.length ? { canServe } : {}),
      ...(planned ? { hours: hoursOut(hours) } : {}),
    };
    void ed.save(() => saveItem('counters', id.trim(), body));
  };

  return (
    <AdminForm title={item ? t('admin.editTitle', { id: item.id }) : t('admin.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={`${t('admin.id')} *`}>
          <input className="input" value={id} disabled={item !== null} onChange={(e) => setId(e.target.value)} required />
        </Field>
        <Field label={`${t('admin.number')} *`}>
          <input className="input" value={number} maxLength={8} onChange={(e) => setNumber(e.target.value)} required />
        </Field>
        <Field label={t('admin.zone')}>
          <input className="input" value={zone} onChange={(e) => setZone(e.target.value)} />
        </Field>
      </div>
      <div className="table-scroll">
        <table className="table assign">
          <thead>
            <tr>
              <th>{t('sup.services.service')}</th>
              {(['off', 'primary', 'secondary'] as const).map((r) => (
                <th key={r} className="center">
                  {t(`role.${r}`)}
                </th>
              ))}
              <th className="center">{t('admin.canServe')}</th>
            </tr>
          </thead>
          <tbody>
            {serviceIds.map((sid) => (
              <tr key={sid}>
                <td>{name(sid)}</td>
                {(['off', 'primary', 'secondary'] as const).map((r) => (
                  <td key={r} className="center">
                    <input type="radio" name={`plan-${sid}`} aria-label={`${name(sid)}: ${t(`role.${r}`)}`} checked={roleOf(sid) === r} onChange={() => setRole(sid, r)} />
                  </td>
                ))}
                <td className="center">
                  <input
                    type="checkbox"
                    aria-label={`${name(sid)}: ${t('admin.canServe')}`}
                    checked={canServe.includes(sid) || roleOf(sid) !== 'off'}
                    disabled={roleOf(sid) !== 'off'}
                    onChange={(e) => setCanServe((c) => (e.target.checked ? [...c, sid] : c.filter((x) => x !== sid)))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t('admin.canServeHint')}</p>
      <fieldset className="checks">
        <legend>{t('admin.schedule.counterPlan')}</legend>
        <small className="muted">{t('admin.schedule.counterPlanHint')}</small>
        <label className="check">
          <input type="radio" name="counter-plan" checked={!planned} onChange={() => setPlanned(false)} data-testid="f-no-plan" />
          {t('admin.schedule.counterPlanNone')}
        </label>
        <label className="check">
          <input type="radio" name="counter-plan" checked={planned} onChange={() => setPlanned(true)} data-testid="f-planned-hours" />
          {t('admin.schedule.counterPlanOwn')}
        </label>
        {planned && <WeeklyHoursFields hours={hours} onChange={setHours} />}
      </fieldset>
      <ServerError error={ed.error} />
      <FormFoot isNew={item === null} pending={ed.pending} onCancel={ed.close} onDelete={() => item && void ed.remove(item.number, () => deleteItem('counters', item.id))} />
    </AdminForm>
  );
}
