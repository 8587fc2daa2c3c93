/** A small center for tests: 3 services, 4 counters, a priority category, one of each role. */
import type { CenterConfigInput } from '@qms/shared';
import { tokenHash } from '../../server/src/auth/passwords.js';

export const KIOSK_TOKEN = 'test-kiosk-token';
export const DISPLAY_TOKEN = 'test-display-token';
export const PASSWORD = 'password-123';

const allDay = [{ from: '00:00', to: '24:00' }];

export function testCenter(id = 'c1'): CenterConfigInput {
  return {
    format: 'qms-center/1',
    center: {
      id,
      name: `Test center ${id}`,
      timezone: 'Europe/Moscow',
      languages: ['ru', 'en', 'vi', 'uz'],
      defaultLanguage: 'ru',
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    },
    services: [
      { id: 'passport', prefix: 'A', names: { ru: 'Паспорт', en: 'Passport' }, serviceTimeMin: 6 },
      { id: 'property', prefix: 'B', names: { ru: 'Недвижимость', en: 'Property' }, serviceTimeMin: 10 },
      { id: 'benefits', prefix: 'C', names: { ru: 'Пособия', en: 'Benefits' }, serviceTimeMin: 8, dailyCap: 50 },
    ],
    priorityCategories: [{ id: 'disability', names: { ru: 'Инвалиды I и II групп', en: 'Disability' }, icon: 'wheelchair' }],
    counters: [
      { id: '1', number: '1', services: [{ serviceId: 'passport', role: 'primary' }], canServe: ['passport', 'property'] },
      { id: '2', number: '2', services: [{ serviceId: 'passport', role: 'primary' }, { serviceId: 'property', role: 'secondary' }] },
      { id: '3', number: '3', services: [{ serviceId: 'property', role: 'primary' }] },
      { id: '4', number: '4', services: [{ serviceId: 'benefits', role: 'primary' }], canServe: ['benefits', 'passport'] },
    ],
    staff: [
      { login: 'admin', name: 'Admin', role: 'admin', password: PASSWORD },
      { login: 'super', name: 'Supervisor', role: 'supervisor', password: PASSWORD },
      { login: 'op1', name: 'Operator 1', role: 'operator', password: PASSWORD, services: ['passport', 'property'] },
      { login: 'op2', name: 'Operator 2', role: 'operator', password: PASSWORD, services: ['passport'] },
    ],
    devices: [
      // Device tokens are unique across the server: other centers get their own.
      { id: 'kiosk', kind: 'kiosk', name: 'Kiosk', tokenHash: tokenHash(id === 'c1' ? KIOSK_TOKEN : `${KIOSK_TOKEN}-${id}`) },
      { id: 'tv', kind: 'display', name: 'TV', tokenHash: tokenHash(id === 'c1' ? DISPLAY_TOKEN : `${DISPLAY_TOKEN}-${id}`) },
    ],
  };
}
