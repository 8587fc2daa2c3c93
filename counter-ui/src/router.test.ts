import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './router';

describe('routes', () => {
  it('round-trip through the address', () => {
    for (const r of [{ view: 'counter' }, { view: 'supervisor' }, { view: 'reports' }, { view: 'planning' }, { view: 'bookings' }, { view: 'complaints' }, { view: 'admin', tab: 'devices' }] as const) {
      expect(parseRoute(formatRoute(r))).toEqual(r);
    }
  });
  it('fall back to the counter view and the first admin tab', () => {
    expect(parseRoute('/counter/nowhere')).toEqual({ view: 'counter' });
    expect(parseRoute('/elsewhere')).toEqual({ view: 'counter' });
    expect(parseRoute('/counter/admin/bogus')).toEqual({ view: 'admin', tab: 'services' });
  });
});
