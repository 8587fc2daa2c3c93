import type { Language } from '@qms/shared';
import { NO_CHECK_IN } from './checkin';
import type { Slice } from './types';

export type Screen = 'language' | 'services' | 'priority' | 'checkin' | 'ticket';

export interface FlowSlice {
  screen: Screen;
  lang: Language;
  /** False until the visitor picks a language: then the center's default follows config changes. */
  langChosen: boolean;
  lane: 'normal' | 'priority';
  priorityCategoryId: string | null;
  /** The service category being browsed in a large catalogue. */
  topic: string | null;
  query: string;
  chooseLanguage(lang: Language): void;
  setLang(lang: Language): void;
  openPriority(): void;
  choosePriorityCategory(id: string): void;
  openTopic(topic: string): void;
  setQuery(query: string): void;
  back(): void;
  /** The next visitor starts clean: default language, normal lane, no ticket, no speech. */
  startOver(): void;
}

const fresh = { screen: 'language', lane: 'normal', priorityCategoryId: null, topic: null, query: '' } as const;

export const flowSlice: Slice<FlowSlice> = (set, get) => ({
  ...fresh,
  lang: 'en',
  langChosen: false,
  chooseLanguage: (lang) => set({ lang, langChosen: true, screen: 'services', topic: null, query: '' }),
  setLang: (lang) => set({ lang, langChosen: true }),
  openPriority: () => set({ screen: 'priority', lane: 'priority', priorityCategoryId: null, topic: null, query: '' }),
  choosePriorityCategory: (id) => set({ screen: 'services', lane: 'priority', priorityCategoryId: id, topic: null, query: '' }),
  openTopic: (topic) => set({ topic, query: '' }),
  setQuery: (query) => set({ query }),
  back: () => {
    const s = get();
    if (s.screen === 'ticket') return set({ screen: 'services', issue: { state: 'idle' } });
    if (s.screen === 'priority') return set({ screen: 'services', lane: 'normal', priorityCategoryId: null });
    if (s.screen === 'checkin') {
      // From a refusal back to the code, still in its field; from the field back to the services.
      if (s.checkIn.state === 'early' || s.checkIn.state === 'late') return set({ checkIn: { state: 'entry', problem: null } });
      return set({ ...NO_CHECK_IN, screen: 'services' });
    }
    if (s.screen === 'services') {
      if (s.query) return set({ query: '' });
      if (s.topic !== null) return set({ topic: null });
      if (s.lane === 'priority') return set({ screen: 'priority', priorityCategoryId: null });
      return set({ screen: 'language' });
    }
  },
  startOver: () => {
    const center = get().catalogue?.center;
    set({
      ...fresh,
      lang: center?.defaultLanguage ?? get().lang,
      langChosen: false,
      issue: { state: 'idle' },
      ...NO_CHECK_IN,
      speech: false,
      largeText: false,
    });
  },
});
