/**
 * Storage failures in words an operator can act on. SQLite reports a full disk, a read-only file
 * and I/O errors with codes (SQLITE_FULL, SQLITE_READONLY_*, SQLITE_IOERR_*); the person at the
 * kiosk or the counter needs to know that nothing was saved and whom to tell, the administrator
 * what to fix.
 */

/** The code a failed group fsync carries (storage/group-sync.ts). */
export const SYNC_FAILED = 'QMS_SYNC_FAILED';
/** The code of an fsync put off for want of file descriptors (an overload; retried by itself). */
export const SYNC_DEFERRED = 'QMS_SYNC_DEFERRED';

const PROBLEMS: [prefix: string, text: string][] = [
  [SYNC_FAILED, 'the disk reported an error'],
  [SYNC_DEFERRED, 'the server has too many connections open at once'],
  ['SQLITE_FULL', "the server's disk is full"],
  ['SQLITE_READONLY', 'the database is read-only (check the disk and the permissions of the database file)'],
  ['SQLITE_IOERR', 'the disk reported an error'],
  ['SQLITE_CANTOPEN', 'the database file cannot be opened'],
  ['SQLITE_BUSY', 'the database is busy with another program'],
  ['SQLITE_CORRUPT', 'the database file is damaged (restore the last backup)'],
];

/** The storage problem behind `err`, in words, or undefined when it is not one. */
export function storageProblem(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return PROBLEMS.find(([prefix]) => code.startsWith(prefix))?.[1];
}

/** The sentence a refused write answers with. */
export function notSaved(err: unknown): string {
  // The change reached SQLite but perhaps not the disk: only a restart can tell.
  if ((err as { code?: unknown } | null)?.code === SYNC_FAILED) {
    return "The change may not have been saved: the server's disk reported an error. The server restarts to find out; check the queue in a minute and please tell the administrator.";
  }
  // Committed but not yet on the disk: the server retries; a retried kiosk request (same clientRef) gets its ticket.
  if ((err as { code?: unknown } | null)?.code === SYNC_DEFERRED) {
    return 'The change is not confirmed yet: the server has too many connections open at once and is saving it as soon as it can. Check in a moment whether it took effect before doing it again.';
  }
  const why = storageProblem(err) ?? (err instanceof Error ? err.message : String(err));
  return `The change could not be saved: ${why}. Nothing was changed; please tell the administrator.`;
}
