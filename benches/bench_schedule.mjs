// Benchmark: evaluate N generated children with the JS schedule engine; print µs per child.
// Run: node benches/bench_schedule.mjs [N]   (the Python twin is benches/bench_schedule.py: same generator, same children)
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { evaluate } from '../pwa/src/lib/schedule.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'webapp', 'data', 'schedule');
const data = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

const ROUTINE = [['HepB', 0], ['BCG', 0], ['HepB', 30], ['IPV', 61], ['IPV', 92], ['DTaP', 92], ['bOPV', 122],
  ['DTaP', 122], ['DTaP', 153], ['HepB', 183], ['MPSV-A', 183], ['MMR', 244], ['JE-L', 244],
  ['MPSV-A', 275], ['DTaP', 548], ['MMR', 548], ['HepA-L', 548], ['JE-L', 731], ['MPSV-AC', 1096],
  ['bOPV', 1461], ['DT', 2192], ['MPSV-AC', 2192]];
const DAY = 86400000;
const EPOCH = Date.UTC(2008, 0, 1) / DAY;
const LAST = Date.UTC(2026, 11, 31) / DAY;
const iso = (day) => new Date(day * DAY).toISOString().slice(0, 10);

function* lcg(seed) {
  let state = BigInt(seed);
  for (;;) {
    state = (state * 1103515245n + 12345n) % 2147483648n;
    yield Number(state);
  }
}

function children(n, seed = 20261123) {
  const rand = lcg(seed);
  const next = () => rand.next().value;
  const out = [];
  for (let i = 0; i < n; i += 1) {
    const birth = EPOCH + (next() % 6900);
    const on = Math.min(birth + (next() % 7000), LAST);
    const doses = [];
    for (const [vaccine, age] of ROUTINE) {
      const keep = next() % 10;
      const late = next() % 60;
      const day = birth + age + late;
      if (keep && day <= on) doses.push({ vaccine, date: iso(day) });
    }
    out.push({ birth_date: iso(birth), on_date: iso(on), doses });
  }
  return out;
}

const n = Number(process.argv[2] || 100000);
const kids = children(n);
let start = performance.now();
const copies = kids.map((k) => ({ birth_date: k.birth_date, on_date: k.on_date, doses: k.doses.map((d) => ({ ...d })) }));
const baseline = ((performance.now() - start) / n) * 1000;
start = performance.now();
let missing = 0;
for (const kid of copies) missing += evaluate(data, kid).missing.length;
const perChild = ((performance.now() - start) / n) * 1000;
console.log(`node schedule.evaluate: ${n} children, ${perChild.toFixed(1)} µs/child; baseline copy ${baseline.toFixed(2)} µs/child; `
  + `ratio ${(perChild / baseline).toFixed(0)}×; missing doses ${missing}`);
