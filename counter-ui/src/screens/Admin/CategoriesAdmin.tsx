/** Priority categories: names per language and the icon the kiosk shows. */
import type { Names, PriorityCategory } from '@qms/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNameIn } from '../../components/hooks';
import { useStore } from '../../store';
import { AdminForm, EditorLayout, Field, FormFoot, ListHead, NamesFields, ServerError, hasName, useAdminList } from './parts';
import { useEditor } from './useEditor';

const ICONS = ['wheelchair', 'elderly', 'pregnant', 'infant', 'veteran', 'child', 'blind', 'deaf'];

export function CategoriesAdmin() {
  const { t } = useTranslation();
  const nameOf = useNameIn();
  const { list, error } = useAdminList('priority-categories');
  const ed = useEditor<PriorityCategory>();
  return (
    <EditorLayout
      list={
        <section className="panel">
          <ListHead title={t('admin.tabs.categories')} onAdd={() => ed.open(null)} />
          <ServerError error={error} />
          <table className="table">
            <thead>
              <tr>
                <th>{t('admin.id')}</th>
                <th>{t('admin.name')}</th>
                <th>{t('admin.icon')}</th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((c) => (
                <tr key={c.id} className="clickable" onClick={() => ed.open(c)} data-testid="admin-row" data-id={c.id}>
                  <td className="mono">{c.id}</td>
                  <td>{nameOf(c.names)}</td>
                  <td className="muted">{c.icon ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      }
      editor={ed.editing && <CategoryForm key={ed.editing.item?.id ?? 'new'} item={ed.editing.item} ed={ed} />}
    />
  );
}

function CategoryForm({ item, ed }: { item: PriorityCategory | null; ed: ReturnType<typeof useEditor<PriorityCategory>> }) {
  const { t } = useTranslation();
  const saveItem = useStore((s) => s.saveItem);
  const deleteItem = useStore((s) => s.deleteItem);
  const [id, setId] = useState(item?.id ?? '');
  const [names, setNames] = useState<Names>(item?.names ?? {});
  const [icon, setIcon] = useState(item?.icon ?? '');

  const submit = () => {
    if (!id.trim() || !hasName(names)) return ed.invalid(t('admin.required'));
    void ed.save(() => saveItem('priority-categories', id.trim(), { names, ...(icon.trim() ? { icon: icon.trim() } : {}) }));
  };

  return (
    <AdminForm title={item ? t('admin.editTitle', { id: item.id }) : t('admin.newTitle')} onSubmit={submit}>
      <Field label={`${t('admin.id')} *`}>
        <input className="input" value={id} disabled={item !== null} onChange={(e) => setId(e.target.value)} required />
      </Field>
      <NamesFields names={names} onChange={setNames} />
      <Field label={t('admin.icon')}>
        <input className="input" list="category-icons" value={icon} maxLength={40} onChange={(e) => setIcon(e.target.value)} />
        <datalist id="category-icons">
          {ICONS.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
      </Field>
      <ServerError error={ed.error} />
      <FormFoot isNew={item === null} pending={ed.pending} onCancel={ed.close} onDelete={() => item && void ed.remove(item.id, () => deleteItem('priority-categories', item.id))} />
    </AdminForm>
  );
}
