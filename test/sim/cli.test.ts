/** The command line (SIMULATION.md): byte-identical results, JSON only on stdout, actionable errors. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../server/src/sim/cli.js';
import { POLICIES } from '../../server/src/sim/policies.js';
import { scenarioFile } from './helpers.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run simulate', () => {
  const city = scenarioFile('city-mfc');

  it('same scenario, policies and seeds: byte-identical JSON; another seed: different', () => {
    const a = cli('--scenario', city, '--seeds', '2', '--json');
    const b = cli('--scenario', city, '--seeds', '2', '--json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const c = cli('--scenario', city, '--seeds', '2', '--seed', '2', '--json');
    expect(c.out).not.toBe(a.out);
    // Every policy of the registry, in its order, as qms-sim-result/1 objects.
    const results = JSON.parse(a.out);
    expect(results.map((r: any) => r.policy)).toEqual(POLICIES.map((p) => p.name));
    expect(results.map((r: any) => [r.format, r.scenario, r.seeds, r.seed])).toEqual(POLICIES.map(() => ['qms-sim-result/1', 'city-mfc', 2, 1]));
    // Progress went to stderr.
    expect(a.err).toMatch(/city-mfc: static, 2 seeds from 1/);
  });

  it('the result object has the contract\'s fields, plus mergedShare, the ETA accuracy (issue 12) and the booked and walk-in figures (issue 13)', () => {
    const [r] = JSON.parse(cli('--scenario', scenarioFile('rural-office'), '--policy', 'skills', '--json').out);
    expect(Object.keys(r)).toEqual([
      'format', 'scenario', 'policy', 'seeds', 'seed', 'visitors', 'served', 'noShows', 'waitMin', 'withinTargetShare',
      'lanes', 'services', 'counterSwitches', 'utilisation', 'mergedShare', 'lastServiceEndMin', 'eta', 'booked', 'walkIns',
    ]);
    // No appointments in the scenario: nothing booked, no booked figure.
    expect(r.booked).toEqual({ bookings: 0, arrived: 0, noShows: 0, tooLate: 0, waitMin: { mean: null, p90: null, p95: null, max: null }, onTimeShare: null });
    expect(Object.keys(r.walkIns)).toEqual(['count', 'mean', 'p90', 'p95', 'withinTargetShare']);
    expect(Object.keys(r.eta)).toEqual(['medianErrorMin', 'p90ErrorMin', 'underPromisedOver5Share']);
    expect(r.eta.medianErrorMin).toBeGreaterThanOrEqual(0);
    expect(Object.keys(r.waitMin)).toEqual(['mean', 'p50', 'p90', 'p95', 'max']);
    expect(Object.keys(r.lanes.priority)).toEqual(['count', 'mean', 'p95', 'max']);
    expect(Object.keys(r.services)).toEqual(['civil', 'land', 'social', 'certificates', 'business', 'agri']);
    expect(Object.keys(r.services.civil)).toEqual(['count', 'mean', 'p90', 'withinTargetShare']);
  });

  it('--seeds N reports the mean of the per-seed figures', () => {
    const file = scenarioFile('rural-office');
    const one = (seed: number) => JSON.parse(cli('--scenario', file, '--policy', 'static', '--seed', String(seed), '--json').out)[0];
    const [mean] = JSON.parse(cli('--scenario', file, '--policy', 'static', '--seed', '4', '--seeds', '3', '--json').out);
    const per = [4, 5, 6].map(one);
    const avg = (f: (r: any) => number) => per.reduce((s, r) => s + f(r), 0) / 3;
    expect(mean.visitors).toBeCloseTo(avg((r) => r.visitors), 3);
    expect(mean.waitMin.p90).toBeCloseTo(avg((r) => r.waitMin.p90), 3);
    expect(mean.services.land.mean).toBeCloseTo(avg((r) => r.services.land.mean), 3);
    expect(mean).toMatchObject({ seeds: 3, seed: 4 });
  });

  it('without --json: a table per scenario on stdout', () => {
    const r = cli('--scenario', scenarioFile('rural-office'), '--policy', 'pooled', '--policy', 'static');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^rural-office: waits in minutes, seed 1\n/);
    expect(r.out).toMatch(/\npooled +\d/);
    expect(r.out.indexOf('\npooled')).toBeLessThan(r.out.indexOf('\nstatic'));
  });

  it.each([
    [['--scenario'], '--scenario needs a scenario file, e.g. --scenario ../shared/scenarios/city-mfc.json'],
    [['--policy', 'smart', '--scenario', 'x.json'], '--policy: unknown policy "smart"; available: static, threshold, skills, pooled, adaptive'],
    [['--scenario', 'x.json', '--seeds', '0'], '--seeds: expected a whole number from 1 to 100000, got "0"'],
    [['--scenario', 'x.json', '--seed', '1.5'], '--seed: expected a whole number from 0 to 2147483647, got "1.5"'],
    [['--scenario', 'x.json', '--seed', '-1'], '--seed needs a whole number from 0, e.g. --seed 7'],
    [['--scenario', 'x.json', '--sed', '3'], 'unknown option --sed; options: --scenario, --policy, --seeds, --seed, --json, --help'],
    [['x.json'], 'unexpected argument "x.json"; give the scenario as --scenario FILE'],
    [['--json'], '--scenario FILE is required'],
  ])('usage error %j', (argv, message) => {
    const r = cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe(`simulate: ${message}`);
  });

  it('a scenario with mistakes: exit 1, every problem named', () => {
    const r = cli('--scenario', path.join(import.meta.dirname, 'fixtures', 'bad-scenario.json'));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('bad-scenario.json is not a valid qms-scenario/1 file:');
    expect(r.err).toContain('  counters[1].serves[0]: unknown service "jstice" (did you mean "justice"?)');
  });

  it('as a process: stdout is one JSON array and nothing else, progress on stderr', async () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/src/sim/cli.ts', '--scenario', scenarioFile('rural-office'), '--seeds', '3', '--json'],
      { cwd: root },
    );
    const parsed = JSON.parse(stdout);
    expect(parsed).toHaveLength(POLICIES.length);
    expect(stdout.trimStart().startsWith('[')).toBe(true);
    expect(stderr).toMatch(/rural-office: pooled, 3 seeds from 1/);
  });
});
