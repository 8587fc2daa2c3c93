/**
 * "Notify me even when this page is closed" (issue 14): the service worker (public/sw.js, served at
 * /kiosk/sw.js with the scope /kiosk/), the browser's push subscription made with the server's VAPID
 * key, and that subscription sent to the server for this ticket. The browser asks the visitor for
 * permission only from the button's click, never when the page loads.
 */
import type { PushSubscriptionBody, Response } from '@qms/shared';
import { api } from '@qms/shared/client';
import { BASE } from './links';
import type { KioskStore } from './store';
import type { PushState } from './store/alerts';

/** Which endpoint this browser gave the server for a ticket: the toggle shows "on" only for that one. */
const SENT_PREFIX = 'qms.push.';

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && typeof Notification !== 'undefined';
}

/** The VAPID key as PushManager wants it: bytes, from base64url. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = base64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

const register = () => navigator.serviceWorker.register(`${BASE}sw.js`, { scope: BASE });

async function existing(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration(BASE);
  return (await reg?.pushManager.getSubscription()) ?? null;
}

export interface PushToggle {
  /** From the button's click only: asks for permission, subscribes, tells the server. */
  turnOn(): Promise<void>;
  turnOff(): Promise<void>;
}

export function bindPush(store: KioskStore, ticketId: string, storage: Storage = localStorage): PushToggle {
  const set = (s: PushState) => store.getState().setPushState(s);
  const sentKey = SENT_PREFIX + ticketId;
  const path = `/api/tickets/${encodeURIComponent(ticketId)}/push`;

  // What the page can say before any click: supported or not, blocked, or on from an earlier visit.
  if (pushSupported()) {
    set(Notification.permission === 'denied' ? 'blocked' : 'off');
    if (Notification.permission === 'granted' && storage.getItem(sentKey)) {
      void existing().then(
        (sub) => sub?.endpoint === storage.getItem(sentKey) && store.getState().pushState === 'off' && set('on'),
        () => {},
      );
    }
  }

  return {
    async turnOn() {
      set('working');
      // First, while the click still counts as the visitor's gesture.
      const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
      if (permission !== 'granted') return set(permission === 'denied' ? 'blocked' : 'dismissed');
      try {
        const reg = await register();
        await navigator.serviceWorker.ready;
        const key = await api<{ publicKey: string }>('/api/push/key', { timeoutMs: 8_000 });
        if (!key.ok) return set('failed');
        const applicationServerKey = keyBytes(key.data.publicKey);
        let sub = await reg.pushManager.getSubscription();
        // Made with another server key (the server's was replaced): that one can no longer be used.
        if (sub && !sameKey(sub, applicationServerKey)) {
          await sub.unsubscribe();
          sub = null;
        }
        sub ??= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
        const res: Response<unknown> = await api(path, { method: 'POST', body: sub.toJSON() as PushSubscriptionBody, timeoutMs: 10_000 });
        if (!res.ok) return set('failed');
        storage.setItem(sentKey, sub.endpoint);
        set('on');
      } catch {
        set('failed');
      }
    },
    async turnOff() {
      set('working');
      const endpoint = storage.getItem(sentKey) ?? (await existing().catch(() => null))?.endpoint;
      // The browser's subscription may serve another ticket's page too: only this ticket is left.
      const res = endpoint ? await api(path, { method: 'DELETE', body: { endpoint }, timeoutMs: 10_000 }) : { ok: true };
      if (!res.ok) return set('on');
      storage.removeItem(sentKey);
      set('off');
    },
  };
}

function sameKey(sub: PushSubscription, key: Uint8Array): boolean {
  const own = sub.options.applicationServerKey;
  if (!own) return false;
  const bytes = new Uint8Array(own);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}
