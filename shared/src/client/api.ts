/** fetch for the apps: bearer token, JSON, and the one error shape turned into a Response. */
import { ErrorCode } from '../codes.js';
import type { Response } from '../events.js';

export async function api<T>(path: string, opts: { token?: string | null; method?: string; body?: unknown; timeoutMs?: number } = {}): Promise<Response<T>> {
  try {
    const res = await fetch(path, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers: { Accept: 'application/json', ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}) },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
    const json: unknown = res.status === 204 ? null : await res.json().catch(() => null);
    if (res.ok) return { ok: true, data: json as T };
    const error = (json as { error?: { code: ErrorCode; message: string } } | null)?.error;
    return { ok: false, error: error ?? { code: ErrorCode.Internal, message: `HTTP ${res.status}` } };
  } catch (err) {
    // Network down, server restarting, timeout: say so, never pretend.
    return { ok: false, error: { code: ErrorCode.Unavailable, message: err instanceof Error ? err.message : 'network error' } };
  }
}

export { nameIn } from '../names.js';

/**
 * Device tokens (kiosk, display) live in localStorage; `?token=` in the address sets one (handy
 * for the demo and for provisioning scripts) and is then removed from the address bar.
 */
export function deviceToken(storageKey: string): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(storageKey, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return localStorage.getItem(storageKey);
}

/** `kind`: the app asking; the server refuses another kind's code without using it up. */
export async function pairDevice(storageKey: string, code: string, kind?: 'kiosk' | 'display' | 'rating'): Promise<Response<{ token: string; deviceId: string; kind: string }>> {
  const res = await api<{ token: string; deviceId: string; kind: string; centerId: string }>('/api/devices/pair', { body: kind ? { code, kind } : { code } });
  if (res.ok) localStorage.setItem(storageKey, res.data.token);
  return res;
}
