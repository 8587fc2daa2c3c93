import { useShallow } from 'zustand/react/shallow';
import { useServerNow } from '../../components/hooks';
import { useStore } from '../../store';

/** Per service, minutes the oldest ticket in its common queue has waited, ticking between facts. */
export function useLiveOldest(): Record<string, number> {
  const oldestAt = useStore(
    useShallow((s) => {
      const out: Record<string, number> = {};
      for (const t of Object.values(s.hall?.tickets ?? {})) {
        if (t.status !== 'waiting' || t.targetCounterId !== null) continue;
        out[t.serviceId] = Math.min(out[t.serviceId] ?? Infinity, t.queuedAt);
      }
      return out;
    }),
  );
  const now = useServerNow(5000);
  return Object.fromEntries(Object.entries(oldestAt).map(([id, at]) => [id, Math.max(0, (now - at) / 60_000)]));
}
