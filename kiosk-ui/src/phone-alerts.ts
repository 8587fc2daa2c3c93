/**
 * The phone page's alerts while it is open (issue 14): the first time the ticket is within the
 * center's alert (shared/src/near.ts, the same rule as the `near` push), each call and recall, and
 * a remote ticket held because its visitor is not in yet (V4). Each alert once per ticket, also
 * across reloads: the keys already shown are kept in localStorage by ticket id. An alert is a
 * banner on the page; if it arises while the page is open it also vibrates and chimes (call-alert.ts,
 * which rings on calls itself), and shows a notification when the page is in the background and no
 * push subscription will show one.
 */
import { isNear } from '@qms/shared';
import { formatTime } from '@qms/shared/client';
import type { TicketStatusView } from './api';
import { i18next } from './i18n';
import type { KioskStore } from './store';
import { etaLine } from './ticket-text';

export type PhoneAlertKind = 'near' | 'called' | 'held';

/** The alert the ticket's status calls for now, if any: a call first, then a hold, then nearness. */
export function dueAlert(view: TicketStatusView): { kind: PhoneAlertKind; key: string } | null {
  if (view.status === 'called' && view.calledAt !== null) return { kind: 'called', key: `called:${view.calledAt}` };
  if (view.status !== 'waiting') return null;
  if (view.remote && !view.remote.arrived && view.remote.heldAt !== null) return { kind: 'held', key: `held:${view.remote.heldAt}` };
  if (isNear(view.eta, view.alert)) return { kind: 'near', key: 'near' };
  return null;
}

const MEMORY_PREFIX = 'qms.phone.alerted.';
/** Calls and recalls add a key each; a ticket never has many, this only bounds a tampered entry. */
const MEMORY_MAX = 20;

/** The alerts already shown for a ticket, in this browser. */
export function alertMemory(storage: Storage, ticketId: string) {
  const key = MEMORY_PREFIX + ticketId;
  const read = (): string[] => {
    try {
      const v: unknown = JSON.parse(storage.getItem(key) ?? '[]');
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  return {
    has: (alert: string) => read().includes(alert),
    add(alert: string) {
      try {
        storage.setItem(key, JSON.stringify([...read(), alert].slice(-MEMORY_MAX)));
      } catch {
        // Private mode or a full storage: the alert still shows, it may show again after a reload.
      }
    },
  };
}

/** Title and lines of an alert in the page's language, for the banner and the notification alike. */
export function alertText(kind: PhoneAlertKind, view: TicketStatusView, lang: string, timeZone: string | undefined): { title: string; lines: string[] } {
  const t = i18next.getFixedT(lang);
  switch (kind) {
    case 'near': {
      const ahead = view.eta ? Math.max(0, view.eta.position - 1) : null;
      // Next in line: the title says it; the status panel's "You are next in line" is not repeated.
      const people = ahead === null || ahead === 0 ? '' : t('alertNearAhead', { count: ahead });
      return { title: t('alertNearTitle'), lines: [people, etaLine(t, view.eta), t('alertNearGo')].filter(Boolean) };
    }
    case 'called':
      return { title: t('statusCalledNow'), lines: [t('statusCalled', { counter: view.counterNumber ?? '?' })] };
    case 'held': {
      const code = view.remote?.code ?? '';
      const until = view.remote?.graceUntil;
      return { title: t('alertHeldTitle'), lines: [until ? t('alertHeldBy', { code, time: formatTime(until, lang, timeZone) }) : t('alertHeldSoon', { code })] };
    }
  }
}

export interface PhoneAlertsOptions {
  /** Vibration and the chime, as the page's sound setting allows (call-alert.ts). Calls ring there already. */
  ring(): void;
  storage?: Storage;
}

export function bindPhoneAlerts(store: KioskStore, opts: PhoneAlertsOptions): () => void {
  const storage = opts.storage ?? localStorage;
  return store.subscribe((state, prev) => {
    const view = state.ticketView;
    if (!view || view === prev.ticketView) return;
    const due = dueAlert(view);
    // The ticket moved on (served, arrived): the banner of what it was goes.
    if (state.phoneAlert && state.phoneAlert.key !== due?.key) state.setPhoneAlert(null);
    if (!due) return;
    const memory = alertMemory(storage, view.id);
    if (memory.has(due.key)) return;
    memory.add(due.key);
    // The page has just opened on it: the visitor is looking. A call shows in the panel itself.
    const opening = prev.ticketView === null;
    if (!(opening && due.kind === 'called')) state.setPhoneAlert(due);
    if (opening) return;
    if (due.kind !== 'called') opts.ring();
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden' && state.pushState !== 'on') void notify(due.kind, view, state.lang, state.statusTimeZone);
  });
}

/** A notification from the page in the background. Android's Chrome shows them only through a service worker. */
async function notify(kind: PhoneAlertKind, view: TicketStatusView, lang: string, timeZone: string | undefined): Promise<void> {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const { title, lines } = alertText(kind, view, lang, timeZone);
  // The service worker's tag: a push for the same ticket replaces this one rather than piling up.
  const options: NotificationOptions = { body: lines.join('\n'), tag: `qms-${view.id}`, lang };
  try {
    const reg = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
    if (reg) return await reg.showNotification(`${view.number}: ${title}`, options);
    new Notification(`${view.number}: ${title}`, options);
  } catch {
    // No way to show one here: the banner and the sound remain.
  }
}
