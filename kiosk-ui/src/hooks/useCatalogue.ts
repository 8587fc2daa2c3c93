import { useMemo } from 'react';
import { nameIn } from '@qms/shared/client';
import type { Catalogue } from '../api';
import { namedServices, type Named } from '../catalogue';
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
