import type { ServiceLoad } from '@qms/shared';
import type { Catalogue } from '../api';
import type { Slice } from './types';

export interface CatalogueSlice {
  /** The last catalogue the server sent; kept through network blips. */
  catalogue: Catalogue | null;
  setCatalogue(catalogue: Catalogue): void;
  /** Fresh waits from the live connection (`queue:loads`), between two catalogue fetches. */
  setLoads(loads: ServiceLoad[]): void;
}

export const catalogueSlice: Slice<CatalogueSlice> = (set, get) => ({
  catalogue: null,
  setCatalogue: (catalogue) => {
    const { langChosen, lang } = get();
    const languages = catalogue.center.languages;
    // The UI starts in the center's default language until the visitor picks one.
    const keep = langChosen && languages.includes(lang);
    set({ catalogue, ...(keep ? {} : { lang: catalogue.center.defaultLanguage, langChosen: false }) });
  },
  setLoads: (loads) => {
    const { catalogue } = get();
    if (catalogue) set({ catalogue: { ...catalogue, loads } });
  },
});
