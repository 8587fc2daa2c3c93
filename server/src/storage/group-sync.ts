/**
 * Group commit: the commands that arrive together share one SQLite transaction and one fsync.
 *
 * A command's own writes stay atomic: they run as a savepoint (better-sqlite3 nests a
 * transaction function inside an open transaction that way), so a write that fails undoes that
 * command alone. What changes is what happens around them:
 *
 * 1. The first command of a turn of the event loop opens the batch transaction; the commands
 *    Node reads from the network in the same turn join it; it is committed right after them
 *    (setImmediate). One WAL append for the lot instead of one per command: most of them touch
 *    the same few pages.
 * 2. With `synchronous = FULL`, SQLite would fsync inside every commit, on the server's only
 *    thread (0.15–0.4 ms each on this disk, more when it stalls). The server takes that fsync
 *    over: its connection commits with `synchronous = NORMAL` (a commit is then written to the
 *    WAL, which already survives a crash of the process), and the WAL file is fsynced from
 *    libuv's thread pool. Commits made while one fsync runs wait for the next, so the main thread
 *    goes on deciding commands while the disk works.
 *
 * Answers and broadcasts wait for `settled()`: nobody hears of a change a power cut could still
 * take back. That is the promise SQLite's FULL makes, batched. If the batch cannot be committed
 * (a full disk), every command in it is refused and the owner reloads its memory from the disk;
 * if an fsync fails, the server must stop (see `onDiskFailure`). An fsync that cannot even be
 * tried for want of file descriptors (EMFILE, ENFILE: too many connections, not a bad disk) is
 * put off and retried instead (see `WalSync.defer`).
 *
 * On Linux, fsync on any descriptor of a file flushes the file, whoever wrote it. SQLite reuses
 * the WAL file while the connection is open (a checkpoint rewinds it, never replaces it), so one
 * descriptor serves the server's lifetime. "Changed" is SQLite's total_changes() of this
 * connection: every INSERT, UPDATE and DELETE anyone makes through it, in a batch or not.
 */
import { closeSync, fsync as fsyncFd, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './db.js';
import { SYNC_DEFERRED, SYNC_FAILED } from './problems.js';

export type Fsync = (fd: number, done: (err: NodeJS.ErrnoException | null) => void) => void;

export interface GroupCommitOptions {
  /** The batch was rolled back (it could not be committed): memory must be reloaded from the disk. */
  onBatchLost: (err: unknown) => void;
  /** An fsync failed: what is in memory may not be on the disk; the server must stop. */
  onDiskFailure: (err: Error) => void;
  /** Replaces fs.fsync (tests: a disk that is slow or fails). */
  fsync?: Fsync | undefined;
  /** The fsync was put off for want of file descriptors (once per episode), and when it went through again. */
  onDescriptorsShort?: ((err: Error) => void) | undefined;
  onDescriptorsBack?: (() => void) | undefined;
}

const RESOLVED = Promise.resolve();

interface Waiters {
  done: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Refusals nobody waited for must not become unhandled rejections; waiters still see them.
  done.catch(() => {});
  return { done, resolve, reject };
}

export class GroupCommit {
  /** Commits (one per command, joined to a batch), batches, batches lost, failed fsyncs: for /metrics. */
  readonly stats = { commits: 0, batches: 0, lost: 0, syncFailures: 0, syncsDeferred: 0 };
  /** The batch transaction open in this turn of the event loop, and who waits for it. */
  private open: Waiters | null = null;
  private readonly wal: WalSync | null;

  constructor(
    private readonly db: Db,
    private readonly opts: GroupCommitOptions,
  ) {
    const level = db.pragma('synchronous', { simple: true }) as number;
    // A connection opened `normal` gave up power-loss durability on purpose; one in memory has none.
    if (db.memory || level < 2) {
      this.wal = null;
      return;
    }
    const changes = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
    db.pragma('synchronous = NORMAL');
    this.wal = new WalSync(`${db.name}-wal`, () => changes.get()!.n, {
      failed: (err) => this.diskFailed(err),
      deferred: (err, first) => {
        this.stats.syncsDeferred += 1;
        if (first) opts.onDescriptorsShort?.(err);
      },
      back: () => opts.onDescriptorsBack?.(),
    }, opts.fsync);
  }

  /** True while fsyncs are put off for want of file descriptors: new work should be refused. */
  get descriptorsShort(): boolean {
    return this.wal?.short ?? false;
  }

  /** Before a command's writes: open the batch transaction, unless one is open already. */
  join(): void {
    this.stats.commits += 1;
    if (this.open || this.db.inTransaction) return;
    this.db.exec('BEGIN');
    this.open = waiters();
    this.stats.batches += 1;
    setImmediate(() => this.commitBatch());
  }

  /** A command's write failed and SQLite rolled back the whole batch with it (a full disk can). */
  writeFailed(err: unknown): void {
    if (!this.open || this.db.inTransaction) return;
    this.lose(err);
  }

  /**
   * Resolves once every change made so far through this connection is committed and on the disk;
   * rejects if it never will be (the batch was lost, or the disk refused an fsync).
   */
  settled(): Promise<void> {
    if (this.open) return this.open.done;
    return this.wal ? this.wal.settled() : RESOLVED;
  }

  private commitBatch(): void {
    const batch = this.open;
    if (!batch) return;
    // Only COMMIT or ROLLBACK ends the batch, and only this method issues them: if it is over
    // already, SQLite rolled it back after a failed write that did not go through LiveStore (a
    // session's insert on a full disk), and the commands before it were rolled back with it.
    if (!this.db.inTransaction) return this.lose(Object.assign(new Error('SQLite rolled the batch back after a failed write'), { code: 'SQLITE_IOERR_ROLLBACK' }));
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      return this.lose(err);
    }
    this.open = null;
    (this.wal ? this.wal.settled() : RESOLVED).then(batch.resolve, batch.reject);
  }

  private lose(err: unknown): void {
    const batch = this.open!;
    this.open = null;
    this.stats.lost += 1;
    batch.reject(err);
    this.opts.onBatchLost(err);
  }

  private diskFailed(err: Error): void {
    this.stats.syncFailures += 1;
    this.opts.onDiskFailure(err);
  }

  get syncs(): number {
    return this.wal?.syncs ?? 0;
  }

  /** Commit what is open now (the server is stopping) and let the WAL go. */
  close(): void {
    this.commitBatch();
    this.wal?.close();
  }
}

interface Flight {
  /** total_changes() when this fsync started: everything up to it is covered. */
  changes: number;
  waiters: Waiters;
}

interface WalEvents {
  failed: (err: Error) => void;
  deferred: (err: Error, first: boolean) => void;
  back: () => void;
}

/** Out of descriptors, for this process (EMFILE) or the whole system (ENFILE): an overload, not a disk fault. */
const SHORTAGE = new Set(['EMFILE', 'ENFILE']);
/** Retries of a put-off fsync: soon, then less often; its waiters are held this long before a 503. */
const FIRST_RETRY_MS = 20;
const MAX_RETRY_MS = 500;
const HOLD_MS = 1_000;

/** The fsyncs of the WAL: one at a time; whoever arrives while one runs waits for the next. */
class WalSync {
  syncs = 0;
  private fd: number | null = null;
  private dirSynced = false;
  private synced: number;
  private flight: Flight | null = null;
  private next: Waiters | null = null;
  private failed: Error | null = null;
  /** While fsyncs are put off: since when (performance.now()), the retry timer and its delay. */
  private shortSince: number | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly walFile: string,
    private readonly totalChanges: () => number,
    private readonly events: WalEvents,
    private readonly fsync: Fsync = fsyncFd,
  ) {
    // Until now SQLite synced every commit itself (synchronous = FULL).
    this.synced = totalChanges();
    // Take the descriptor now, while there are plenty: a flood of connections later cannot then
    // leave the server unable to open the WAL it must fsync. (A WAL not made yet is opened at the first fsync.)
    try {
      this.open();
    } catch {
      // Opened at the first fsync instead.
    }
  }

  get short(): boolean {
    return this.shortSince !== null;
  }

  settled(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const now = this.totalChanges();
    if (now === this.synced) return RESOLVED;
    if (this.flight && now === this.flight.changes) return this.flight.waiters.done;
    // One is running, or a put-off one is about to be retried: wait for the next.
    if (this.flight || this.retry) return (this.next ??= waiters()).done;
    return this.start(waiters());
  }

  private start(w: Waiters): Promise<void> {
    const flight: Flight = { changes: this.totalChanges(), waiters: w };
    this.flight = flight;
    let fd: number;
    try {
      fd = this.open();
    } catch (err) {
      // Opening a descriptor failed (EMFILE under a flood of connections, most likely): nothing
      // was tried on the disk, so nothing is known to be lost.
      if ((err as { shortage?: boolean }).shortage) this.defer(flight, err as Error);
      else this.fail(flight, err as Error);
      return w.done;
    }
    this.fsync(fd, (err) => {
      this.syncs += 1;
      this.flight = null;
      if (err && SHORTAGE.has(err.code ?? '')) return this.defer(flight, err);
      if (err) return this.fail(flight, err);
      this.synced = flight.changes;
      w.resolve();
      if (this.shortSince !== null) {
        this.shortSince = null;
        this.retryMs = FIRST_RETRY_MS;
        this.events.back();
      }
      const queued = this.next;
      this.next = null;
      if (queued) void this.start(queued);
    });
    return w.done;
  }

  /**
   * No descriptor to fsync with: an overload, not a disk fault, so it is retried (never given up:
   * the commits are in the WAL and must reach the disk). Its waiters are held a moment, so that a
   * short spike is not noticed; after HOLD_MS they are refused (503, "not confirmed yet") while
   * the retries go on, and the owner refuses new work meanwhile (`GroupCommit.descriptorsShort`).
   */
  private defer(flight: Flight, cause: Error): void {
    this.flight = null;
    const first = this.shortSince === null;
    this.shortSince ??= performance.now();
    const err = Object.assign(new Error(`fsync of ${this.walFile} put off: ${cause.message}`, { cause }), { code: SYNC_DEFERRED });
    this.events.deferred(err, first);
    if (performance.now() - this.shortSince < HOLD_MS) {
      // The next attempt covers these changes too: its outcome is theirs.
      if (this.next) this.next.done.then(flight.waiters.resolve, flight.waiters.reject);
      else this.next = flight.waiters;
    } else {
      flight.waiters.reject(err);
      this.next?.reject(err);
      this.next = null;
    }
    this.retry = setTimeout(() => {
      this.retry = null;
      const queued = this.next;
      this.next = null;
      // Retried even with nobody waiting: what was committed must reach the disk.
      if (queued || this.totalChanges() !== this.synced) void this.start(queued ?? waiters());
    }, this.retryMs);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  /**
   * A failed fsync cannot be retried (the kernel may already have dropped the pages it could not
   * write), so every waiter, now and later, is refused, and the owner stops the server: a restart
   * reads what really is on the disk.
   */
  private fail(flight: Flight, cause: Error): void {
    const err = Object.assign(new Error(`fsync of ${this.walFile} failed: ${cause.message}`, { cause }), { code: SYNC_FAILED });
    this.failed = err;
    this.flight = null;
    flight.waiters.reject(err);
    this.next?.reject(err);
    this.next = null;
    this.events.failed(err);
  }

  /**
   * The WAL exists once the first commit has been made; its directory entry is synced once. A
   * descriptor that cannot be opened is a shortage (`shortage`); the directory's fsync failing is a disk fault.
   */
  private open(): number {
    const fd = (this.fd ??= openOrShort(this.walFile, 'r+'));
    if (!this.dirSynced) {
      const dir = openOrShort(dirname(this.walFile), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
      this.dirSynced = true;
    }
    return fd;
  }

  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

function openOrShort(path: string, flags: string): number {
  try {
    return openSync(path, flags);
  } catch (err) {
    throw Object.assign(err as Error, { shortage: true });
  }
}
