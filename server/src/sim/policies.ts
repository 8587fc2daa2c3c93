/**
 * The policies the simulator compares (SIMULATION.md), each expressed as what a real center would
 * configure: every counter's live services (primary/secondary) and the engine's policy numbers.
 * The queue rules themselves stay in the engine. A policy that rebalances during the day adds a
 * controller, whose hooks see what the live system sees and answer with `set-services` commands.
 *
 * This registry is the single list of policies: the CLI's default, its `--policy` check and the
 * benchmark all read it. To add one, append it to POLICIES.
 */
import type { CounterService, EngineConfig, FactBody, Policy } from '@qms/shared';
import type { Command, EngineState } from '../engine/index.js';
import type { Scenario, ScenarioCounter } from './scenario.js';
import { adaptiveController } from './adaptive.js';
import { thresholdController } from './threshold.js';

export type SetServices = Extract<Command, { type: 'set-services' }>;

/** A counter's configuration under a policy. */
export interface CounterAssignment {
  /** Live services at opening. */
  services: CounterService[];
  /** What `set-services` may switch it to (the engine's C2); the scenario's `canServe` unless pooled. */
  canServe: string[];
}

/** What a controller may look at: the engine's state is exactly what the live hall knows. */
export interface PolicyView {
  /** Epoch milliseconds of the simulated instant. */
  now: number;
  /**
   * Read only. Waiting tickets (since when, which lane), counters (open, busy since `changedAt`),
   * configured and learned service times (`meanServiceMin`, `serviceLoads` from the engine).
   * Never a visitor's own service time or future arrivals: the simulator keeps those elsewhere.
   */
  state: EngineState;
  /** Ask for an `onTick` call at this instant (epoch ms), e.g. when a ticket will reach a threshold. */
  wakeAt(epochMs: number): void;
}

/** A policy's live part, created afresh for every simulated day (it may keep state). */
export interface PolicyController {
  /** Call `onTick` every this many minutes from opening until the last visitor has left (and at `wakeAt`). */
  readonly tickMin?: number;
  onTick?(view: PolicyView): SetServices[];
  /** After every fact the engine produced (including those of the controller's own commands). */
  onEvent?(view: PolicyView, fact: FactBody): SetServices[];
}

export interface SimPolicy {
  readonly name: string;
  readonly summary: string;
  /** Engine policy numbers over the defaults of `policySchema`. */
  params(scenario: Scenario): Partial<Policy>;
  assign(counter: ScenarioCounter, scenario: Scenario): CounterAssignment;
  controller?(config: EngineConfig): PolicyController;
}

/** P1/P3 as "priority lane first, then oldest": a head start of a whole day, no interleave. */
const PRIORITY_FIRST = { priorityHeadStartMin: 1440, priorityInterleave: 10_000 } as const satisfies Partial<Policy>;
/** G1 off in practice: nobody waits a day. */
const NO_GUARD = { maxWaitGuardMin: 1440 } as const satisfies Partial<Policy>;

const primary = (ids: string[]): CounterService[] => ids.map((serviceId) => ({ serviceId, role: 'primary' }));

export const staticPolicy: SimPolicy = {
  name: 'static',
  summary: 'each counter serves only its plan; priority lane first, then oldest',
  params: () => ({ ...PRIORITY_FIRST, ...NO_GUARD }),
  assign: (c) => ({ services: primary(c.serves), canServe: c.canServe }),
};

/**
 * Rule-based reallocation: while a service's oldest waiting visitor has waited past its target,
 * every counter trained for it serves it too (threshold.ts). Not the engine's guard G1: see there.
 */
export const thresholdPolicy: SimPolicy = {
  name: 'threshold',
  summary: 'static, plus a counter calls from a trained service whose oldest visitor waited past the target',
  params: () => ({ ...PRIORITY_FIRST, ...NO_GUARD }),
  assign: (c) => ({ services: primary(c.serves), canServe: c.canServe }),
  controller: (config) => thresholdController(config),
};

export const skillsPolicy: SimPolicy = {
  name: 'skills',
  summary: 'every counter serves everything it is trained for; priority lane first, then oldest',
  params: () => ({ ...PRIORITY_FIRST, ...NO_GUARD }),
  assign: (c) => ({ services: primary(c.canServe), canServe: c.canServe }),
};

export const pooledPolicy: SimPolicy = {
  name: 'pooled',
  summary: 'every counter serves every service, ignoring training: the full-pooling reference',
  params: () => ({ ...PRIORITY_FIRST, ...NO_GUARD }),
  assign: (_c, s) => {
    const all = s.services.map((x) => x.id);
    return { services: primary(all), canServe: all };
  },
};

export const adaptivePolicy: SimPolicy = {
  name: 'adaptive',
  summary: "the product's call-next rules and predictive rebalancer, within canServe",
  // Priority lane first, as the baselines: the comparison is about merging, not about lane policy.
  params: () => ({ ...PRIORITY_FIRST, ...NO_GUARD }),
  assign: (c) => ({ services: primary(c.serves), canServe: c.canServe }),
  controller: (config) => adaptiveController(config),
};

export const POLICIES: readonly SimPolicy[] = [staticPolicy, thresholdPolicy, skillsPolicy, pooledPolicy, adaptivePolicy];

export function findPolicy(name: string): SimPolicy | undefined {
  return POLICIES.find((p) => p.name === name);
}

