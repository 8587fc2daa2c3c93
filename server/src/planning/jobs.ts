/** What the main thread and the planning thread say to each other (planner.ts, worker.ts). */
import type { PlanningAdvice, TriedDay } from '@qms/shared';
import type { AdviseOptions } from '../advisor/advise.js';
import type { Scenario } from '../sim/scenario.js';

export type PlanJob =
  | { id: number; kind: 'advise'; scenario: Scenario; options: Omit<AdviseOptions, 'onProgress'> }
  | { id: number; kind: 'try'; scenario: Scenario; seeds: number };

export type PlanReply =
  | { id: number; ok: true; result: PlanningAdvice | TriedDay }
  | { id: number; ok: false; message: string }
  | { id: number; progress: string };
