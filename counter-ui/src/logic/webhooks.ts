/**
 * Settings → Webhooks, the parts without React: the events in groups with their message keys, the
 * form's draft and what is wrong with it before the server is asked (docs/webhooks.md).
 */
import { WEBHOOK_EVENTS, type DeliveryEvent, type WebhookEvent, type WebhookInput, type WebhookView } from '@qms/shared';

/** Each event's message key under admin.webhooks.events (i18next keys cannot hold dots). */
export const EVENT_KEYS = {
  'ticket.issued': 'ticketIssued',
  'ticket.called': 'ticketCalled',
  'ticket.recalled': 'ticketRecalled',
  'ticket.transferred': 'ticketTransferred',
  'ticket.completed': 'ticketCompleted',
  'ticket.no-show': 'ticketNoShow',
  'ticket.cancelled': 'ticketCancelled',
  'ticket.arrived': 'ticketArrived',
  'ticket.held': 'ticketHeld',
  'appointment.booked': 'appointmentBooked',
  'appointment.cancelled': 'appointmentCancelled',
  'appointment.checked-in': 'appointmentCheckedIn',
  'rating.given': 'ratingGiven',
  'complaint.answered': 'complaintAnswered',
  'webhook.test': 'webhookTest',
} as const satisfies Record<DeliveryEvent, string>;

export const EVENT_GROUPS = ['tickets', 'appointments', 'ratings'] as const;
export type EventGroup = (typeof EVENT_GROUPS)[number];

export function groupOf(e: WebhookEvent): EventGroup {
  if (e.startsWith('ticket.')) return 'tickets';
  if (e.startsWith('appointment.')) return 'appointments';
  return 'ratings';
}

export const eventsOf = (group: EventGroup): WebhookEvent[] => WEBHOOK_EVENTS.filter((e) => groupOf(e) === group);

export interface WebhookDraft {
  url: string;
  description: string;
  events: WebhookEvent[];
  enabled: boolean;
  includePhone: boolean;
}

export const emptyDraft = (): WebhookDraft => ({ url: '', description: '', events: ['ticket.called'], enabled: true, includePhone: false });

export const draftOf = (h: WebhookView): WebhookDraft => ({ url: h.url, description: h.description ?? '', events: [...h.events], enabled: h.enabled, includePhone: h.includePhone });

export function bodyOf(d: WebhookDraft): WebhookInput {
  const description = d.description.trim();
  // In the order of WEBHOOK_EVENTS, whatever order they were ticked in.
  return { url: d.url.trim(), events: WEBHOOK_EVENTS.filter((e) => d.events.includes(e)), ...(description ? { description } : {}), enabled: d.enabled, includePhone: d.includePhone };
}

export interface DraftProblems {
  url?: 'urlInvalid';
  events?: 'eventsRequired';
}

/** What the server would refuse, said before asking it (it checks again). */
export function problemsOf(d: WebhookDraft): DraftProblems {
  const problems: DraftProblems = {};
  let ok = false;
  try {
    const u = new URL(d.url.trim());
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) problems.url = 'urlInvalid';
  if (d.events.length === 0) problems.events = 'eventsRequired';
  return problems;
}

export function toggle(events: WebhookEvent[], e: WebhookEvent, on: boolean): WebhookEvent[] {
  return on ? [...new Set([...events, e])] : events.filter((x) => x !== e);
}
