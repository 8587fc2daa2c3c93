/**
 * The planning advisor (issue 15): for a day (fitted from the log, or any scenario file), how many
 * counters each hour needs, which counters' staff should learn which service, and which shifts to
 * move within the same counter-hours, every step measured by simulating the day on the real engine.
 *
 * The search is greedy by measured marginal gain: each round diagnoses where the current plan's
 * visitors wait past the target, proposes the few new skills and moved shifts most likely to help
 * there (candidates.ts), simulates each on the same seeds, and keeps the best if it gains. The
 * search runs the `skills` policy, which calls as `adaptive` does (docs/balancing.md: the
 * rebalancer merges a counter precisely when that changes its next call; on the reference days the
 * two are identical to the visitor) at half the cost; the figures reported are `adaptive`'s, over
 * more seeds.
 */
import type { AdviceStep, PlanChange, PlanningAdvice } from '@qms/shared';
import { pooledPolicy, skillsPolicy, staticPolicy } from '../sim/policies.js';
import type { Scenario } from '../sim/scenario.js';
import { trainCandidates, shiftCandidates, type Candidate } from './candidates.js';
import { diagnose } from './diagnose.js';
import { ADVISED_POLICY, extend, gapCaptured, measure, measured, seedsOf, type Measured } from './figures.js';
import { applyChange, counterMinutes, scenarioFile, shiftsText } from './plan.js';
import { staffingByHour } from './staffing.js';

export interface AdviseOptions {
  /** New skills allowed; default one per four counters (the issue's bar), at least one. */
  maxNewSkills?: number;
  /** Seeds for the reported figures (default 10); the search confirms on the first `searchSeeds` (default 6), screening on two. */
  seeds?: number;
  searchSeeds?: number;
  /** Candidates of each kind simulated per round (default 6). */
  breadth?: number;
  /**
   * The whole advice within about this long: the search stops in time to measure what it found.
   * Default: 50 s, or on a day slow to simulate (a large catalogue) as long as twelve rounds of
   * the search take, so that a large center gets as many steps as a small one.
   */
  budgetMs?: number;
  /** Share within target the staffing figures aim at (default 0.9). */
  goal?: number;
  onProgress?: (line: string) => void;
}

/** A step must gain this much score (about a tenth of a point of share within target) to be kept. */
const MIN_GAIN = 0.1;
/** Screened candidates confirmed on all the search's seeds each round. */
const FINALISTS = 3;

export const defaultSkillBudget = (counters: number): number => Math.max(1, Math.floor(counters / 4));

export function advise(scenario: Scenario, options: AdviseOptions = {}): PlanningAdvice {
  const started = Date.now();
  const say = options.onProgress ?? (() => {});
  const maxNewSkills = options.maxNewSkills ?? defaultSkillBudget(scenario.counters.length);
  const seeds = seedsOf(scenario, options.seeds ?? 10);
  const confirmSeeds = seedsOf(scenario, options.searchSeeds ?? 6);
  const screenSeeds = confirmSeeds.slice(0, 2);
  const breadth = options.breadth ?? 6;

  const given = measure(scenario, skillsPolicy, confirmSeeds);
  // The closing measurements (four plans, `seeds` each; adaptive and pooled cost about twice what
  // skills does) must fit in the budget too, so the search stops early enough for them.
  const perDay = (Date.now() - started) / confirmSeeds.length;
  const perRound = perDay * (2 * breadth * screenSeeds.length + FINALISTS * (confirmSeeds.length - screenSeeds.length));
  const budgetMs = options.budgetMs ?? Math.max(50_000, perDay * seeds.length * 7 + 12 * perRound);
  const context: SearchContext = { given, maxNewSkills, screenSeeds, confirmSeeds, breadth, until: started + budgetMs - perDay * seeds.length * 7, say };
  let found = search(context, (m) => m.score);
  // Advice does not buy share with the priority lane's wait (the lane of those who cannot stand and
  // wait). Most days' best plans shorten it anyway; when one leaves it longer than the plan as
  // given, the search runs again, a plan losing 5 points per minute of P95 over the given plan's.
  const givenP95 = given.figures.priorityP95Min.mean;
  if (givenP95 !== null && (found.now.figures.priorityP95Min.mean ?? 0) > givenP95 * 1.02) {
    say('the plan found leaves the priority lane waiting longer; searching again with the lane kept');
    const laneKept = (m: Measured) => m.score - 5 * Math.max(0, (m.figures.priorityP95Min.mean ?? 0) - givenP95 * 1.02);
    const again = search(context, laneKept);
    // Out of time before it got as far, the second search keeps the first plan, if that one is better even so.
    if (laneKept(again.now) >= laneKept(found.now)) found = again;
  }
  const { plan, chosen } = found;
  if (counterMinutes(plan) !== counterMinutes(scenario)) throw new Error('advisor: a shift move changed the counter-hours');

  say('measuring the plans on more seeds');
  const figures = {
    static: measure(scenario, staticPolicy, seeds).figures,
    current: measure(scenario, ADVISED_POLICY, seeds).figures,
    pooled: measure(scenario, pooledPolicy, seeds).figures,
    advised: measure(plan, ADVISED_POLICY, seeds).figures,
  };
  say('staffing by the hour');
  const staffing = staffingByHour(scenario, { goal: options.goal ?? 0.9, seeds: screenSeeds });
  const steps: AdviceStep[] = chosen.map((c) => ({ change: c.candidate.change, reason: c.candidate.reason, why: c.candidate.why, before: c.before.figures, after: c.after.figures }));
  return {
    format: 'qms-advice/1',
    scenario: scenario.name,
    policy: ADVISED_POLICY.name,
    seeds: seeds.length,
    counters: scenario.counters.length,
    maxNewSkills,
    figures,
    gapCaptured: { current: gapCaptured(figures.current, figures.static, figures.pooled), advised: gapCaptured(figures.advised, figures.static, figures.pooled) },
    staffing,
    steps,
    advised: scenarioFile(plan, {
      name: `${scenario.name} (advised)`,
      description: `${scenario.description ? `${scenario.description} ` : ''}Advised by npm run advise: ${steps.map((s) => describe(s.change)).join('; ') || 'no change'}.`,
    }),
    elapsedMs: Date.now() - started,
  };
}

interface SearchContext {
  given: Measured;
  maxNewSkills: number;
  screenSeeds: number[];
  confirmSeeds: number[];
  breadth: number;
  until: number;
  say: (line: string) => void;
}

interface Found {
  plan: Scenario;
  now: Measured;
  chosen: { candidate: Candidate; before: Measured; after: Measured }[];
}

/** Greedy by measured gain of `objective`, from the plan as given, until nothing gains or time is up. */
function search(ctx: SearchContext, objective: (m: Measured) => number): Found {
  const { screenSeeds, confirmSeeds, breadth, until } = ctx;
  const chosen: Found['chosen'] = [];
  let plan = ctx.given.runs[0]!.scenario;
  let now = ctx.given;
  // The screening seeds are the first of the confirming ones: the plan's runs on them are in `now` already.
  const nowOnScreen = () => measured(now.runs.filter((r) => screenSeeds.includes(r.seed)));
  let nowScreened = nowOnScreen();
  let skillsLeft = ctx.maxNewSkills;
  // Changes measured not to help the plan they were tried on; the others may win a later round.
  const useless = new Set<string>();
  while (Date.now() < until) {
    const d = diagnose(plan, now.runs);
    const candidates = [...trainCandidates(d, skillsLeft > 0 ? breadth : 0), ...shiftCandidates(d, breadth)].filter((c) => !useless.has(keyOf(c.change)));
    if (candidates.length === 0) break;
    // Screen every candidate on a few seeds, then confirm the most promising on more: a change that
    // only suits the screening seeds' visitors is not advice.
    const screened: { candidate: Candidate; plan: Scenario; m: Measured }[] = [];
    for (const candidate of candidates) {
      if (Date.now() > until) break;
      const next = applyChange(plan, candidate.change);
      const m = measure(next, skillsPolicy, screenSeeds);
      if (objective(m) - objective(nowScreened) < MIN_GAIN) useless.add(keyOf(candidate.change));
      else screened.push({ candidate, plan: next, m });
    }
    const finalists = screened.sort((a, b) => objective(b.m) - objective(a.m)).slice(0, FINALISTS).map((x) => ({ ...x, m: extend(x.m, x.plan, skillsPolicy, confirmSeeds) }));
    const best = finalists.sort((a, b) => objective(b.m) - objective(a.m))[0];
    if (!best || objective(best.m) - objective(now) < MIN_GAIN) break;
    ctx.say(`+ ${describe(best.candidate.change)}: ${pct(now)} → ${pct(best.m)} within target`);
    chosen.push({ candidate: best.candidate, before: now, after: best.m });
    if (best.candidate.change.kind === 'train') skillsLeft -= 1;
    plan = best.plan;
    now = best.m;
    nowScreened = nowOnScreen();
  }
  return { plan, now, chosen };
}

export function describe(change: PlanChange): string {
  if (change.kind === 'train') return `counter ${change.counterId} learns ${change.serviceId}`;
  return `counter ${change.counterId} works ${shiftsText(change.to)} (was ${shiftsText(change.from)})`;
}

const keyOf = (c: PlanChange): string => JSON.stringify(c.kind === 'train' ? c : { ...c, from: undefined });
const pct = (m: Measured): string => `${((m.figures.withinTarget.mean ?? 0) * 100).toFixed(1)} %`;
