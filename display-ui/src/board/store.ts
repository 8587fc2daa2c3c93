/**
 * The live board's one store. The board is a page of its own (/board/, no pairing, no socket):
 * it loads none of the hall's code, so it has this small store rather than a slice of the hall's.
 * The poller (poll.ts) writes answers into it; components read it through narrow selectors.
 */
import type { Board, Language } from '@qms/shared';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseBoardOptions, type BoardOptions } from './view.js';

export type BoardProblem = 'unreachable' | 'rate-limited' | 'unknown-center' | 'no-center';

export interface BoardState {
  /** From the address bar, fixed for the page's life. */
  options: BoardOptions;
  board: Board | null;
  /** The device's clock when the last answer came: "updated at". */
  receivedAt: number | null;
  /** Why the last request failed; null once one succeeds. */
  problem: BoardProblem | null;
  /** Picked on the page now, else on an earlier visit (remembered). */
  chosenLang: Language | null;
  savedLang: Language | null;
  query: string;
  received(board: Board, at: number): void;
  failed(problem: BoardProblem): void;
  chooseLanguage(lang: Language): void;
  search(query: string): void;
}

export type BoardStore = StoreApi<BoardState>;

const LANG_KEY = 'qms.board.lang';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Private modes that refuse storage: the choice lasts for the page only.
    return null;
  }
}

export function createBoardStore(options: BoardOptions = parseBoardOptions('')): BoardStore {
  const saved = storage()?.getItem(LANG_KEY) ?? null;
  return createStore<BoardState>()((set) => ({
    options,
    board: null,
    receivedAt: null,
    problem: null,
    chosenLang: null,
    savedLang: saved as Language | null,
    query: '',
    received: (board, at) => set({ board, receivedAt: at, problem: null }),
    failed: (problem) => set({ problem }),
    chooseLanguage: (lang) => {
      storage()?.setItem(LANG_KEY, lang);
      set({ chosenLang: lang });
    },
    search: (query) => set({ query }),
  }));
}

/** The page's instance; tests build their own with createBoardStore. */
export const boardStore: BoardStore = createBoardStore(typeof window === 'undefined' ? undefined : parseBoardOptions(window.location.search));

export function useBoard<T>(selector: (s: BoardState) => T): T {
  return useStore(boardStore, selector);
}
