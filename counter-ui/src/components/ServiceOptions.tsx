/** A dialog's service choices (logic/offered.ts): prefix and name, and when no counter for it is open now. */
import { useTranslation } from 'react-i18next';
import type { OfferedService } from '../logic/offered';
import { useServiceName } from './hooks';

export function ServiceOptions({ offered }: { offered: OfferedService[] }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  return (
    <>
      {offered.map(({ service: s, noneOpen }) => (
        <option key={s.id} value={s.id}>
          {s.prefix} · {serviceName(s.id)}
          {noneOpen ? ` · ${t('transfer.noOpenCounter')}` : ''}
        </option>
      ))}
    </>
  );
}
