/** Small hooks over the store: server time, and names in the user's language. */
import { nameIn } from '@qms/shared/client';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../store';

/** Server time, advancing in steps of `stepMs` (a coarse step re-renders less). */
export function useServerNow(stepMs: number): number {
  const now = useStore((s) => Math.floor(s.now / stepMs) * stepMs);
  const offset = useStore((s) => s.hall?.clockOffsetMs ?? 0);
  return now + offset;
}

export function useLanguage(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? i18n.language;
}

type Named = { id: string; names: Partial<Record<string, string>> };

/** A configured name in the user's language, else the center's default language, as the kiosk and the hall show it. */
export function useNameIn(): (names: Partial<Record<string, string>>) => string {
  const lang = useLanguage();
  const fallback = useStore((s) => s.hall?.center.defaultLanguage ?? 'en');
  return useCallback((names) => nameIn(names, lang, fallback), [lang, fallback]);
}

function useNameOf(list: Named[] | undefined): (id: string) => string {
  const lang = useLanguage();
  const fallback = useStore((s) => s.hall?.center.defaultLanguage ?? 'en');
  return useCallback(
    (id: string) => {
      const item = list?.find((x) => x.id === id);
      return item ? nameIn(item.names, lang, fallback) : id;
    },
    [list, lang, fallback],
  );
}

export function useServiceName(): (id: string) => string {
  return useNameOf(useStore((s) => s.hall?.services));
}

export function useCategoryName(): (id: string) => string {
  return useNameOf(useStore((s) => s.hall?.priorityCategories));
}

/** A service's target wait in minutes (its own, else the center's). */
/** A ticket's target wait: its service's, or for a checked-in appointment the booked target (as the server's kpi/waits.ts targetsOf). */
export function useTargetOf(): (serviceId: string, appointment?: boolean) => number {
  const services = useStore((s) => s.hall?.services);
  const centerTarget = useStore((s) => s.hall?.center.targetWaitMin ?? 15);
  return useCallback(
    (id: string, appointment = false) => {
      const s = services?.find((x) => x.id === id);
      return (appointment ? s?.appointments?.targetWaitMin : undefined) ?? s?.targetWaitMin ?? centerTarget;
    },
    [services, centerTarget],
  );
}
