/** Routes live in the address (/counter/supervisor, /counter/admin/devices) so a reload keeps the place. */
export const ADMIN_TABS = ['services', 'hours', 'counters', 'staff', 'categories', 'devices', 'webhooks', 'config'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

export type Route = { view: 'counter' } | { view: 'supervisor' } | { view: 'reports' } | { view: 'planning' } | { view: 'bookings' } | { view: 'complaints' } | { view: 'admin'; tab: AdminTab };

const BASE = '/counter/';

export function parseRoute(pathname: string): Route {
  const parts = pathname.startsWith(BASE) ? pathname.slice(BASE.length).split('/').filter(Boolean) : [];
  if (parts[0] === 'supervisor') return { view: 'supervisor' };
  if (parts[0] === 'reports') return { view: 'reports' };
  if (parts[0] === 'planning') return { view: 'planning' };
  if (parts[0] === 'bookings') return { view: 'bookings' };
  if (parts[0] === 'complaints') return { view: 'complaints' };
  if (parts[0] === 'admin') {
    const tab = ADMIN_TABS.find((t) => t === parts[1]) ?? 'services';
    return { view: 'admin', tab };
  }
  return { view: 'counter' };
}

export function formatRoute(route: Route): string {
  switch (route.view) {
    case 'counter':
      return BASE;
    case 'supervisor':
      return `${BASE}supervisor`;
    case 'reports':
      return `${BASE}reports`;
    case 'planning':
      return `${BASE}planning`;
    case 'bookings':
      return `${BASE}bookings`;
    case 'complaints':
      return `${BASE}complaints`;
    case 'admin':
      return `${BASE}admin/${route.tab}`;
  }
}
