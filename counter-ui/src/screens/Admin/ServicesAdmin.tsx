/** Services: prefix, names per language, kiosk category, target and expected service time, daily cap, hours, closed days, appointments and joining from a phone. */
import type { ClosedDay, Names, Service } from '@qms/shared';
import { formatPercent } from '@qms/shared/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage, useNameIn } from '../../components/hooks';
import { serviceDraft, serviceOut, serviceProblems } from '../../logic/appointmentSettings';
import { serviceRemoteDraft, serviceRemoteOut, serviceRemoteProblems } from '../../logic/remoteSettings';
import { hoursDraft, hoursHaveProblems, hoursOut } from '../../logic/schedule';
import { useStore } from '../../store';
import { ServiceAppointmentsFields } from './AppointmentFields';
import { useCenterToday } from './HoursAdmin';
import { AdminForm, EditorLayout, Field, FormFoot, ListHead, NamesFields, ServerError, hasName, optionalNumber, useAdminList } from './parts';
import { ServiceRemoteFields } from './RemoteFields';
import { ClosedDaysFields, WeeklyHoursFields } from './ScheduleFields';
import { useEditor } from './useEditor';

export function ServicesAdmin() {
  const { t } = useTranslation();
  const nameOf = useNameIn();
  const lang = useLanguage();
  const { list, error } = useAdminList('services');
  const ed = useEditor<Service>();
  return (
    <EditorLayout
      list={
        <section className="panel">
          <ListHead title={t('admin.tabs.services')} onAdd={() => ed.open(null)} />
          <ServerError error={error} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('admin.prefix')}</th>
                <th>{t('admin.id')}</th>
                <th>{t('admin.name')}</th>
                <th className="num">{t('admin.targetWaitMin')}</th>
                <th className="num">{t('admin.serviceTimeMin')}</th>
                <th className="num">{t('admin.dailyCap')}</th>
                <th>{t('admin.appointments.column')}</th>
                <th>{t('remote.settings.column')}</th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((s) => (
                <tr key={s.id} className="clickable" onClick={() => ed.open(s)} data-testid="admin-row" data-id={s.id}>
                  <td>
                    <span className="prefix">{s.prefix}</span>
                  </td>
                  <td className="mono">{s.id}</td>
                  <td>{nameOf(s.names)}</td>
                  <td className="num">{s.targetWaitMin ?? '—'}</td>
                  <td className="num">{s.serviceTimeMin}</td>
                  <td className="num">{s.dailyCap ?? '—'}</td>
                  <td data-testid="admin-appointments">{s.appointments?.enabled ? t('admin.appointments.share', { pct: formatPercent(s.appointments.bookableShare, lang) }) : '—'}</td>
                  <td data-testid="admin-remote">{s.remote?.enabled ? t('remote.settings.share', { pct: formatPercent(s.remote.maxShare, lang) }) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      }
      editor={ed.editing && <ServiceForm key={ed.editing.item?.id ?? 'new'} item={ed.editing.item} ed={ed} />}
    />
  );
}

function ServiceForm({ item, ed }: { item: Service | null; ed: ReturnType<typeof useEditor<Service>> }) {
  const { t } = useTranslation();
  const saveItem = useStore((s) => s.saveItem);
  const deleteItem = useStore((s) => s.deleteItem);
  const [id, setId] = useState(item?.id ?? '');
  const [prefix, setPrefix] = useState(item?.prefix ?? '');
  const [names, setNames] = useState<Names>(item?.names ?? {});
  const [category, setCategory] = useState(item?.category ?? '');
  const [target, setTarget] = useState(item?.targetWaitMin?.toString() ?? '');
  const [serviceTime, setServiceTime] = useState(item?.serviceTimeMin.toString() ?? '10');
  const [cap, setCap] = useState(item?.dailyCap?.toString() ?? '');
  const [anyway, setAnyway] = useState(item?.acceptWhenUnstaffed === true);
  const centerHours = useStore((s) => s.hall?.center.hours);
  const today = useCenterToday();
  const [ownHours, setOwnHours] = useState(item?.hours !== undefined);
  const [hours, setHours] = useState(() => hoursDraft(item?.hours ?? centerHours));
  const [closedDays, setClosedDays] = useState<ClosedDay[]>(item?.closedDays ?? []);
  const [appointments, setAppointments] = useState(() => serviceDraft(item?.appointments));
  const [remote, setRemote] = useState(() => serviceRemoteDraft(item?.remote));
  const [tried, setTried] = useState(false);
  const appointmentProblems = appointments.enabled && tried ? serviceProblems(appointments) : {};
  const remoteProblems = remote.enabled && tried ? serviceRemoteProblems(remote) : {};

  const submit = () => {
    if (!id.trim() || !prefix.trim() || !hasName(names) || !serviceTime.trim()) return ed.invalid(t('admin.required'));
    if (ownHours && hoursHaveProblems(hours)) return ed.invalid(t('admin.schedule.fixFirst'));
    setTried(true);
    if (appointments.enabled && Object.keys(serviceProblems(appointments)).length > 0) return ed.invalid(t('admin.schedule.fixFirst'));
    if (remote.enabled && Object.keys(serviceRemoteProblems(remote)).length > 0) return ed.invalid(t('admin.schedule.fixFirst'));
    const booking = serviceOut(appointments, item?.appointments);
    const fromPhone = serviceRemoteOut(remote, item?.remote);
    // Keep what this form does not edit from the stored item.
    const { id: _id, category: _c, targetWaitMin: _t, dailyCap: _d, acceptWhenUnstaffed: _a, hours: _h, closedDays: _cd, appointments: _ap, remote: _r, ...rest } = item ?? ({} as Partial<Service>);
    const body = {
      ...rest,
      prefix: prefix.trim().toUpperCase(),
      names,
      serviceTimeMin: Number(serviceTime),
      ...(category.trim() ? { category: category.trim() } : {}),
      ...(optionalNumber(target) !== undefined ? { targetWaitMin: optionalNumber(target) } : {}),
      ...(optionalNumber(cap) !== undefined ? { dailyCap: optionalNumber(cap) } : {}),
      ...(anyway ? { acceptWhenUnstaffed: true } : {}),
      ...(ownHours ? { hours: hoursOut(hours) } : {}),
      ...(closedDays.length > 0 ? { closedDays } : {}),
      ...(booking ? { appointments: booking } : {}),
      ...(fromPhone ? { remote: fromPhone } : {}),
    };
    void ed.save(() => saveItem('services', id.trim(), body));
  };

  return (
    <AdminForm title={item ? t('admin.editTitle', { id: item.id }) : t('admin.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={`${t('admin.id')} *`}>
          <input className="input" value={id} disabled={item !== null} onChange={(e) => setId(e.target.value)} required data-testid="f-id" />
        </Field>
        <Field label={`${t('admin.prefix')} *`} hint={t('admin.prefixHint')}>
          <input className="input" value={prefix} maxLength={3} onChange={(e) => setPrefix(e.target.value.toUpperCase())} required data-testid="f-prefix" />
        </Field>
      </div>
      <NamesFields names={names} onChange={setNames} />
      <div className="form-grid">
        <Field label={t('admin.category')}>
          <input className="input" value={category} onChange={(e) => setCategory(e.target.value)} />
        </Field>
        <Field label={t('admin.targetWaitMin')} hint={t('admin.targetHint')}>
          <input className="input" type="number" min={1} value={target} onChange={(e) => setTarget(e.target.value)} />
        </Field>
        <Field label={`${t('admin.serviceTimeMin')} *`}>
          <input className="input" type="number" min={1} value={serviceTime} onChange={(e) => setServiceTime(e.target.value)} required />
        </Field>
        <Field label={t('admin.dailyCap')}>
          <input className="input" type="number" min={1} value={cap} onChange={(e) => setCap(e.target.value)} />
        </Field>
      </div>
      <label className="check">
        <input type="checkbox" checked={anyway} onChange={(e) => setAnyway(e.target.checked)} data-testid="f-accept-unstaffed" />
        {t('admin.acceptWhenUnstaffed')}
      </label>
      <fieldset className="checks">
        <legend>{t('admin.schedule.serviceHours')}</legend>
        <label className="check">
          <input type="radio" name="hours-source" checked={!ownHours} onChange={() => setOwnHours(false)} data-testid="f-center-hours" />
          {t('admin.schedule.useCenter')}
        </label>
        <label className="check">
          <input
            type="radio"
            name="hours-source"
            checked={ownHours}
            onChange={() => {
              // Own hours start from the center's, the usual case being a few changes to them.
              if (item?.hours === undefined) setHours(hoursDraft(centerHours));
              setOwnHours(true);
            }}
            data-testid="f-own-hours"
          />
          {t('admin.schedule.useOwn')}
        </label>
        {ownHours && <WeeklyHoursFields hours={hours} onChange={setHours} />}
      </fieldset>
      <fieldset className="checks">
        <legend>{t('admin.schedule.serviceClosed')}</legend>
        <small className="muted">{t('admin.schedule.serviceClosedHint')}</small>
        <ClosedDaysFields days={closedDays} today={today} onChange={setClosedDays} />
      </fieldset>
      <ServiceAppointmentsFields draft={appointments} onChange={setAppointments} problems={appointmentProblems} serviceTimeMin={Number(serviceTime)} />
      <ServiceRemoteFields draft={remote} onChange={setRemote} problems={remoteProblems} />
      <ServerError error={ed.error} />
      <FormFoot isNew={item === null} pending={ed.pending} onCancel={ed.close} onDelete={() => item && void ed.remove(item.id, () => deleteItem('services', item.id))} />
    </AdminForm>
  );
}
