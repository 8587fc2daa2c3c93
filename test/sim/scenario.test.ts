/** Scenario files (qms-scenario/1): what is accepted, and what a person is told when it is not. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../server/src/sim/scenario.js';
import { loadScenario } from '../../server/src/sim/simulate.js';
import { rawScenario, scenario, scenarioFile } from './helpers.js';

/** The problems reported for provincial-peak.json after `edit`. */
function problems(edit: (s: any) => void): string[] {
  const raw = rawScenario('provincial-peak');
  edit(raw);
  try {
    parseScenario(raw, 'edited.json');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems;
    throw e;
  }
  return [];
}

describe('scenario files', () => {
  it.each(['provincial-peak', 'city-mfc', 'rural-office', 'erlang-c'])('the reference scenario %s is valid', (name) => {
    expect(() => scenario(name)).not.toThrow();
  });

  it('fills in the defaults: shifts open..close, canServe = serves, no warm-up, per-service target = the center\'s', () => {
    const s = scenario('erlang-c');
    expect(s.counters[0]).toEqual({ id: '1', serves: ['general'], canServe: ['general'], shifts: [{ from: 0, to: 23 * 60 + 59 }] });
    expect(s.services[0]).toMatchObject({ targetWaitMin: 15, priorityShare: 0, meanMin: 5.1, cv: 1 });
    expect(s).toMatchObject({ warmupMin: 120, noShowShare: 0, noShowCostMin: 1, open: 0, close: 1439 });
    const p = scenario('provincial-peak');
    expect(p.counters[2]?.shifts).toEqual([
      { from: 450, to: 690 },
      { from: 750, to: 1020 },
    ]);
  });

  it('canServe always includes serves, as the engine does (C2)', () => {
    const s = parseScenario({ ...rawScenario('provincial-peak'), counters: [{ id: 'x', serves: ['justice', 'land', 'business', 'transport', 'labour', 'construction', 'health'], canServe: ['labour'] }] });
    expect(s.counters[0]?.canServe).toEqual(['justice', 'land', 'business', 'transport', 'labour', 'construction', 'health']);
  });

  it('back-to-back shifts are one stretch', () => {
    const raw = rawScenario('rural-office');
    raw.counters[0].shifts = [{ from: '08:00', to: '12:00' }, { from: '12:00', to: '16:00' }];
    expect(parseScenario(raw).counters[0]?.shifts).toEqual([{ from: 480, to: 960 }]);
  });

  it('keys starting with "_" or "$" are annotations and are ignored', () => {
    expect(problems((s) => {
      s._comment = 'peak day';
      s.$schema = 'qms-scenario/1';
      s.services[0]._note = 'civil status';
    })).toEqual([]);
  });

  it.each<[string, (s: any) => void, string[]]>([
    ['a time that is not HH:MM', (s) => (s.services[2].arrivals[0].to = '9:00'), ['services[2].arrivals[0].to: expected a time "HH:MM"']],
    ['a misspelt service', (s) => (s.counters[4].serves[0] = 'jstice'), ['counters[4].serves[0]: unknown service "jstice" (did you mean "justice"?)']],
    [
      'an unknown service',
      (s) => (s.counters[4].canServe[1] = 'passports'),
      ['counters[4].canServe[1]: unknown service "passports" (expected one of: justice, land, business, transport, labour, construction, health)'],
    ],
    ['closing before opening', (s) => (s.day.close = '07:00'), ['day.close: must be after day.open (07:30)']],
    ['a share above 1', (s) => (s.services[0].priorityShare = 1.5), ['services[0].priorityShare: must be between 0 and 1']],
    ['a negative no-show share', (s) => (s.noShowShare = -0.1), ['noShowShare: must be between 0 and 1']],
    ['a negative cv', (s) => (s.services[1].serviceTimeMin.cv = -1), ['services[1].serviceTimeMin.cv: must be 0 or more']],
    ['a zero mean', (s) => (s.services[1].serviceTimeMin.mean = 0), ['services[1].serviceTimeMin.mean: must be more than 0']],
    [
      'a misspelt key',
      (s) => {
        s.counters[0].canserve = s.counters[0].canServe;
        delete s.counters[0].canServe;
      },
      ['counters[0].canserve: unknown key (did you mean "canServe"?)'],
    ],
    ['a misspelt top-level key', (s) => (s.noShowShar = 0.1), ['noShowShar: unknown key (did you mean "noShowShare"?)']],
    ['another format', (s) => (s.format = 'qms-scenario/2'), ['format: expected "qms-scenario/1"']],
    ['a missing field', (s) => delete s.targetWaitMin, ['targetWaitMin: required']],
    ['a string for a number', (s) => (s.seed = '1'), ['seed: expected a number, got string']],
    ['a list that is not one', (s) => (s.services = {}), ['services: expected a list, got object']],
    ['a duplicate counter', (s) => (s.counters[3].id = '1'), ['counters[3].id: "1" is used by an earlier counter']],
    ['a service listed twice', (s) => (s.counters[0].serves = ['justice', 'justice']), ['counters[0].serves[1]: "justice" is listed twice']],
    [
      'arrivals after closing',
      (s) => (s.services[0].arrivals[4].to = '17:30'),
      ['services[0].arrivals[4].to: must not be after day.close (17:00); every visitor arrives while the center is open'],
    ],
    ['an arrival period backwards', (s) => (s.services[0].arrivals[0].to = '07:00'), ['services[0].arrivals[0].to: must be after "from" (07:30)']],
    ['overlapping shifts', (s) => (s.counters[2].shifts[1].from = '11:00'), ['counters[2].shifts[1].from: must not be before the end of the previous shift']],
    ['a counter serving nothing', (s) => (s.counters[2].serves = []), ['counters[2].serves: list at least one service']],
    [
      'a service no counter plans for',
      (s) => {
        for (const c of s.counters) c.serves = c.serves.filter((x: string) => x !== 'health');
        s.counters[14].serves = ['labour'];
      },
      ['services[6].id: no counter serves "health"; add it to some counter\'s "serves"'],
    ],
    ['an id the engine cannot take', (s) => (s.services[0].id = 'civil status'), ['services[0].id: use letters, digits, "_", "-" or "." only']],
    ['a warm-up as long as the day', (s) => (s.warmupMin = 570), ['warmupMin: must be shorter than the day (570 minutes)']],
  ])('%s', (_name, edit, expected) => {
    expect(problems(edit)).toEqual(expected);
  });

  it('reports every problem of the file at once, with the file name', () => {
    const raw = rawScenario('provincial-peak');
    raw.day.open = '7:30';
    raw.foo = 1;
    raw.services[0].serviceTimeMin = { mean: 8 };
    expect(() => parseScenario(raw, 'mine.json')).toThrow(
      [
        'mine.json is not a valid qms-scenario/1 file:',
        '  day.open: expected a time "HH:MM"',
        '  services[0].serviceTimeMin.cv: required',
        '  foo: unknown key (expected one of: format, name, description, seed, warmupMin, day, targetWaitMin, services, counters, noShowShare, noShowCostMin)',
      ].join('\n'),
    );
  });

  it('a file that is missing or not JSON says so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qms-sim-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ "format": "qms-scenario/1", }');
    expect(() => loadScenario(bad)).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadScenario(path.join(dir, 'none.json'))).toThrow(/cannot read scenario file .*none\.json: no such file/);
    expect(loadScenario(scenarioFile('rural-office')).name).toBe('rural-office');
  });
});
