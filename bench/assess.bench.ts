/*
 * assess() throughput on the bundled scenario cases, against raw json-rules-engine `engine.run`
 * over the same rule files, and against a hand-written function for the same decisions.
 * Contenders run interleaved, in a rotating order, for a fixed time each per round; the result
 * is the median of the rounds, and the assess/json-rules-engine ratio is taken within each round
 * (the machines have slow phases of several seconds).
 *
 * - assess: the built library (dist/), from the raw case to the full Assessment, one thread.
 * - json-rules-engine: `engine.run(facts)` for each (person × concern) of each case, on an
 *   Engine loaded with every duty limb in force on the case's knowledge date and every named
 *   condition via setCondition (the library's createEngine), facts from the library's
 *   deriveCase (derived beforehand, not timed).
 * - hand-written: bench/handwritten.ts over the same derived facts (not timed).
 * Also measured: the phases of assess (validation, derivation, duties+guidance, serialising).
 *
 * Run: npm run bench (or tsx bench/assess.bench.ts after npm run build).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from 'json-rules-engine';
import { assessValidated, deriveValid, validateCase } from '../src/assessment/assess.js';
import { compactAssessment, compactJson } from '../src/cli/compact.js';
import { median, note, report, ROOT, scenarioCases } from './cases.js';
import { decideByHand } from './handwritten.js';

// The built library (dist/, as users get it), typed by its sources (dist/ may not exist when
// the typecheck runs).
const { assess } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href)) as typeof import('../src/index.js');
const { caseFacts, createEngine } = (await import(pathToFileURL(path.join(ROOT, 'dist', 'json-rules-engine.js')).href)) as typeof import('../src/json-rules-engine.js');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 700);

const cases = scenarioCases();
const prepared = cases.map((c) => {
  const v = validateCase(c.input);
  if (!v.success) throw new Error(`${c.name}: ${v.error.message}`);
  const derived = deriveValid(v);
  return { ...c, v, derived, knowledgeDate: v.knowledgeDate, facts: caseFacts(c.input) };
});

// The hand-written decider must make the same decisions as assess() before it is timed.
let disagreements = 0;
for (const p of prepared) {
  const a = assess(p.input);
  const h = decideByHand(p.knowledgeDate, p.derived.byPerson);
  for (const d of a.duties) {
    const x = h.find((y) => y.duty === d.duty && y.person === d.person);
    if (!x || x.status !== d.status || x.modality !== d.modality) {
      disagreements++;
      note(`hand-written disagrees on ${p.name}: ${d.duty}/${d.person} assess=${d.status}/${d.modality} hand=${x?.status}/${x?.modality}`);
    }
  }
}

const engines = new Map<string, Engine>();
const engineFor = (date: string) => {
  let e = engines.get(date);
  if (!e) {
    e = createEngine({ lawAsAt: date });
    engines.set(date, e);
  }
  return e;
};

type Contender = { name: string; run: (ms: number) => Promise<number> | number };

function timedSync(ms: number, one: (i: number) => void): number {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < prepared.length; i++) one(i);
    n += prepared.length;
    t = performance.now();
  }
  return (n / (t - t0)) * 1000;
}

let sink = 0;
const contenders: Contender[] = [
  { name: 'assess', run: (ms) => timedSync(ms, (i) => (sink += assess((prepared[i] as (typeof prepared)[number]).input).duties.length)) },
  {
    name: 'json-rules-engine',
    run: async (ms) => {
      let n = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < ms) {
        for (const p of prepared) {
          const e = engineFor(p.knowledgeDate);
          for (const cf of p.facts) sink += (await e.run(cf.facts as Record<string, unknown>)).events.length;
        }
        n += prepared.length;
        t = performance.now();
      }
      return (n / (t - t0)) * 1000;
    },
  },
  { name: 'hand-written', run: (ms) => timedSync(ms, (i) => (sink += decideByHand((prepared[i] as (typeof prepared)[number]).knowledgeDate, (prepared[i] as (typeof prepared)[number]).derived.byPerson).length)) },
];

// Phases of assess (informational, from the sources): where the time goes.
const phases: Contender[] = [
  { name: 'validate (zod + dates)', run: (ms) => timedSync(ms, (i) => (sink += validateCase((prepared[i] as (typeof prepared)[number]).input).success ? 1 : 0)) },
  {
    name: 'derive facts',
    run: (ms) =>
      timedSync(ms, (i) => {
        const p = prepared[i] as (typeof prepared)[number];
        sink += deriveValid(p.v).byPerson.size;
      }),
  },
  {
    name: 'assessValidated (derive + duties + overlaps + guidance + questions)',
    run: (ms) =>
      timedSync(ms, (i) => {
        const p = prepared[i] as (typeof prepared)[number];
        sink += assessValidated(p.v).duties.length;
      }),
  },
];
const assessed = prepared.map((p) => assess(p.input));
const serialise: Contender[] = [
  { name: 'JSON.stringify(full assessment)', run: (ms) => timedSync(ms, (i) => (sink += JSON.stringify(assessed[i]).length)) },
  { name: 'JSON.stringify(compact assessment) incl. shaping', run: (ms) => timedSync(ms, (i) => (sink += JSON.stringify(compactAssessment(assessed[i] as (typeof assessed)[number])).length)) },
  { name: 'compactJson (the same text, as batch, assess and serve write it)', run: (ms) => timedSync(ms, (i) => (sink += compactJson(assessed[i] as (typeof assessed)[number]).length)) },
];

async function main() {
  note(`assess.bench: ${prepared.length} scenario cases, ${ROUNDS} rounds × ${SLICE_MS} ms per contender; hand-written disagreements: ${disagreements}`);
  // Warm up every contender (JIT, caches).
  for (const c of [...contenders, ...phases, ...serialise]) await c.run(300);
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const ratiosJre: number[] = [];
  const ratiosHand: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length] as Contender);
    const round = new Map<string, number>();
    for (const c of order) round.set(c.name, await c.run(SLICE_MS));
    for (const [k, v] of round) rates.get(k)?.push(v);
    ratiosJre.push((round.get('assess') as number) / (round.get('json-rules-engine') as number));
    ratiosHand.push((round.get('hand-written') as number) / (round.get('assess') as number));
    note(`  round ${r + 1}: ${[...round].map(([k, v]) => `${k} ${Math.round(v)}/s`).join(', ')}`);
  }
  const phaseRates: Record<string, number> = {};
  for (const c of [...phases, ...serialise]) {
    const xs: number[] = [];
    for (let r = 0; r < 3; r++) xs.push(await c.run(SLICE_MS));
    phaseRates[c.name] = Math.round(median(xs));
  }
  const sizes = assessed.map((a) => JSON.stringify(a).length);
  const compactSizes = assessed.map((a) => JSON.stringify(compactAssessment(a)).length);
  report({
    bench: 'assess',
    cases: prepared.length,
    rounds: ROUNDS,
    sliceMs: SLICE_MS,
    disagreements,
    medians: Object.fromEntries([...rates].map(([k, v]) => [k, Math.round(median(v))])),
    ratioAssessOverJre: Number(median(ratiosJre).toFixed(2)),
    ratioHandOverAssess: Number(median(ratiosHand).toFixed(1)),
    phases: phaseRates,
    bytes: { fullMedian: median(sizes), compactMedian: median(compactSizes) },
    sink: sink > 0,
  });
}

await main();
