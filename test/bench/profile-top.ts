/**
 * npx tsx test/bench/profile-top.ts FILE.cpuprofile [N]
 *
 * The hot spots of a V8 CPU profile (one written by a server under BENCH_CPU_PROF): the N
 * functions with the most self time, and the N with the most total time (self plus callees,
 * each function counted once per sample however deep it recurses).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from '../crash/server-process.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx test/bench/profile-top.ts FILE.cpuprofile [N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const name = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\//, '');
  const where = url ? `${url.startsWith('/') ? relative(ROOT, url) : url}:${n.callFrame.lineNumber + 1}` : '';
  return `${n.callFrame.functionName || '(anonymous)'} ${where}`.trim();
};

const self = new Map<string, number>();
const total = new Map<string, number>();
let all = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  all += dt;
  const leaf = byId.get(id)!;
  self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let n: Node | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
    const key = name(n);
    if (seen.has(key)) continue;
    seen.add(key);
    total.set(key, (total.get(key) ?? 0) + dt);
  }
});

const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (of ${(all / 1e6).toFixed(2)} s sampled)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    console.log(`${(v / 1e3).toFixed(0).padStart(8)} ms ${((100 * v) / all).toFixed(1).padStart(5)} %  ${k}`);
  }
};
print('Self time', self);
print('Total time', total);
