import { useMemo } from 'react';
import { centerNameIn } from '@qms/shared';
import { nameIn } from '@qms/shared/client';
import type { Catalogue } from '../api';
import { OTHER_TOPIC, namedServices, topicLabel, type Named } from '../catalogue';
import { useKiosk } from '../store';

/** The catalogue; screens behind the app's guard may rely on it being loaded. */
export function useCatalogue(): Catalogue {
  const catalogue = useKiosk((s) => s.catalogue);
  if (!catalogue) throw new Error('catalogue not loaded');
  return catalogue;
}

/** Services with their names in the chosen language (falling back to the center's default). */
export function useNamedServices(): Named[] {
  const catalogue = useCatalogue();
  const lang = useKiosk((s) => s.lang);
  return useMemo(() => namedServices(catalogue.services, lang, catalogue.center.defaultLanguage), [catalogue, lang]);
}

/** A config name (service, category) in the chosen language. */
export function useNameIn(): (names: Partial<Record<string, string>>) => string {
  const fallback = useCatalogue().center.defaultLanguage;
  const lang = useKiosk((s) => s.lang);
  return (names) => nameIn(names, lang, fallback);
}

/** The center's name in the chosen language (its one configured name where there is no other). */
export function useCenterName(): string | undefined {
  const center = useKiosk((s) => s.catalogue?.center);
  const lang = useKiosk((s) => s.lang);
  return center && centerNameIn(center, lang);
}

/** A topic (a services' `category` key) in the chosen language: its configured names, else the key as written. */
export function useTopicName(): (id: string, otherLabel: string) => string {
  const catalogue = useCatalogue();
  const lang = useKiosk((s) => s.lang);
  return (id, otherLabel) => {
    if (id === OTHER_TOPIC) return otherLabel;
    const names = catalogue.categories?.find((c) => c.id === id)?.names;
    return (names && nameIn(names, lang, catalogue.center.defaultLanguage)) || topicLabel(id);
  };
}
