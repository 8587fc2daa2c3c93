import { describe, expect, it } from 'vitest';
import type { TicketStatusView } from './api';
import { isNewCall } from './call-alert';

const view = (status: TicketStatusView['status'], calledAt: number | null = null): TicketStatusView => ({
  id: 't',
  number: 'A001',
  status,
  lane: 'normal',
  language: null,
  service: null,
  counterNumber: status === 'called' ? '4' : null,
  issuedAt: 0,
  calledAt,
  eta: null,
  center: { id: 'c', name: 'C', languages: ['en'], defaultLanguage: 'en', timezone: 'UTC' },
  alert: { people: 3, minutes: 10 },
  rating: null,
});

describe('the phone alerts at each call', () => {
  it('a call, and a recall (a new calledAt), alert; anything else does not', () => {
    expect(isNewCall(view('waiting'), view('called', 1))).toBe(true);
    expect(isNewCall(view('called', 1), view('called', 2))).toBe(true);
    expect(isNewCall(view('called', 1), view('called', 1))).toBe(false);
    expect(isNewCall(view('called', 1), view('serving', 1))).toBe(false);
    expect(isNewCall(view('waiting'), view('waiting'))).toBe(false);
  });

  it('not for a page opened on a ticket already called: the visitor is looking at it', () => {
    expect(isNewCall(null, view('called', 1))).toBe(false);
  });
});
