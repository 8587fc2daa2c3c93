/** All centers this server hosts, each with its own runtime. */
import { ErrorCode } from '@qms/shared';
import type { ConfigStore } from '../storage/config-store.js';
import type { LiveStore } from '../storage/live-store.js';
import { AppError } from '../http/errors.js';
import { CenterRuntime, type Clock, type FactListener } from './runtime.js';

export class Hub {
  private readonly runtimes = new Map<string, CenterRuntime>();
  private readonly listeners = new Set<FactListener>();

  constructor(
    private readonly configs: ConfigStore,
    private readonly live: LiveStore,
    private readonly clock: Clock,
    private readonly onStorageError: (err: unknown) => void,
  ) {
    for (const id of configs.centerIds()) this.add(id);
  }

  /** Start (or restart after an import) the runtime of a center that exists in storage. */
  add(centerId: string): CenterRuntime {
    const existing = this.runtimes.get(centerId);
    if (existing) return existing;
    const rt = new CenterRuntime(centerId, this.configs, this.live, this.clock, this.onStorageError);
    rt.subscribe((facts, r) => this.listeners.forEach((l) => l(facts, r)));
    this.runtimes.set(centerId, rt);
    return rt;
  }

  /** The center by id; without one, the only (or first) center. */
  get(centerId?: string): CenterRuntime {
    const rt = centerId === undefined ? this.runtimes.values().next().value : this.runtimes.get(centerId);
    if (!rt) throw new AppError(ErrorCode.NotFound, centerId === undefined ? 'This server hosts no center yet.' : `There is no center "${centerId}".`);
    return rt;
  }

  /** A batch of commits was rolled back: every hall goes back to what the disk holds. */
  reloadAll(): void {
    this.live.forgetSeqs();
    for (const rt of this.runtimes.values()) rt.reload();
  }

  ids(): string[] {
    return [...this.runtimes.keys()];
  }

  subscribe(listener: FactListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
