/** Admin screens: one tab per part of the center's configuration. */
import { useTranslation } from 'react-i18next';
import { navigate } from '../../navigation';
import { ADMIN_TABS, type AdminTab } from '../../router';
import { CategoriesAdmin } from './CategoriesAdmin';
import { ConfigAdmin } from './ConfigAdmin';
import { CountersAdmin } from './CountersAdmin';
import { DevicesAdmin } from './DevicesAdmin';
import { HoursAdmin } from './HoursAdmin';
import { ServicesAdmin } from './ServicesAdmin';
import { StaffAdmin } from './StaffAdmin';
import { WebhooksAdmin } from './WebhooksAdmin';

const SCREENS: Record<AdminTab, () => React.JSX.Element> = {
  services: ServicesAdmin,
  hours: HoursAdmin,
  counters: CountersAdmin,
  staff: StaffAdmin,
  categories: CategoriesAdmin,
  devices: DevicesAdmin,
  webhooks: WebhooksAdmin,
  config: ConfigAdmin,
};

export function Admin({ tab }: { tab: AdminTab }) {
  const { t } = useTranslation();
  const Screen = SCREENS[tab];
  return (
    <div className="admin" data-testid="admin">
      <nav className="admin-nav" aria-label={t('nav.admin')}>
        {ADMIN_TABS.map((x) => (
          <button key={x} type="button" className={x === tab ? 'side-tab side-tab-on' : 'side-tab'} aria-current={x === tab ? 'page' : undefined} onClick={() => navigate({ view: 'admin', tab: x })} data-tab={x}>
            {t(`admin.tabs.${x}`)}
          </button>
        ))}
      </nav>
      <div className="admin-main">
        <Screen />
      </div>
    </div>
  );
}
