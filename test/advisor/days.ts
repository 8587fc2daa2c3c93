/**
 * Days the advisor has not been tuned on (issue 15's "other day files, different sizes and
 * catalogues"): the reference days busier or quieter, and a large center made up from a seed:
 * a catalogue of many services with a long tail of rare ones, counters that each plan one to three
 * services and are trained for one more, early and late shifts.
 */
import { parseScenario, type Scenario } from '../../server/src/sim/scenario.js';
import { prng as rng } from '../crash/server-process.js';
import { rawScenario } from '../sim/helpers.js';

/** A reference day with every arrival rate scaled. */
export function scaledDay(name: string, factor: number): Scenario {
  const raw = rawScenario(name);
  raw.name = `${name} ×${factor}`;
  for (const s of raw.services) for (const a of s.arrivals) a.perHour = Math.round(a.perHour * factor * 10) / 10;
  return parseScenario(raw, `${raw.name}.json`);
}

/**
 * `services` services on `counters` counters, 08:00–20:00, loaded to about `load` of the counters'
 * hours. Services come in topics (as a real catalogue does: passports, property, social…) with
 * popularity falling off as 1/rank; each counter plans one topic, topics get counters by their
 * load, every topic has an early and a late counter, and some counters are trained for one more
 * topic, so the day is plausible, with the gaps a real plan has.
 */
export function madeUpCenter(seed: number, services: number, counters: number, load = 1): Scenario {
  const random = rng(seed);
  const topics = Math.max(2, Math.round(counters / 2.4));
  const weights = Array.from({ length: services }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((s, w) => s + w, 0);
  const svc = weights.map((w, i) => ({ id: `s${i + 1}`, mean: Math.round((4 + random() * 14) * 10) / 10, share: w / total, topic: i % topics }));
  const work = Array.from({ length: topics }, (_, t) => svc.filter((s) => s.topic === t).reduce((sum, s) => sum + s.share * s.mean, 0));
  const allWork = work.reduce((a, b) => a + b, 0);
  // Visitors per hour so that an average hour fills `load` of the counters on shift (half of them).
  const perHour = (load * (counters / 2) * 60) / allWork;
  // Two counters per topic (early and late), the rest to the topics with most work per counter.
  const topicOf: number[] = [];
  for (let t = 0; t < topics && topicOf.length + 1 < counters; t++) topicOf.push(t, t);
  while (topicOf.length < counters) {
    const per = work.map((w, t) => w / topicOf.filter((x) => x === t).length);
    topicOf.push(per.indexOf(Math.max(...per)));
  }
  const early = [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:00' }];
  const late = [{ from: '11:00', to: '15:00' }, { from: '16:00', to: '20:00' }];
  const seen = new Map<number, number>();
  const raw = {
    format: 'qms-scenario/1',
    name: `made-up center ${services}×${counters} #${seed}`,
    seed: 1,
    day: { open: '08:00', close: '20:00' },
    targetWaitMin: 15,
    noShowShare: 0.05,
    services: svc.map((s) => ({
      id: s.id,
      serviceTimeMin: { mean: s.mean, cv: 0.7 },
      priorityShare: Math.round(random() * 0.15 * 100) / 100,
      arrivals: [
        { from: '08:00', to: '11:00', perHour: round1(s.share * perHour * 1.2) },
        { from: '11:00', to: '17:00', perHour: round1(s.share * perHour) },
        { from: '17:00', to: '20:00', perHour: round1(s.share * perHour * 0.7) },
      ],
    })),
    counters: topicOf.map((t, i) => {
      const k = seen.get(t) ?? 0;
      seen.set(t, k + 1);
      const serves = svc.filter((s) => s.topic === t).map((s) => s.id);
      const other = Math.floor(random() * topics);
      const extra = random() < 0.5 && other !== t ? svc.filter((s) => s.topic === other).map((s) => s.id) : [];
      return { id: String(i + 1), serves, canServe: [...serves, ...extra], shifts: k % 2 === 0 ? early : late };
    }),
  };
  return parseScenario(raw, `${raw.name}.json`);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
