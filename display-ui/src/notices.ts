/**
 * Short notices for visitors when the live rebalancer (or a supervisor) changes what a counter
 * serves: "Counter 7 now also serves Justice". Built from the `counter:services-changed` fact
 * itself, never from its English `reason` (that is for the audit log), and worded in the
 * display's language when drawn, so that a language change redraws them.
 */
import type { DisplayFact, Language, Service } from '@qms/shared';
import { formatList, nameIn } from '@qms/shared/client';
import { STRINGS, type Strings } from './i18n/strings.js';
import { counterInZone, type Zone } from './zone.js';

/** How long a notice stays on screen once shown. */
export const NOTICE_MS = 60_000;
/** On screen at once; the others wait their turn. */
export const MAX_VISIBLE_NOTICES = 2;
/** Waiting beyond this: the oldest give way (a burst of changes is old news by its turn). */
export const MAX_QUEUED_NOTICES = 4;

/**
 * - `added`: the counter also serves these now (a merge).
 * - `only`: some were taken away; it serves just these again (a release).
 * - `changed`: some taken away, some added; it serves these now.
 * - `stopped`: it no longer serves these (the display's zone keeps none of what it serves now).
 */
export type NoticeKind = 'added' | 'only' | 'changed' | 'stopped';

export interface NoticeContent {
  counterId: string;
  counterNumber: string;
  kind: NoticeKind;
  serviceIds: string[];
}

type ServicesChanged = Extract<DisplayFact, { type: 'counter:services-changed' }>;

const KEYS: Record<NoticeKind, keyof Strings> = {
  added: 'noticeAdded',
  only: 'noticeOnly',
  changed: 'noticeChanged',
  stopped: 'noticeStopped',
};

/** What visitors of this display's zone should learn from the change; null when nothing. */
export function noticeFromFact(fact: Pick<ServicesChanged, 'counter' | 'previous'>, zone: Zone): NoticeContent | null {
  if (!counterInZone(zone, fact.counter)) return null;
  const inZone = (id: string) => zone.services.length === 0 || zone.services.includes(id);
  const before = fact.previous.map((s) => s.serviceId);
  const after = fact.counter.services.map((s) => s.serviceId);
  const added = after.filter((id) => !before.includes(id) && inZone(id));
  const removed = before.filter((id) => !after.includes(id) && inZone(id));
  const now = after.filter(inZone);
  // A change of role only (primary/secondary), or of services outside the zone: nothing to say.
  if (added.length === 0 && removed.length === 0) return null;
  const base = { counterId: fact.counter.id, counterNumber: fact.counter.number };
  if (removed.length === 0) return { ...base, kind: 'added', serviceIds: added };
  if (now.length === 0) return { ...base, kind: 'stopped', serviceIds: removed };
  return { ...base, kind: added.length === 0 ? 'only' : 'changed', serviceIds: now };
}

const fill = (template: string, vars: Record<string, string>): string => template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);

/** The notice in `lang`, service names from the center's configuration (`fallback`: its default language). */
export function noticeText(notice: NoticeContent, lang: Language, services: Pick<Service, 'id' | 'names'>[], fallback: string): string {
  const names = notice.serviceIds.map((id) => nameIn(services.find((s) => s.id === id)?.names ?? {}, lang, fallback) || id);
  return fill(STRINGS[lang][KEYS[notice.kind]], { counter: notice.counterNumber, services: formatList(names, lang) });
}
