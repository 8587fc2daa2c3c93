/**
 * The live board's pure logic: what the address asks for, which language to speak, the order and
 * filter of the services, and what each wait reads as.
 */
import { LANGUAGES, type Board, type BoardService, type Language } from '@qms/shared';
import { nameIn, normalise, sameDay } from '@qms/shared/client';

export interface BoardOptions {
  /** `?center=`; none: the server's only (or first) center. */
  center: string | null;
  /** `?lang=`, when it is one of ours; the center's languages decide later whether it is used. */
  lang: Language | null;
  /** `?refresh=` seconds (1–300), else 15. */
  refreshMs: number;
}

export const DEFAULT_REFRESH_S = 15;

export function parseBoardOptions(search: string): BoardOptions {
  const q = new URLSearchParams(search);
  const lang = q.get('lang');
  const refresh = Number(q.get('refresh') ?? '');
  return {
    center: q.get('center')?.trim() || null,
    lang: (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : null,
    refreshMs: (Number.isInteger(refresh) && refresh >= 1 && refresh <= 300 ? refresh : DEFAULT_REFRESH_S) * 1000,
  };
}

/** The first wanted language tag ("ru", "ru-RU") the center speaks, else its default. */
export function pickLanguage(center: Pick<Board['center'], 'languages' | 'defaultLanguage'>, wanted: readonly (string | null | undefined)[]): Language {
  for (const w of wanted) {
    const tag = w?.slice(0, 2).toLowerCase();
    const found = center.languages.find((l) => l === tag);
    if (found) return found;
  }
  return center.defaultLanguage;
}

export type WaitView = { kind: 'not-served'; opensAt: number | null } | { kind: 'no-counter' } | { kind: 'none' } | { kind: 'about'; minutes: number };

/** As the kiosk words it (kiosk-ui/src/catalogue.ts waitOf): the same figure, rounded the same way. */
export function waitView(s: Pick<BoardService, 'servedNow' | 'opensAt' | 'expectedWaitMin'>): WaitView {
  if (!s.servedNow) return { kind: 'not-served', opensAt: s.opensAt };
  if (s.expectedWaitMin === null) return { kind: 'no-counter' };
  const minutes = Math.round(s.expectedWaitMin);
  return minutes < 1 ? { kind: 'none' } : { kind: 'about', minutes };
}

export interface Row {
  service: BoardService;
  name: string;
  wait: WaitView;
}

/** Services with people waiting first, then the others served now, then those not served now; by name within each. */
export function orderedRows(board: Board, lang: Language): Row[] {
  const group = (s: BoardService) => (s.waiting > 0 ? 0 : s.servedNow ? 1 : 2);
  return board.services
    .map((service) => ({ service, name: nameIn(service.names, lang, board.center.defaultLanguage) || service.id, wait: waitView(service) }))
    .sort((a, b) => group(a.service) - group(b.service) || a.name.localeCompare(b.name, lang));
}

/** Up to this many services are listed without a search box. */
export const FEW_SERVICES = 8;

/** Every word typed is in the name, accents and case aside ("tu phap" finds "Tư pháp"). */
export function filterRows(rows: Row[], query: string): Row[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const name = normalise(r.name);
    return words.every((w) => name.includes(w));
  });
}

const DAY_MS = 24 * 3_600_000;

/** An opening `at`, told against `now` in the center's zone: today, tomorrow, or on a day. */
export function openingDay(at: number, now: number, timeZone: string): 'today' | 'tomorrow' | 'later' {
  if (sameDay(at, now, timeZone)) return 'today';
  return sameDay(at, now + DAY_MS, timeZone) ? 'tomorrow' : 'later';
}
