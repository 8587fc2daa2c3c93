/** Staff: name, role, password (set or change), the services each person is trained for. */
import type { StaffRole } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNameIn } from '../../components/hooks';
import { useStore } from '../../store';
import type { StaffRow } from '../../store/admin';
import { AdminForm, EditorLayout, Field, FormFoot, ListHead, ServerError, useAdminList } from './parts';
import { useEditor } from './useEditor';

const ROLES: StaffRole[] = ['operator', 'supervisor', 'admin'];

export function StaffAdmin() {
  const { t } = useTranslation();
  const nameOf = useNameIn();
  const { list, error } = useAdminList('staff');
  const services = useAdminList('services').list ?? [];
  const ed = useEditor<StaffRow>();
  const name = (id: string) => {
    const s = services.find((x) => x.id === id);
    return s ? nameOf(s.names) : id;
  };
  return (
    <EditorLayout
      list={
        <section className="panel">
          <ListHead title={t('admin.tabs.staff')} onAdd={() => ed.open(null)} />
          <ServerError error={error} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('admin.login')}</th>
                <th>{t('admin.name')}</th>
                <th>{t('admin.role')}</th>
                <th>{t('admin.trained')}</th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((s) => (
                <tr key={s.login} className="clickable" onClick={() => ed.open(s)} data-testid="admin-row" data-id={s.login}>
                  <td className="mono">{s.login}</td>
                  <td>{s.name}</td>
                  <td>{t(`staffRole.${s.role}`)}</td>
                  <td className="small">{s.services.length ? s.services.map(name).join(', ') : t('admin.allServices')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      }
      editor={ed.editing && <StaffForm key={ed.editing.item?.login ?? 'new'} item={ed.editing.item} ed={ed} serviceIds={services.map((s) => s.id)} name={name} />}
    />
  );
}

function StaffForm({ item, ed, serviceIds, name }: { item: StaffRow | null; ed: ReturnType<typeof useEditor<StaffRow>>; serviceIds: string[]; name: (id: string) => string }) {
  const { t } = useTranslation();
  const saveItem = useStore((s) => s.saveItem);
  const deleteItem = useStore((s) => s.deleteItem);
  const [login, setLogin] = useState(item?.login ?? '');
  const [fullName, setFullName] = useState(item?.name ?? '');
  const [role, setRole] = useState<StaffRole>(item?.role ?? 'operator');
  const [password, setPassword] = useState('');
  const [trained, setTrained] = useState<string[]>(item?.services ?? []);

  const submit = () => {
    if (!login.trim() || !fullName.trim() || (item === null && !password)) return ed.invalid(t('admin.required'));
    const body = { name: fullName.trim(), role, services: trained, ...(password ? { password } : {}) };
    void ed.save(() => saveItem('staff', login.trim(), body));
  };

  return (
    <AdminForm title={item ? t('admin.editTitle', { id: item.login }) : t('admin.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={`${t('admin.login')} *`}>
          <input className="input" value={login} disabled={item !== null} autoComplete="off" onChange={(e) => setLogin(e.target.value)} required />
        </Field>
        <Field label={`${t('admin.name')} *`}>
          <input className="input" value={fullName} onChange={(e) => setFullName(e.target.value)} required />
        </Field>
        <Field label={t('admin.role')}>
          <select className="input" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`staffRole.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={item ? t('admin.newPassword') : `${t('admin.password')} *`} hint={item ? t('admin.passwordKeep') : t('admin.passwordHint')}>
          <input className="input" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required={item === null} />
        </Field>
      </div>
      <fieldset className="checks">
        <legend>{t('admin.trained')}</legend>
        {serviceIds.map((sid) => (
          <label key={sid} className="check">
            <input type="checkbox" checked={trained.includes(sid)} onChange={(e) => setTrained((x) => (e.target.checked ? [...x, sid] : x.filter((y) => y !== sid)))} />
            {name(sid)}
          </label>
        ))}
        <small className="muted">{t('admin.trainedHint')}</small>
      </fieldset>
      <ServerError error={ed.error} />
      <FormFoot isNew={item === null} pending={ed.pending} onCancel={ed.close} onDelete={() => item && void ed.remove(item.login, () => deleteItem('staff', item.login))} />
    </AdminForm>
  );
}
