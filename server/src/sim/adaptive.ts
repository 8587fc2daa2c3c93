/**
 * The product's own policy: the engine's call-next rules with the center's default policy
 * numbers, plus the rebalancer (engine/rebalance.ts) run every minute, exactly as the live
 * server runs it in `auto` mode. Counters start on their plan and are merged only when a
 * service is predicted to pass its target, then released.
 */
import type { EngineConfig, FactBody } from '@qms/shared';
import { DEFAULT_BALANCE, proposeMoves, type BalanceParams } from '../engine/rebalance.js';
import type { PolicyController, PolicyView, SetServices } from './policies.js';

export function adaptiveController(_config: EngineConfig, params: BalanceParams = DEFAULT_BALANCE): PolicyController {
  const lastSwitch = new Map<string, number>();
  let dayStart: number | undefined;
  return {
    tickMin: 1,
    onTick(view: PolicyView): SetServices[] {
      dayStart ??= view.now;
      return proposeMoves(view.state, view.now, lastSwitch, dayStart, params).map((m) => ({
        type: 'set-services',
        counterId: m.counterId,
        services: m.services,
        reason: m.reason,
      }));
    },
    onEvent(view: PolicyView, fact: FactBody): SetServices[] {
      if (fact.type === 'counter:services-changed') lastSwitch.set(fact.counter.id, view.now);
      return [];
    },
  };
}
