/** npm run advise: the advice as JSON or tables, the advised day written as a scenario file, actionable errors. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAdvise } from '../../server/src/cli/advise.js';
import { parseScenario } from '../../server/src/sim/scenario.js';
import { scenarioFile } from '../sim/helpers.js';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = runAdvise(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('npm run advise', () => {
  it('--json prints one qms-advice/1 object; --out writes the advised day, which parses as a scenario', () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'advise-')), 'advised.json');
    const r = cli('--scenario', scenarioFile('rural-office'), '--seeds', '3', '--json', '--out', out, '--budget', '600');
    expect(r.code).toBe(0);
    const advice = JSON.parse(r.out);
    expect(advice.format).toBe('qms-advice/1');
    expect(advice.maxNewSkills).toBe(1);
    expect(advice.steps.length).toBeGreaterThan(0);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written).toEqual(advice.advised);
    expect(parseScenario(written, out).counters.some((c) => c.canServe.length > 4)).toBe(true);
    expect(r.err).toMatch(/advised day written to/);
  }, 120_000);

  it('the tables say before → after, each step and why, and need against plan per hour', () => {
    const r = cli('--scenario', scenarioFile('rural-office'), '--seeds', '2', '--max-new-skills', '1', '--budget', '600');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/the plan as it is\s+\d+\.\d %/);
    expect(r.out).toMatch(/the advised plan/);
    expect(r.out).toMatch(/1\. counter \d+ learns \w+: .* → .* within target/);
    expect(r.out).toMatch(/why: /);
    expect(r.out).toMatch(/08:00 {2}need +\d+ {2}planned/);
  }, 120_000);

  it.each([
    [[], /--scenario FILE is required/],
    [['--scenario'], /--scenario needs a value/],
    [['--scenario', 'x.json', '--max-new-skills', 'two'], /--max-new-skills: expected a whole number from 0 to 50, got "two"/],
    [['--scenario', 'x.json', '--seeds', '0'], /--seeds: expected a whole number from 1 to 100/],
    [['--scenario', 'x.json', '--budegt', '5'], /unknown option --budegt/],
    [['--scenario', 'x.json', 'extra'], /unexpected argument/],
  ])('usage error %j: exit 2 with a message', (argv, message) => {
    const r = cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('a missing or invalid scenario: exit 1 naming the file and the problem', () => {
    expect(cli('--scenario', '/nonexistent/day.json').err).toMatch(/cannot read scenario file \/nonexistent\/day.json: no such file/);
    const bad = cli('--scenario', path.resolve('test/sim/fixtures/bad-scenario.json'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/is not a valid qms-scenario\/1 file/);
  });
});
