import { bookRequestSchema } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { asksAnything, checkDetails, detailsBody, NO_DETAILS, type Asks, type DetailField } from './booking-form';

const all = (ask: Asks['name']): Asks => ({ name: ask, phone: ask, email: ask });

describe('the details form', () => {
  it('asks only what the center asks; a required field must be filled, an optional one may stay empty', () => {
    expect(checkDetails(NO_DETAILS, all('required'))).toEqual({ name: 'required', phone: 'required', email: 'required' });
    expect(checkDetails({ name: '  ', phone: '', email: '' }, all('optional'))).toEqual({});
    expect(checkDetails({ name: '', phone: 'abc', email: 'x' }, all('off'))).toEqual({});
    expect(asksAnything(all('off'))).toBe(false);
    expect(asksAnything({ ...all('off'), email: 'optional' })).toBe(true);
  });

  it('says what is wrong with a filled field', () => {
    const asks = all('optional');
    expect(checkDetails({ name: 'Анна', phone: '8 (912) 345-67-89', email: 'anna@example.ru' }, asks)).toEqual({});
    expect(checkDetails({ name: 'x'.repeat(101), phone: '+7 912 abc', email: 'anna@' }, asks)).toEqual({ name: 'tooLong', phone: 'invalid', email: 'invalid' });
    expect(checkDetails({ name: '\u200b', phone: '12', email: `${'a'.repeat(190)}@example.org` }, asks)).toEqual({ name: 'invalid', phone: 'invalid', email: 'tooLong' });
  });

  it('sends trimmed values, and nothing for an empty field or one the center does not ask', () => {
    expect(detailsBody({ name: ' Nguyễn Văn An ', phone: ' 0912 345 678 ', email: '' }, all('optional'))).toEqual({ name: 'Nguyễn Văn An', phone: '0912 345 678' });
    expect(detailsBody({ name: 'An', phone: '0912 345 678', email: 'an@example.vn' }, { name: 'off', phone: 'required', email: 'off' })).toEqual({ phone: '0912 345 678' });
  });

  // The form copies bookRequestSchema's rules so the kiosk's bundle needs no zod: both must agree.
  it('accepts exactly what bookRequestSchema accepts', () => {
    const samples: Record<DetailField, string[]> = {
      name: ['Анна', 'Nguyễn Thị Minh Khai', 'Oʻgʻiloy', 'A', '👩‍👧', 'x'.repeat(100), 'x'.repeat(101), '\u200b', '\u200bAn', 'An\tna', ' ', 'Jean-Luc O’Neil'],
      phone: ['+7 912 345-67-89', '8 (912) 345 67 89', '0912345678', '+998901234567', '12345', '1234', '+', '++7912', '+7 912 abc', 'tel 123456', '1'.repeat(23), '1'.repeat(24), '(912) 3456', '7(912)3456'],
      email: ['anna@example.ru', 'a.b+c@sub.example.vn', "o'neil@example.org", 'a@b.c', 'a@b.co', '.a@b.co', 'a..b@b.co', 'a@-b.co', 'a@b', 'anna@', '@b.co', 'an na@b.co', `${'a'.repeat(188)}@example.org`, `${'a'.repeat(189)}@example.org`, 'ánna@example.ru'],
    };
    const asks = all('optional');
    for (const field of ['name', 'phone', 'email'] as const) {
      for (const value of samples[field]) {
        const body = detailsBody({ ...NO_DETAILS, [field]: value }, asks);
        const server = bookRequestSchema.safeParse({ serviceId: 's', at: 0, [field]: value.trim() }).success;
        const form = checkDetails({ ...NO_DETAILS, [field]: value }, asks)[field] === undefined;
        // An empty value is simply not sent.
        const expected = value.trim() === '' ? true : server;
        expect({ field, value, ok: form }).toEqual({ field, value, ok: expected });
        if (form && value.trim()) expect(bookRequestSchema.safeParse({ serviceId: 's', at: 0, ...body }).success).toBe(true);
      }
    }
  });
});
