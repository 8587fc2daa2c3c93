import { WEBHOOK_EVENTS } from '@qms/shared';
import { describe, expect, it } from 'vitest';
import { bodyOf, emptyDraft, EVENT_GROUPS, eventsOf, problemsOf, toggle } from './webhooks';

describe('the webhook form', () => {
  it('asks for a whole http(s) address and at least one event before the server is asked', () => {
    expect(problemsOf({ ...emptyDraft(), url: 'https://crm.example.org/qms' })).toEqual({});
    expect(problemsOf({ ...emptyDraft(), url: 'http://192.168.1.20:8080/sms' })).toEqual({});
    for (const url of ['', 'crm.example.org', 'ftp://crm.example.org', 'https://', 'javascript:alert(1)']) expect(problemsOf({ ...emptyDraft(), url }).url, url).toBe('urlInvalid');
    expect(problemsOf({ ...emptyDraft(), url: 'https://x.org', events: [] })).toEqual({ events: 'eventsRequired' });
  });

  it('sends the events in the contract\'s order, trimmed text, no empty description', () => {
    const draft = { ...emptyDraft(), url: ' https://x.org/h ', description: '  ', events: toggle(toggle(['ticket.called'], 'rating.given', true), 'ticket.issued', true) };
    expect(bodyOf(draft)).toEqual({ url: 'https://x.org/h', events: ['ticket.issued', 'ticket.called', 'rating.given'], enabled: true, includePhone: false });
    expect(bodyOf({ ...draft, description: ' CRM ' }).description).toBe('CRM');
    expect(toggle(['ticket.called', 'ticket.issued'], 'ticket.called', false)).toEqual(['ticket.issued']);
  });

  it('offers every event once, in its group', () => {
    expect(EVENT_GROUPS.flatMap(eventsOf).sort()).toEqual([...WEBHOOK_EVENTS].sort());
  });
});
