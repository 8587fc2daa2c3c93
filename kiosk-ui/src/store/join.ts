import { ErrorCode, type JoinCenter, type Language, type PublicTicketStatus } from '@qms/shared';
import { checkDetails, type Problem } from '../booking-form';
import { defaultCenterId } from '../booking-api';
import { fetchTicketStatus } from '../api';
import { isLanguage } from '../i18n';
import { deviceIdOf, forgetTickets, hereAction, joinRefusalKey, keepTicket, keptTickets, KEEP_MS, type JoinRoute, type KeyValueStore } from '../join';
import { arriveInHall, fetchJoinCenter, joinQueue } from '../join-api';
import type { en } from '../i18n/en';
import type { KioskState, Slice } from './types';

/**
 * The join page (/join/, issue 14, V1): the services ('service'), then the rule and, if the
 * center asks, the phone number ('confirm'); joined, the visitor goes to the ticket's phone page.
 * /join/here (the hall's poster, V2) checks this phone's tickets in ('here').
 */
export type JoinStep = 'service' | 'confirm';

export type JoinLoad = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; code: string };

/** The hall poster's page: checking, then the tickets it checked in (or found), or why none. */
export type HereState =
  | { state: 'checking' }
  | { state: 'none' }
  | { state: 'noCode' }
  /** With this phone's tickets: their pages have the code to show at the kiosk instead. */
  | { state: 'wrongCode'; tickets: PublicTicketStatus[] }
  | { state: 'failed'; code: string }
  | { state: 'done'; tickets: PublicTicketStatus[] };

type Key = keyof typeof en;

export interface JoinSlice {
  joinCenter: JoinCenter | null;
  joinLoad: JoinLoad;
  joinStep: JoinStep;
  joinServiceId: string | null;
  joinQuery: string;
  joinPhone: string;
  /** Set by the first "Join" with a bad number: from then on the field shows its problem as it is fixed. */
  joinChecked: boolean;
  joinSending: boolean;
  /** The last refusal, already worded by its code and the service's state (join.ts). */
  joinRefusal: Key | null;
  /** This phone's tickets at this center still in play, newest first. */
  joinMine: PublicTicketStatus[];
  here: HereState;
  openJoinPage(route: JoinRoute, params: URLSearchParams, storage: KeyValueStore): Promise<void>;
  refreshJoinCenter(): Promise<void>;
  setJoinQuery(query: string): void;
  chooseJoinService(serviceId: string): void;
  joinBack(): void;
  setJoinPhone(phone: string): void;
  /** The ticket taken, or null when refused or not sent (the refusal is in `joinRefusal`). */
  submitJoin(storage: KeyValueStore): Promise<PublicTicketStatus | null>;
}

/** The phone number's problem as the booking page words it; none when the center does not ask. */
export function joinPhoneProblem(center: Pick<JoinCenter, 'askPhone'>, phone: string): Problem | undefined {
  return checkDetails({ name: '', phone, email: '' }, { name: 'off', phone: center.askPhone, email: 'off' }).phone;
}

/** The statuses of this phone's remembered tickets; those that are over (or unknown) are forgotten. */
async function statusesOf(storage: KeyValueStore, centerId: string, now: number): Promise<{ ok: true; live: PublicTicketStatus[] } | { ok: false; code: string }> {
  const kept = keptTickets(storage, centerId);
  const gone = new Set(kept.filter((k) => now - k.at > KEEP_MS).map((k) => k.id));
  const live: PublicTicketStatus[] = [];
  for (const k of kept) {
    if (gone.has(k.id)) continue;
    const res = await fetchTicketStatus(k.id);
    if (!res.ok) {
      if (res.error.code === ErrorCode.UnknownTicket || res.error.code === ErrorCode.NotFound) gone.add(k.id);
      else return { ok: false, code: res.error.code };
    } else if (hereAction(res.data) === 'forget') gone.add(k.id);
    else live.push(res.data);
  }
  forgetTickets(storage, centerId, gone);
  return { ok: true, live };
}

export const joinSlice: Slice<JoinSlice> = (set, get) => ({
  joinCenter: null,
  joinLoad: { state: 'loading' },
  joinStep: 'service',
  joinServiceId: null,
  joinQuery: '',
  joinPhone: '',
  joinChecked: false,
  joinSending: false,
  joinRefusal: null,
  joinMine: [],
  here: { state: 'checking' },

  openJoinPage: async (route, params, storage) => {
    const fail = (code: string) => set({ joinLoad: { state: 'failed', code } });
    const centerParam = params.get('center');
    const id = centerParam ? { ok: true as const, data: centerParam } : await defaultCenterId();
    if (!id.ok) return fail(id.error.code);
    const center = await fetchJoinCenter(id.data);
    if (!center.ok) return fail(center.error.code);
    const { languages, defaultLanguage } = center.data;
    const offered = (l: string | null | undefined): l is Language => isLanguage(l) && languages.includes(l);
    // The address's language, else the one the visitor's phone reads if the center has it, else the center's.
    const langParam = params.get('lang');
    const phone = typeof navigator === 'undefined' ? null : navigator.language.slice(0, 2);
    set({ joinCenter: center.data, lang: offered(langParam) ? langParam : offered(phone) ? phone : (defaultLanguage as Language) });
    const mine = await statusesOf(storage, center.data.id, Date.now());
    if (route.kind === 'join') return set({ joinLoad: { state: 'ready' }, joinMine: mine.ok ? mine.live : [] });

    set({ joinLoad: { state: 'ready' } });
    const hallCode = params.get('h')?.trim();
    if (!hallCode) return set({ here: { state: 'noCode' } });
    if (!mine.ok) return set({ here: { state: 'failed', code: mine.code } });
    const shown: PublicTicketStatus[] = [];
    for (const t of mine.live) {
      if (hereAction(t) !== 'arrive') {
        shown.push(t);
        continue;
      }
      const res = await arriveInHall(t.id, hallCode);
      if (res.ok) shown.push(res.data);
      else if (res.error.code === ErrorCode.WrongHallCode) return set({ here: { state: 'wrongCode', tickets: mine.live } });
      // Called or ended meanwhile: the ticket's page says what it is now.
      else if (res.error.code === ErrorCode.InvalidTransition) shown.push(t);
      else return set({ here: { state: 'failed', code: res.error.code } });
    }
    set({ here: shown.length === 0 ? { state: 'none' } : { state: 'done', tickets: shown } });
  },

  refreshJoinCenter: async () => {
    const center = get().joinCenter;
    if (!center) return;
    const res = await fetchJoinCenter(center.id);
    if (res.ok) set({ joinCenter: res.data });
  },

  setJoinQuery: (joinQuery) => set({ joinQuery }),
  chooseJoinService: (serviceId) => set({ joinServiceId: serviceId, joinStep: 'confirm', joinRefusal: null, joinChecked: false }),
  joinBack: () => set({ joinStep: 'service', joinRefusal: null }),
  setJoinPhone: (joinPhone) => set({ joinPhone }),

  submitJoin: async (storage) => {
    const s: KioskState = get();
    const center = s.joinCenter;
    // A second tap while the first is out must not take two tickets.
    if (!center || !s.joinServiceId || s.joinSending) return null;
    if (joinPhoneProblem(center, s.joinPhone.trim())) {
      set({ joinChecked: true, joinRefusal: null });
      return null;
    }
    set({ joinSending: true, joinRefusal: null });
    const phone = center.askPhone === 'off' ? '' : s.joinPhone.trim();
    const res = await joinQueue(center.id, { serviceId: s.joinServiceId, language: s.lang, deviceId: deviceIdOf(storage), ...(phone ? { phone } : {}) });
    if (res.ok) {
      keepTicket(storage, center.id, { id: res.data.id, number: res.data.number, at: Date.now() });
      set({ joinSending: false });
      return res.data;
    }
    // The list as it stands now says which of the ambiguous refusals this was (and shows it greyed).
    await get().refreshJoinCenter();
    const service = get().joinCenter?.services.find((x) => x.id === s.joinServiceId) ?? null;
    set({ joinSending: false, joinRefusal: joinRefusalKey(res.error.code, service) });
    return null;
  },
});
