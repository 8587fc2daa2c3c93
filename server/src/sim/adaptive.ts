/**
 * The product's own policy: the engine's call-next rules plus the rebalancer
 * (engine/rebalance.ts) looking at the hall every minute, exactly as the live server runs it in
 * `auto` mode. Counters start on their plan and are merged and released by B2/B3.
 */
import type { EngineConfig } from '@qms/shared';
import { DEFAULT_BALANCE, proposeMoves, type BalanceParams } from '../engine/rebalance.js';
import type { PolicyController, PolicyView, SetServices } from './policies.js';

export function adaptiveController(_config: EngineConfig, params: BalanceParams = DEFAULT_BALANCE): PolicyController {
  return {
    tickMin: 1,
    onTick(view: PolicyView): SetServices[] {
      return proposeMoves(view.state, view.now, params).map((m) => ({
        type: 'set-services',
        counterId: m.counterId,
        services: m.services,
        reason: m.reason,
      }));
    },
  };
}
