/**
 * The `threshold` policy's live part. SIMULATION.md: "static, plus a counter also calls from a
 * service in its canServe whose oldest waiting visitor has waited past the target".
 *
 * Why not the engine's guard (G1 with the trained services as secondary, `secondaryWhenIdle: false`
 * and `maxWaitGuardMin` = target)? G1 is the product's hard guard and does more than this rule:
 * once any ticket of the counter's own services passes the guard, it calls the longest-waiting
 * ticket whatever its lane, so the own queue stops being "priority lane first"; P4 lets a secondary
 * service's priority tickets in before any target is reached; and the guard is one number for the
 * center, while targets may differ per service. Measured over 50 seeds, that mapping puts the
 * priority lane's P95 at 11.3 min on provincial-peak and 37.0 on city-mfc, against 5.0 and 15.6 in
 * the reference table.
 *
 * So the rule is applied as a supervisor would: the moment a service's oldest visitor is past its
 * target, it is added to every counter trained for it; once it is not, those counters go back to
 * their plan. The engine's ordinary rules (priority lane first, then oldest) then pick among a
 * counter's services. Each change is a real `set-services` and counts as a switch.
 */
import { MINUTE, type EngineConfig, type FactBody } from '@qms/shared';
import { placeOf } from '../engine/rules.js';
import type { PolicyController, PolicyView, SetServices } from './policies.js';

export function thresholdController(config: EngineConfig): PolicyController {
  const targetMs = new Map(config.services.map((s) => [s.id, (s.targetWaitMin ?? config.center.targetWaitMin) * MINUTE]));
  const counters = config.counters.map((c) => {
    const plan = c.services.map((s) => s.serviceId);
    return { id: c.id, plan, extra: (c.canServe ?? []).filter((sid) => !plan.includes(sid)) };
  });
  let over = new Set<string>();

  /** Services whose oldest waiting visitor has waited more than the target, from their place in line (A2). */
  function overTarget(view: PolicyView): Set<string> {
    const oldest = new Map<string, number>();
    for (const id of view.state.waiting) {
      const t = view.state.tickets.get(id);
      if (!t || t.targetCounterId !== null) continue;
      const o = oldest.get(t.serviceId);
      if (o === undefined || placeOf(t) < o) oldest.set(t.serviceId, placeOf(t));
    }
    const out = new Set<string>();
    for (const [sid, place] of oldest) if (view.now - place > (targetMs.get(sid) ?? Infinity)) out.add(sid);
    return out;
  }

  function reassess(view: PolicyView): SetServices[] {
    const now = overTarget(view);
    if (now.size === over.size && [...now].every((sid) => over.has(sid))) return [];
    over = now;
    const out: SetServices[] = [];
    for (const c of counters) {
      const want = [...c.plan, ...c.extra.filter((sid) => over.has(sid))];
      const live = view.state.counters.get(c.id)?.services ?? [];
      if (want.length !== live.length || want.some((sid, i) => live[i]?.serviceId !== sid)) {
        out.push({ type: 'set-services', counterId: c.id, services: want.map((serviceId) => ({ serviceId, role: 'primary' as const })), reason: 'threshold' });
      }
    }
    return out;
  }

  return {
    onTick: reassess,
    onEvent(view: PolicyView, fact: FactBody): SetServices[] {
      switch (fact.type) {
        case 'ticket:issued':
          // "Past the target": one millisecond after the wait equals it.
          view.wakeAt(placeOf(fact.ticket) + (targetMs.get(fact.ticket.serviceId) ?? 0) + 1);
          return [];
        case 'ticket:called':
        case 'ticket:cancelled':
        case 'ticket:transferred':
          return reassess(view);
        default:
          return [];
      }
    },
  };
}
