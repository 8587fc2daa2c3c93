import { create } from 'zustand';

export interface Center {
  id: string | number;
  name: string;
}

export type ServerStatus = 'checking' | 'online' | 'offline';

interface HealthState {
  status: ServerStatus;
  centers: Center[];
  version: string | null;
  error: string | null;
  checkHealth: () => Promise<void>;
}

const TIMEOUT_MS = 5_000;

function isCenter(value: unknown): value is Center {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as Record<string, unknown>;
  return (typeof id === 'string' || typeof id === 'number') && typeof name === 'string';
}

function parseHealth(body: unknown): Pick<HealthState, 'centers' | 'version'> {
  if (typeof body !== 'object' || body === null) throw new Error('Invalid health response');
  const { ok, centers, version } = body as Record<string, unknown>;
  if (ok !== true) throw new Error('Server reported not ok');
  return {
    centers: Array.isArray(centers) ? centers.filter(isCenter) : [],
    version: typeof version === 'string' ? version : null,
  };
}

export const useHealthStore = create<HealthState>()((set) => ({
  status: 'checking',
  centers: [],
  version: null,
  error: null,
  checkHealth: async () => {
    try {
      const res = await fetch('/api/health', {
        headers: { Accept: 'application/json' },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      set({ ...parseHealth(await res.json()), status: 'online', error: null });
    } catch (err) {
      // Keep the last known centers so the screen does not go blank on a blip.
      set({ status: 'offline', error: err instanceof Error ? err.message : String(err) });
    }
  },
}));
