/**
 * A scenario under a policy, as the center configuration the real engine runs on. The center is
 * open around the clock in UTC: the simulator, not the opening hours, decides when visitors come.
 */
import { centerConfigSchema, formatHHMM, formatIssues, MINUTE, policySchema, type CenterConfigInput, type EngineConfig } from '@qms/shared';
import type { SimPolicy } from './policies.js';
import type { Scenario } from './scenario.js';

export const SIM_CENTER_ID = 'sim';
/** 00:00 UTC of the simulated day, a Monday; any day would do. */
export const SIM_DAY0 = Date.UTC(2026, 0, 5);
export const PRIORITY_CATEGORY = 'priority';

/** Epoch ms of `ms` after the simulated day's 00:00. */
export const epochOf = (ms: number): number => SIM_DAY0 + ms;
export const minutesOf = (ms: number): number => ms / MINUTE;

/** Ticket prefixes A … Z, AA … ZZ, AAA …: unique and within the engine's 1–3 characters. */
export function prefixFor(index: number): string {
  let n = index;
  let out = '';
  do {
    out = String.fromCharCode(65 + (n % 26)) + out;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return out;
}

export function engineConfigFor(scenario: Scenario, policy: SimPolicy): EngineConfig {
  const allDay = [{ from: '00:00', to: '24:00' }];
  const shortIds = scenario.counters.every((c) => c.id.length <= 8);
  const raw: CenterConfigInput = {
    format: 'qms-center/1',
    center: {
      id: SIM_CENTER_ID,
      name: scenario.name,
      timezone: 'UTC',
      languages: ['en'],
      defaultLanguage: 'en',
      targetWaitMin: scenario.targetWaitMin,
      hours: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      policy: policySchema.parse(policy.params(scenario)),
      balancing: { mode: policy.name === 'adaptive' ? 'auto' : 'off' },
    },
    services: scenario.services.map((s, i) => ({
      id: s.id,
      prefix: prefixFor(i),
      names: { en: s.name },
      targetWaitMin: s.targetWaitMin,
      // What the live system expects per visitor; the actual times stay with the simulator.
      serviceTimeMin: s.meanMin,
    })),
    priorityCategories: [{ id: PRIORITY_CATEGORY, names: { en: 'Priority' } }],
    counters: scenario.counters.map((c, i) => {
      const a = policy.assign(c, scenario);
      // The plan the live system would have (W5): the counter's shifts, every day.
      const shifts = c.shifts.map((s) => ({ from: formatHHMM(s.from), to: formatHHMM(s.to) }));
      const hours = { mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts, sat: shifts, sun: shifts };
      return { id: c.id, number: shortIds ? c.id : String(i + 1), services: a.services, canServe: a.canServe, hours };
    }),
  };
  const parsed = centerConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`policy "${policy.name}" made an invalid center configuration: ${formatIssues(parsed.error)}`);
  const { center, services, priorityCategories, counters } = parsed.data;
  return { center, services, priorityCategories, counters };
}
