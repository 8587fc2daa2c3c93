/** Pure catalogue logic: which services to show, how to group them, how to search them. */
import type { Language, Service, ServiceLoad } from '@qms/shared';
import type { ServiceAvailability } from './api';
import { nameIn, normalise } from '@qms/shared/client';

export { normalise };

/** Up to this many services fit as big buttons; more are grouped by category with a search box. */
export const FEW_SERVICES = 12;

export const OTHER_TOPIC = '';

export interface Named {
  service: Service;
  name: string;
}

export function namedServices(services: Service[], lang: Language, fallback: Language): Named[] {
  return services.map((service) => ({ service, name: nameIn(service.names, lang, fallback) }));
}

/**
 * Every word of the query must start a word of the name (or sit inside one, ranked lower):
 * visitors type the beginning of a word, often without accents.
 */
export function search<T extends { name: string }>(items: T[], query: string): T[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const name = normalise(item.name);
    const nameWords = name.split(' ');
    let score = 0;
    for (const w of words) {
      if (nameWords.some((nw) => nw.startsWith(w))) score += 2;
      else if (name.includes(w)) score += 1;
      else {
        score = -1;
        break;
      }
    }
    if (score > 0) scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name)).map((s) => s.item);
}

export interface Topic {
  /** The service's `category`, or OTHER_TOPIC for services without one. */
  id: string;
  items: Named[];
}

/** Categories in the order they first appear in the configuration (the center's own order). */
export function topics(items: Named[]): Topic[] {
  const byId = new Map<string, Named[]>();
  for (const item of items) {
    const id = item.service.category ?? OTHER_TOPIC;
    const list = byId.get(id) ?? [];
    list.push(item);
    byId.set(id, list);
  }
  const out = [...byId].map(([id, list]) => ({ id, items: list }));
  // Uncategorised services go last.
  return [...out.filter((t) => t.id !== OTHER_TOPIC), ...out.filter((t) => t.id === OTHER_TOPIC)];
}

/** Group only when it helps: many services and more than one category. */
export function needsTopics(services: Service[]): boolean {
  return services.length > FEW_SERVICES && new Set(services.map((s) => s.category ?? OTHER_TOPIC)).size > 1;
}

/** A category is configured as a bare label ("civil", "Земельные вопросы"); show it capitalised. */
export function topicLabel(id: string): string {
  return id.charAt(0).toLocaleUpperCase() + id.slice(1).replace(/[-_]+/g, ' ');
}

export type Wait = { kind: 'unknown' } | { kind: 'none' } | { kind: 'about'; minutes: number };

export function waitOf(loads: ServiceLoad[], serviceId: string, lane: 'normal' | 'priority' = 'normal'): { wait: Wait; waiting: number } {
  const load = loads.find((l) => l.serviceId === serviceId);
  const expected = lane === 'priority' ? load?.expectedPriorityWaitMin : load?.expectedWaitMin;
  if (!load || expected === null || expected === undefined) return { wait: { kind: 'unknown' }, waiting: load?.waiting ?? 0 };
  const minutes = Math.round(expected);
  return { wait: minutes < 1 ? { kind: 'none' } : { kind: 'about', minutes }, waiting: load.waiting };
}

/**
 * Whether a visitor may take a ticket for the service now, as the server says. A service the
 * server did not mention is not offered: never a ticket that nobody will call.
 */
export function availabilityOf(availability: ServiceAvailability[] | undefined, serviceId: string): { servedNow: boolean; opensAt: number | null } {
  const a = availability?.find((x) => x.serviceId === serviceId);
  return a ? { servedNow: a.servedNow, opensAt: a.opensAt } : { servedNow: false, opensAt: null };
}
