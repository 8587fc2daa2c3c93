/**
 * The Planning screen's arithmetic and wording, kept out of the components so it can be tested:
 * what a scenario file holds, the need-vs-plan rows, how a change of the advice is said, and which
 * changes are ticked.
 */
import { formatHHMM, type AdviceStep, type AdviceWhy, type PlanChange, type StaffingAdvice } from '@qms/shared';

/** What the screen shows of a scenario before it is sent: the server validates it in full. */
export interface ScenarioSummary {
  name: string;
  counters: number;
  services: number;
  /** Service names by id, as the file gives them (a service without one is named by its id). */
  serviceNames: Record<string, string>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function summarise(json: unknown, fallbackName: string): ScenarioSummary {
  const o = isObject(json) ? json : {};
  const services = Array.isArray(o.services) ? o.services.filter(isObject) : [];
  const serviceNames: Record<string, string> = {};
  for (const s of services) if (typeof s.id === 'string') serviceNames[s.id] = typeof s.name === 'string' && s.name.trim() ? s.name : s.id;
  return {
    name: typeof o.name === 'string' && o.name.trim() ? o.name : fallbackName,
    counters: Array.isArray(o.counters) ? o.counters.length : 0,
    services: services.length,
    serviceNames,
  };
}

export interface NeedRow {
  from: number;
  need: number;
  planned: number;
  /** planned − need: below zero the hour is short, above it over. */
  balance: number;
}

export function needRows(staffing: StaffingAdvice): NeedRow[] {
  return staffing.hours.map((h) => ({ from: h.from, need: h.need, planned: h.planned, balance: Math.round((h.planned - h.need) * 10) / 10 }));
}

/** "08:00–12:00, 13:00–17:00" */
export const shiftsText = (shifts: readonly { from: number; to: number }[]): string => shifts.map((x) => `${formatHHMM(x.from)}–${formatHHMM(x.to)}`).join(', ');

export interface ChangeWords {
  train: (v: { counter: string; service: string }) => string;
  shift: (v: { counter: string; from: string; to: string }) => string;
}

export function changeText(change: PlanChange, words: ChangeWords, counter: (id: string) => string, service: (id: string) => string): string {
  if (change.kind === 'train') return words.train({ counter: counter(change.counterId), service: service(change.serviceId) });
  return words.shift({ counter: counter(change.counterId), from: shiftsText(change.from), to: shiftsText(change.to) });
}

/** The words of a step's reason: keys of the `steps` group, filled in. */
export type WhyWords = (key: 'whyTrain' | 'whyTrainAllDay' | 'whyUncovered' | 'whyChain' | 'whyShift', values: Record<string, string>) => string;

/** Why the advisor looked at a change, worded from the facts it sent, in the viewer's language. */
export function whyText(why: AdviceWhy, words: WhyWords, counter: (id: string) => string, service: (id: string) => string, num: (n: number) => string): string {
  if (why.kind === 'shift') return words('whyShift', { hours: num(why.hours) });
  const v = { service: service(why.serviceId), counter: counter(why.counterId), target: num(why.targetMin) };
  const parts = [why.late ? words('whyTrain', { ...v, from: formatHHMM(why.late.from), to: formatHHMM(why.late.to) }) : words('whyTrainAllDay', v)];
  if (why.uncoveredHours > 0) parts.push(words('whyUncovered', { ...v, hours: num(why.uncoveredHours) }));
  if (why.chain) parts.push(words('whyChain', v));
  return parts.join('; ');
}

/** The ticked steps' changes, in the advice's order (each was measured with the ones before it). */
export const checkedChanges = (steps: readonly AdviceStep[], checked: readonly boolean[]): PlanChange[] => steps.filter((_, i) => checked[i] ?? true).map((s) => s.change);

/** A file name for the advised day: the scenario's name, made safe for any file system. */
export function advisedFileName(scenario: string): string {
  const base = scenario.replace(/\s*\(advised\)\s*$/, '').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'day';
  return `${base}-advised.json`;
}
