import { describe, expect, it } from 'vitest';
import { assignmentOf, assignmentRows, sameAssignment } from './assignment';

describe('counter service assignment', () => {
  const plan = { id: '4', number: '4', zone: 'A', services: [{ serviceId: 'benefits', role: 'primary' as const }], canServe: ['benefits', 'passport'] };
  it('offers every servable service with its live and planned role', () => {
    expect(assignmentRows([{ serviceId: 'benefits', role: 'primary' }], plan)).toEqual([
      { serviceId: 'benefits', role: 'primary', planned: 'primary' },
      { serviceId: 'passport', role: 'off', planned: 'off' },
    ]);
  });
  it('turns rows back into services, leaving out the ones switched off', () => {
    const rows = assignmentRows([{ serviceId: 'benefits', role: 'primary' }], plan).map((r) => (r.serviceId === 'passport' ? { ...r, role: 'secondary' as const } : r));
    expect(assignmentOf(rows)).toEqual([
      { serviceId: 'benefits', role: 'primary' },
      { serviceId: 'passport', role: 'secondary' },
    ]);
  });
  it('compares assignments regardless of order', () => {
    const a = [{ serviceId: 'x', role: 'primary' as const }, { serviceId: 'y', role: 'secondary' as const }];
    expect(sameAssignment(a, [...a].reverse())).toBe(true);
    expect(sameAssignment(a, [{ serviceId: 'x', role: 'primary' }, { serviceId: 'y', role: 'primary' }])).toBe(false);
    expect(sameAssignment(a, a.slice(0, 1))).toBe(false);
  });
});
