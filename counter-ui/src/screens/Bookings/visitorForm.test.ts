import { describe, expect, it } from 'vitest';
import { bookRequest, contactFields } from './visitorForm';

const asks = { askName: 'optional', askPhone: 'required', askEmail: 'off' } as const;
const draft = { name: ' Анна Петрова ', phone: '+7 900 123-45-67', email: 'anna@example.org', language: 'ru' as const };

describe('booking for a visitor', () => {
  it('asks only for what the center asks for', () => {
    expect(contactFields(asks)).toEqual(['name', 'phone']);
    expect(contactFields({ askName: 'off', askPhone: 'off', askEmail: 'off' })).toEqual([]);
  });

  it('sends what was typed, trimmed, without fields the center does not ask for', () => {
    expect(bookRequest('passport', 123, draft, asks)).toEqual({
      ok: true,
      body: { serviceId: 'passport', at: 123, language: 'ru', name: 'Анна Петрова', phone: '+7 900 123-45-67' },
    });
  });

  it('lets staff leave out even a required field (the visitor is there)', () => {
    expect(bookRequest('passport', 123, { ...draft, name: '', phone: '  ' }, asks)).toEqual({ ok: true, body: { serviceId: 'passport', at: 123, language: 'ru' } });
  });

  it('points at the fields the contract refuses', () => {
    const all = { askName: 'optional', askPhone: 'optional', askEmail: 'optional' } as const;
    expect(bookRequest('passport', 123, { ...draft, phone: 'call me', email: 'not-an-email' }, all)).toEqual({ ok: false, fields: ['phone', 'email'] });
  });
});
