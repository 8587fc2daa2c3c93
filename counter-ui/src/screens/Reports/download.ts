/**
 * Saving files: a CSV built here, or the server's ticket log. A plain link cannot carry the
 * bearer token, so the log is fetched with it and saved from memory.
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

/** GET /api/reports/tickets.csv for the period, saved under the server's file name; the server's error otherwise. */
export async function downloadTicketLog(token: string, period: Period): Promise<AppErrorBody | null> {
  try {
    const q = new URLSearchParams({ from: period.from, to: period.to });
    const res = await fetch(`/api/reports/tickets.csv?${q}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: AppErrorBody } | null;
      return body?.error ?? { code: 'INTERNAL', message: `HTTP ${res.status}` };
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `tickets-${period.from}-${period.to}.csv`;
    saveBlob(await res.blob(), name);
    return null;
  } catch (err) {
    return { code: 'UNAVAILABLE', message: err instanceof Error ? err.message : 'network error' };
  }
}
