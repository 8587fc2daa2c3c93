/**
 * One-use links to a ticket log (issue 12). A browser saves a file to disk as it arrives only when
 * it follows a link, and a link cannot carry the bearer token: so staff ask for a link (with their
 * token), and the link itself is the credential, for one download within a minute. Kept in
 * memory: a restart only means asking again.
 */
import { randomBytes } from 'node:crypto';

export const DOWNLOAD_TTL_MS = 60_000;
/** Links not yet used; the oldest go first beyond this (nobody needs a thousand at once). */
const MAX_LINKS = 1_000;

export interface DownloadRequest {
  centerId: string;
  from: string;
  to: string;
}

export class DownloadLinks {
  private readonly links = new Map<string, DownloadRequest & { expiresAt: number }>();

  issue(request: DownloadRequest, now: number): string {
    for (const [token, l] of this.links) if (l.expiresAt <= now || this.links.size >= MAX_LINKS) this.links.delete(token);
    const token = randomBytes(32).toString('hex');
    this.links.set(token, { ...request, expiresAt: now + DOWNLOAD_TTL_MS });
    return token;
  }

  /** The request behind a live link, which is then spent; undefined for an unknown, used or expired one. */
  take(token: string, now: number): DownloadRequest | undefined {
    const l = this.links.get(token);
    this.links.delete(token);
    return l && l.expiresAt > now ? { centerId: l.centerId, from: l.from, to: l.to } : undefined;
  }
}
