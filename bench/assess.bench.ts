/*
 * assess() throughput at each level of detail, against raw json-rules-engine `engine.run` over the
 * same rule files, and against the compiled rules alone (the library's reference for the cost of
 * the decisions themselves). Cases: the bundled scenario cases, each also on three other sets of
 * dates (bench/cases.ts variedCases: ages, windows and versions in force vary, not only ids).
 * Contenders run interleaved, in a rotating order, for a fixed time each per round; the result
 * is the median of the rounds, and the ratios are taken within each round (the machines have
 * slow phases of several seconds).
 *
 * - assess: the built library (dist/), from the raw case to the result, one thread, at the
 *   default detail (`standard`), at `decisions` and at `full`.
 * - json-rules-engine: `engine.run(facts)` for each (person × concern) of each case, on an
 *   Engine loaded with every duty limb in force on the case's knowledge date and every named
 *   condition via setCondition (the library's createEngine), facts from the library's
 *   caseFacts (derived beforehand, not timed).
 * - compiled rules: the library's compiled conditions over the versions in the knowledge window
 *   (`statusOnFacts`, what decision records replay with), facts derived beforehand (not timed):
 *   statuses and modalities only, no validation, no explanation. It replaces the hand-written
 *   decider of version 0.1 (a second copy of the law, issue 11); it must agree with assess() on
 *   every duty of every case before it is timed.
 * Also measured: the phases of assess (validation, derivation, each level, serialising). The
 * phases run from the sources through tsx, which wraps every named function with a helper: they
 * show where the time goes, not what the built library does (the contenders above are dist/).
 *
 * Run: npm run bench (or tsx bench/assess.bench.ts after npm run build).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine } from 'json-rules-engine';
import { assessValidated, decideValidated, defaultCompiled, deriveValid, validateCase } from '../src/assessment/assess.js';
import { statusOnFacts } from '../src/assessment/duties.js';
import { versionsInWindow } from '../src/rules/compiled.js';
import { DUTY_IDS } from '../src/case/vocabulary.js';
import type { DerivedCase } from '../src/case/derive.js';
import { decisionsJson } from '../src/cli/compact.js';
import { RecordBytes } from '../src/cli/record-bytes.js';
import { median, note, report, ROOT, variedCases } from './cases.js';
import type { Assessment, CompactAssessment } from '../src/index.js';

// The built library (dist/, as users get it), typed by its sources (dist/ may not exist when
// the typecheck runs).
const DIST = process.env.BENCH_DIST ?? path.join(ROOT, 'dist');
const { assess, referenceTexts } = (await import(pathToFileURL(path.join(DIST, 'index.js')).href)) as typeof import('../src/index.js');
const { caseFacts, createEngine } = (await import(
  pathToFileURL(path.join(DIST, 'json-rules-engine.js')).href
)) as typeof import('../src/json-rules-engine.js');

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 700);
const TODAY = '2026-11-30';

const cases = variedCases();
const prepared = cases.map((c) => {
  const v = validateCase(c.input, { today: TODAY });
  if (!v.success) throw new Error(`${c.name}: ${v.error.message}`);
  const derived = deriveValid(v);
  return { ...c, v, derived, knowledgeDate: v.knowledgeDate, facts: caseFacts(c.input, { today: TODAY }) };
});

/** The compiled rules alone: every duty's status and modality per person at risk. */
const compiled = defaultCompiled();
function decideCompiled(derived: DerivedCase): { duty: string; person: string; status: string; modality: string }[] {
  const out: { duty: string; person: string; status: string; modality: string }[] = [];
  const { knowledgeDate, assessmentDate } = derived.dates;
  for (const [person, concerns] of derived.byPerson) {
    const facts = concerns.map((cf) => cf.facts);
    // The facts on later dates too (a version that binds later; an ongoing act), as assess() looks at them.
    const dated = concerns.map((cf) => cf.dated);
    for (const id of DUTY_IDS) {
      const r = compiled.rules.get(id);
      if (!r) continue;
      const { status, modality } = statusOnFacts(
        versionsInWindow(r, knowledgeDate, assessmentDate),
        facts,
        (r.versions[0]?.limbs[0]?.modality ?? 'must') as 'must' | 'may',
        dated,
      );
      out.push({ duty: id, person, status, modality });
    }
  }
  return out;
}

// The reference must make the same decisions as assess() before it is timed.
let disagreements = 0;
for (const p of prepared) {
  const a = assess(p.input, { today: TODAY, detail: 'decisions' });
  const h = decideCompiled(p.derived);
  for (const d of a.duties) {
    const x = h.find((y) => y.duty === d.duty && y.person === d.person);
    if (!x || x.status !== d.status || x.modality !== d.modality) {
      disagreements++;
      note(
        `compiled rules disagree on ${p.name}: ${d.duty}/${d.person} assess=${d.status}/${d.modality} compiled=${x?.status}/${x?.modality}`,
      );
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
type Prepared = (typeof prepared)[number];

function timedSync(ms: number, one: (p: Prepared) => void): number {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    for (let i = 0; i < prepared.length; i++) one(prepared[i] as Prepared);
    n += prepared.length;
    t = performance.now();
  }
  return (n / (t - t0)) * 1000;
}

let sink = 0;
const contenders: Contender[] = [
  { name: 'assess', run: (ms) => timedSync(ms, (p) => (sink += assess(p.input, { today: TODAY }).duties.length)) },
  {
    name: 'assess decisions',
    run: (ms) => timedSync(ms, (p) => (sink += assess(p.input, { today: TODAY, detail: 'decisions' }).duties.length)),
  },
  { name: 'assess full', run: (ms) => timedSync(ms, (p) => (sink += assess(p.input, { today: TODAY, detail: 'full' }).duties.length)) },
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
  { name: 'compiled rules', run: (ms) => timedSync(ms, (p) => (sink += decideCompiled(p.derived).length)) },
];

// Phases of assess (informational, from the sources): where the time goes.
const phases: Contender[] = [
  { name: 'validate (zod + dates)', run: (ms) => timedSync(ms, (p) => (sink += validateCase(p.input, { today: TODAY }).success ? 1 : 0)) },
  { name: 'derive facts', run: (ms) => timedSync(ms, (p) => (sink += deriveValid(p.v).byPerson.size)) },
  {
    name: 'decisions after validation (decideValidated: derive + decide + overlaps)',
    run: (ms) => timedSync(ms, (p) => (sink += decideValidated(p.v).duties.length)),
  },
  {
    name: 'standard after validation (assessValidated: derive + duties + overlaps + guidance + questions)',
    run: (ms) => timedSync(ms, (p) => (sink += assessValidated(p.v, compiled, 'standard').duties.length)),
  },
  {
    name: 'full after validation (assessValidated)',
    run: (ms) => timedSync(ms, (p) => (sink += assessValidated(p.v, compiled, 'full').duties.length)),
  },
];
// The outputs the serialisers are timed on: built only after the contenders' rounds, so that the
// contenders run in a process that does not hold 928 full and standard assessments (a heap that
// large slowed assess() itself by about a third: the garbage collector marks it all).
let full: Assessment[] = [];
let standard: Assessment[] = [];
let decisions: CompactAssessment[] = [];
function buildOutputs(): void {
  full = prepared.map((p) => assess(p.input, { today: TODAY, detail: 'full' }));
  standard = prepared.map((p) => assess(p.input, { today: TODAY }));
  decisions = prepared.map((p) => assess(p.input, { today: TODAY, detail: 'decisions' }));
}
// One writer for every round, as one batch run keeps one (its kept bytes warm after the first records).
const fullBytes = new RecordBytes();
const serialise: Contender[] = [
  {
    name: 'JSON.stringify(full)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => (sink += JSON.stringify(full[i++ % full.length] as Assessment).length));
    },
  },
  {
    name: 'Buffer.from(JSON.stringify(full)) (the UTF-8 bytes of the full JSON)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => (sink += Buffer.from(JSON.stringify(full[i++ % full.length] as Assessment)).length));
    },
  },
  {
    name: 'RecordBytes.addJson(full) (the same bytes, as batch --full writes them)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => {
        fullBytes.addJson('{"line":1,', full[i++ % full.length] as Assessment);
        if (fullBytes.bytes > 1 << 19) sink += fullBytes.take().length;
      });
    },
  },
  {
    name: 'JSON.stringify(referenceTexts(full)) (as --referenced writes it)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => (sink += JSON.stringify(referenceTexts(full[i++ % full.length] as Assessment)).length));
    },
  },
  {
    name: 'JSON.stringify(standard)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => (sink += JSON.stringify(standard[i++ % standard.length] as Assessment).length));
    },
  },
  {
    name: 'decisionsJson(decisions) (as batch, assess and serve write it)',
    run: (ms) => {
      let i = 0;
      return timedSync(ms, () => (sink += decisionsJson(decisions[i++ % decisions.length] as CompactAssessment).length));
    },
  },
];

async function main() {
  note(
    `assess.bench: ${prepared.length} cases (scenarios on 4 sets of dates), ${ROUNDS} rounds × ${SLICE_MS} ms per contender; compiled-rules disagreements: ${disagreements}`,
  );
  // Warm up every contender (JIT, caches).
  for (const c of [...contenders, ...phases]) await c.run(300);
  const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  const ratiosJre: number[] = [];
  const ratiosRef: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const order = contenders.map((_, i) => contenders[(i + r) % contenders.length] as Contender);
    const round = new Map<string, number>();
    for (const c of order) round.set(c.name, await c.run(SLICE_MS));
    for (const [k, v] of round) rates.get(k)?.push(v);
    ratiosJre.push((round.get('assess') as number) / (round.get('json-rules-engine') as number));
    ratiosRef.push((round.get('compiled rules') as number) / (round.get('assess') as number));
    note(`  round ${r + 1}: ${[...round].map(([k, v]) => `${k} ${Math.round(v)}/s`).join(', ')}`);
  }
  const phaseRates: Record<string, number> = {};
  const measure = async (list: readonly Contender[]) => {
    for (const c of list) {
      const xs: number[] = [];
      for (let r = 0; r < 3; r++) xs.push(await c.run(SLICE_MS));
      phaseRates[c.name] = Math.round(median(xs));
    }
  };
  await measure(phases);
  // Only now the outputs the serialisers need (see buildOutputs).
  buildOutputs();
  for (const c of serialise) await c.run(300);
  await measure(serialise);
  report({
    bench: 'assess',
    cases: prepared.length,
    rounds: ROUNDS,
    sliceMs: SLICE_MS,
    disagreements,
    medians: Object.fromEntries([...rates].map(([k, v]) => [k, Math.round(median(v))])),
    ratioAssessOverJre: Number(median(ratiosJre).toFixed(2)),
    ratioReferenceOverAssess: Number(median(ratiosRef).toFixed(1)),
    phases: phaseRates,
    bytes: {
      fullMedian: median(full.map((a) => JSON.stringify(a).length)),
      referencedMedian: median(full.map((a) => JSON.stringify(referenceTexts(a)).length)),
      standardMedian: median(standard.map((a) => JSON.stringify(a).length)),
      decisionsMedian: median(decisions.map((a) => decisionsJson(a).length)),
    },
    sink: sink > 0,
  });
}

await main();
