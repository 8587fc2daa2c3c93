/**
 * Saving files: a CSV built here, or the server's ticket log. A plain link cannot carry the bearer
 * token, so the app asks (with it) for a one-use link and follows that: the browser then saves the
 * log as it arrives, however long the period, instead of holding it in memory.
 */
import type { AppErrorBody } from '@qms/shared';
import type { Period } from './period';

export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function saveCsv(text: string, name: string): void {
  saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), name);
}

/** A one-use link to the period's ticket log (POST /api/reports/downloads), followed; the server's error otherwise. */
export async function downloadTicketLog(token: string, period: Period): Promise<AppErrorBody | null> {
  try {
    const res = await fetch('/api/reports/downloads', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: period.from, to: period.to }),
    });
    const body = (await res.json().catch(() => null)) as { url?: string; error?: AppErrorBody } | null;
    if (!res.ok || !body?.url) return body?.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` };
    const a = document.createElement('a');
    a.href = body.url;
    // The server names the file (Content-Disposition); "download" keeps the page where it is.
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
    return null;
  } catch (err) {
    return { code: 'UNAVAILABLE', message: err instanceof Error ? err.message : 'network error' };
  }
}
