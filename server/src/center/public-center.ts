/**
 * A center as its public pages name it (the ticket's phone page, booking, joining): no rules, no
 * codes, nothing but who it is, where its clock runs and the languages it speaks. `names` is
 * optional in a center's configuration: left out rather than sent as undefined.
 */
import type { CenterInfo, Language, Names } from '@qms/shared';

export interface PublicCenter {
  id: string;
  name: string;
  names?: Names;
  timezone: string;
  languages: Language[];
  defaultLanguage: Language;
}

export function publicCenter({ id, name, names, timezone, languages, defaultLanguage }: CenterInfo): PublicCenter {
  return { id, name, ...(names ? { names } : {}), timezone, languages, defaultLanguage };
}
