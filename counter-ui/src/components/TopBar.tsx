/** Who, where, connection state, the views this role may open, language and log out. */
import { centerNameIn } from '@qms/shared';
import { useTranslation } from 'react-i18next';
import { navigate } from '../navigation';
import { SHORTCUTS } from '../logic/shortcuts';
import { ComplaintBadge } from '../screens/Complaints/ComplaintBadge';
import { useRatingText } from '../screens/Complaints/ratingText';
import { useStore } from '../store';
import { Kbd } from './Kbd';
import { LangSwitch } from './LangSwitch';

export function TopBar() {
  const { t, i18n } = useTranslation();
  const tr = useRatingText();
  const staff = useStore((s) => s.staff);
  const view = useStore((s) => s.route.view);
  const centerName = useStore((s) => (s.hall ? centerNameIn(s.hall.center, i18n.language) : ''));
  const connection = useStore((s) => s.connection);
  const onOperator = useStore((s) => s.route.view === 'counter' && s.counterId !== null);
  const openDialog = useStore((s) => s.openDialog);
  const counterId = useStore((s) => s.counterId);
  const logout = useStore((s) => s.logout);
  if (!staff) return null;
  const tabs = [
    { view: 'counter' as const, label: t('nav.counter'), show: true },
    { view: 'supervisor' as const, label: t('nav.supervisor'), show: staff.role !== 'operator' },
    { view: 'reports' as const, label: t('nav.reports'), show: true },
    { view: 'planning' as const, label: t('nav.planning'), show: staff.role !== 'operator' },
    { view: 'bookings' as const, label: t('nav.bookings'), show: true },
    { view: 'complaints' as const, label: tr('complaints.title'), show: staff.role !== 'operator' },
    { view: 'admin' as const, label: t('nav.admin'), show: staff.role === 'admin' },
  ].filter((x) => x.show);

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark">QMS</span>
        <span className="brand-center">{centerName}</span>
      </div>
      {tabs.length > 1 && (
        <nav className="tabs" aria-label={t('nav.label')}>
          {tabs.map((tab) => (
            <button
              key={tab.view}
              type="button"
              className={view === tab.view ? 'tab tab-on' : 'tab'}
              aria-current={view === tab.view ? 'page' : undefined}
              onClick={() => navigate(tab.view === 'admin' ? { view: 'admin', tab: 'services' } : { view: tab.view })}
            >
              {tab.label}
              {tab.view === 'complaints' && <ComplaintBadge />}
            </button>
          ))}
        </nav>
      )}
      <div className="topbar-right">
        <span className={`conn conn-${connection}`} role="status" data-testid="connection">
          <span className="dot" aria-hidden="true" />
          {t(`conn.${connection}`)}
        </span>
        <span className="who">
          {staff.name} <span className="who-role">{t(`staffRole.${staff.role}`)}</span>
        </span>
        <LangSwitch />
        <button
          type="button"
          className="btn btn-ghost-dark"
          data-action="logout"
          onClick={() => (onOperator ? openDialog({ kind: 'confirm', action: 'logout', counterId }) : void logout())}
        >
          {t('op.actions.logout')}
          {onOperator && <Kbd label={SHORTCUTS.logout.label} />}
        </button>
      </div>
    </header>
  );
}
