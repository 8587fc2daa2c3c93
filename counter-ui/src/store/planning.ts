/**
 * Planning (issue 15): which day to plan (a period of the center's history and a weekday, or a
 * scenario file), the advice for it (POST /api/planning/advice) and the day tried with the ticked
 * steps (POST /api/planning/simulate). The advice and the tried day are kept with the token they
 * were asked with, so a second user of the computer never sees the first one's.
 */
import type { AppErrorBody, FittedScenario, PlanningAdvice, TriedDay, Weekday } from '@qms/shared';
import { api } from '@qms/shared/client';
import type { StateCreator } from 'zustand';
import { checkedChanges } from '../screens/Planning/plan';
import type { Store } from './index';

export interface PlanningChoice {
  kind: 'period' | 'scenario';
  from: string;
  to: string;
  weekday: Weekday;
}

/** A scenario file as read in the browser: its name and parsed JSON (the server validates it). */
export interface PlanFile {
  name: string;
  json: unknown;
}

export interface PlanResult {
  token: string;
  advice: PlanningAdvice;
  /** The day the advice is for, as sent: the ticked steps are applied to it when tried. */
  scenario: unknown;
  /** The days of history it was fitted from; null for a file. */
  fitted: Pick<FittedScenario, 'days'> | null;
  checked: boolean[];
}

export interface TriedResult {
  token: string;
  day: TriedDay;
  changes: number;
}

export interface PlanningSlice {
  planningChoice: PlanningChoice | null;
  planFile: PlanFile | null;
  planBusy: 'advice' | 'try' | null;
  planError: AppErrorBody | null;
  planResult: PlanResult | null;
  tried: TriedResult | null;
  triedError: AppErrorBody | null;
  choosePlanning(patch: Partial<PlanningChoice>, defaults: PlanningChoice): void;
  setPlanFile(file: PlanFile | null): void;
  /** Advice on the day `choice` names (the screen's choice, its defaults included). */
  workOutPlan(choice: PlanningChoice): Promise<void>;
  togglePlanStep(index: number): void;
  tryCheckedSteps(): Promise<void>;
}

/** The advisor searches for 30 s on the server and then measures on every seed: room for both and the network. */
const ADVICE_TIMEOUT_MS = 150_000;
const TRY_TIMEOUT_MS = 60_000;

export const createPlanningSlice: StateCreator<Store, [], [], PlanningSlice> = (set, get) => ({
  planningChoice: null,
  planFile: null,
  planBusy: null,
  planError: null,
  planResult: null,
  tried: null,
  triedError: null,

  choosePlanning(patch, defaults) {
    set({ planningChoice: { ...(get().planningChoice ?? defaults), ...patch } });
  },

  setPlanFile(file) {
    set({ planFile: file });
  },

  async workOutPlan(choice) {
    const { token, staff, planFile } = get();
    if (!token || !staff || get().planBusy) return;
    set({ planBusy: 'advice', planError: null });
    const fail = (error: AppErrorBody) => {
      if (error.code === 'UNAUTHORIZED') return get().sessionEnded();
      set({ planBusy: null, planError: error });
    };
    let scenario: unknown;
    let fitted: PlanResult['fitted'] = null;
    if (choice.kind === 'period') {
      // The fitted day itself, not only the advice on it: the ticked steps are tried on this same day.
      const q = new URLSearchParams({ centerId: staff.centerId, from: choice.from, to: choice.to, weekday: choice.weekday });
      const res = await api<FittedScenario>(`/api/planning/scenario?${q}`, { token, timeoutMs: TRY_TIMEOUT_MS });
      if (!res.ok) return fail(res.error);
      scenario = res.data.scenario;
      fitted = { days: res.data.days };
    } else {
      if (!planFile) return set({ planBusy: null });
      scenario = planFile.json;
    }
    const res = await api<PlanningAdvice>('/api/planning/advice', { token, body: { centerId: staff.centerId, source: { kind: 'scenario', scenario } }, timeoutMs: ADVICE_TIMEOUT_MS });
    if (!res.ok) return fail(res.error);
    set({ planBusy: null, planResult: { token, advice: res.data, scenario, fitted, checked: res.data.steps.map(() => true) }, tried: null, triedError: null });
  },

  togglePlanStep(index) {
    const r = get().planResult;
    if (!r) return;
    set({ planResult: { ...r, checked: r.checked.map((c, i) => (i === index ? !c : c)) } });
  },

  async tryCheckedSteps() {
    const { token, staff, planResult: r } = get();
    if (!token || !staff || !r || get().planBusy) return;
    set({ planBusy: 'try', triedError: null });
    const changes = checkedChanges(r.advice.steps, r.checked);
    const res = await api<TriedDay>('/api/planning/simulate', { token, body: { centerId: staff.centerId, scenario: r.scenario, changes, seeds: r.advice.seeds }, timeoutMs: TRY_TIMEOUT_MS });
    if (!res.ok) {
      if (res.error.code === 'UNAUTHORIZED') return get().sessionEnded();
      return set({ planBusy: null, triedError: res.error });
    }
    set({ planBusy: null, tried: { token, day: res.data, changes: changes.length } });
  },
});
