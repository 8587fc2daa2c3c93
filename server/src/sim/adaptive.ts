/**
 * The product's own policy: the engine's call-next rules plus the rebalancer
 * (engine/rebalance.ts), exactly as the live server runs it in `auto` mode: it looks after every
 * change that may free a counter or bring a visitor, and once a minute. Counters start on their
 * plan and are merged and released by B1–B3.
 */
import type { EngineConfig } from '@qms/shared';
import { DEFAULT_BALANCE, LOOK_AFTER, SwitchLog, lookAt, type BalanceParams } from '../engine/rebalance.js';
import type { PolicyController, PolicyView, SetServices } from './policies.js';

export function adaptiveController(_config: EngineConfig, params: BalanceParams = DEFAULT_BALANCE): PolicyController {
  let log: SwitchLog | undefined;
  // Until when a look finds nothing while no fact comes in (lookAt): the minute's looks before
  // then are skipped, as they would find what the last one found. Any fact ends it.
  let quietUntil = -Infinity;
  const look = (view: PolicyView): SetServices[] => {
    // The first look is at opening: the day's budget of switches counts from there.
    log ??= new SwitchLog(view.now);
    const found = lookAt(view.state, view.now, log, params);
    quietUntil = found.moves.length > 0 ? -Infinity : found.quietUntil;
    return found.moves.map((m) => ({
      type: 'set-services',
      counterId: m.counterId,
      services: m.services,
      reason: m.reason,
    }));
  };
  return {
    tickMin: 1,
    onTick: (view) => (view.now < quietUntil ? [] : look(view)),
    onEvent(view, fact) {
      log ??= new SwitchLog(view.now);
      log.record(fact, view.now);
      quietUntil = -Infinity;
      return LOOK_AFTER.has(fact.type) ? look(view) : [];
    },
  };
}
