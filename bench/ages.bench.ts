/*
 * Per-call cost of the age arithmetic: plain-date src/case/ages.ts against the date-fns version it
 * replaced (bench/ages-datefns.ts), with and without that version's string memo, in the same run.
 *
 * Two workloads of (date of birth, date) pairs, 1900-2100 with 29 February over-represented:
 * - "repeated": 2,000 distinct pairs cycled (like a batch of similar cases: the memo hits);
 * - "distinct": 200,000 distinct pairs (a large batch: the memo misses and is cleared).
 * Contenders run interleaved in a rotating order for a fixed time per round; medians of rounds,
 * in nanoseconds per call. Before timing, every contender must give the same ages on every pair.
 *
 * Run: tsx bench/ages.bench.ts (or npm run bench).
 */
import { ageOn, birthWindow } from '../src/case/ages.js';
import { ageOnDateFns, ageOnDateFnsMemo, birthWindowDateFns } from './ages-datefns.js';
import { median, note, report } from './cases.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const SLICE_MS = Number(process.env.BENCH_SLICE_MS ?? 400);

// A small deterministic generator (no Math.random: the same pairs every run).
let seed = 0x2f6b_3c1d;
function rand(n: number): number {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed % n;
}
const DAY_MS = 86_400_000;
const FIRST = Date.UTC(1900, 0, 1) / DAY_MS;
const LAST = Date.UTC(2100, 11, 31) / DAY_MS;
function randomDay(): string {
  if (rand(10) === 0) {
    const y = 1900 + rand(201);
    return new Date(Date.UTC(y, 1, 28 + rand(2))).toISOString().slice(0, 10);
  }
  return new Date((FIRST + rand(LAST - FIRST + 1)) * DAY_MS).toISOString().slice(0, 10);
}
function pairs(n: number): { births: string[]; ons: string[] } {
  const births: string[] = [];
  const ons: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = randomDay();
    const b = randomDay();
    births.push(a < b ? a : b);
    ons.push(a < b ? b : a);
  }
  return { births, ons };
}
const workloads = { repeated: pairs(2_000), distinct: pairs(200_000) };

let disagreements = 0;
for (const w of Object.values(workloads)) {
  for (let i = 0; i < w.births.length; i++) {
    const b = w.births[i] as string;
    const o = w.ons[i] as string;
    const x = ageOn(b, o);
    if (x !== ageOnDateFns(b, o) || x !== ageOnDateFnsMemo(b, o)) disagreements++;
  }
}
for (let i = 0; i < 20_000; i++) {
  const ref = workloads.distinct.ons[i] as string;
  const min = rand(90);
  const max = min + rand(5);
  const a = birthWindow({ ageRange: { min, max } }, ref);
  const b = birthWindowDateFns(min, max, ref);
  if (a?.earliest !== b.earliest || a.latest !== b.latest) disagreements++;
}

let sink = 0;
type Contender = { name: string; run: (ms: number) => number };
function timed(ms: number, w: { births: string[]; ons: string[] }, one: (b: string, o: string) => number): number {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  const len = w.births.length;
  while (t - t0 < ms) {
    for (let i = 0; i < len; i++) sink += one(w.births[i] as string, w.ons[i] as string);
    n += len;
    t = performance.now();
  }
  return ((t - t0) * 1e6) / n; // ns per call
}
// The new arithmetic behind the same string memo: does a memo still pay?
const memo = new Map<string, number>();
function ageOnMemo(birth: string, on: string): number {
  const key = birth + on;
  let a = memo.get(key);
  if (a === undefined) {
    a = ageOn(birth, on);
    if (memo.size >= 50_000) memo.clear();
    memo.set(key, a);
  }
  return a;
}
const contenders: Contender[] = [];
for (const [wname, w] of Object.entries(workloads)) {
  contenders.push(
    { name: `ageOn, ${wname}: plain dates (new)`, run: (ms) => timed(ms, w, ageOn) },
    { name: `ageOn, ${wname}: plain dates + string memo`, run: (ms) => timed(ms, w, ageOnMemo) },
    { name: `ageOn, ${wname}: date-fns, no memo`, run: (ms) => timed(ms, w, ageOnDateFns) },
    { name: `ageOn, ${wname}: date-fns + string memo (0.1.0)`, run: (ms) => timed(ms, w, ageOnDateFnsMemo) },
  );
}
const refs = workloads.distinct;
contenders.push(
  {
    name: 'birthWindow(ageRange), distinct: plain dates (new)',
    run: (ms) => timed(ms, refs, (_b, o) => birthWindow({ ageRange: { min: 12, max: 15 } }, o)?.earliest.length ?? 0),
  },
  {
    name: 'birthWindow(ageRange), distinct: date-fns, no memo',
    run: (ms) => timed(ms, refs, (_b, o) => birthWindowDateFns(12, 15, o).earliest.length),
  },
);

note(
  `ages.bench: ${contenders.length} contenders, ${ROUNDS} rounds × ${SLICE_MS} ms; disagreements between implementations: ${disagreements}`,
);
for (const c of contenders) c.run(200);
const rates = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
const ratios = new Map<string, number[]>();
for (let r = 0; r < ROUNDS; r++) {
  const round = new Map<string, number>();
  for (let i = 0; i < contenders.length; i++) {
    const c = contenders[(i + r) % contenders.length] as Contender;
    round.set(c.name, c.run(SLICE_MS));
  }
  for (const [k, v] of round) rates.get(k)?.push(v);
  // Within-round ratios: each date-fns contender over the new one of the same workload.
  for (const [k, v] of round) {
    const base = k.replace(/: .*$/, ': plain dates (new)');
    if (base === k) continue;
    const list = ratios.get(k) ?? [];
    list.push(v / (round.get(base) as number));
    ratios.set(k, list);
  }
}
const nsPerCall = Object.fromEntries([...rates].map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
const slowerThanNew = Object.fromEntries([...ratios].map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
note(JSON.stringify({ nsPerCall, slowerThanNew }, null, 2));
report({
  rounds: ROUNDS,
  sliceMs: SLICE_MS,
  disagreements,
  tz: process.env.TZ ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  nsPerCall,
  slowerThanNew,
  sink: sink > 0,
});
