/*
 * Same output, two builds: runs every fixture case (bad input included), every example, the
 * bench's date-varied cases and random cases from the test arbitraries (raw and completed) through
 * two built copies of the library and compares the JSON text of every output: assess/safeAssess at
 * each level of detail in both modes, explain() of every duty and person, decision records, the
 * text format (from each copy's sources), the compact JSON writers, and `za-duties batch` end to
 * end (compact and --full; the new build also with `--jobs 2` and `--jobs 3`, where it has them).
 * A speed change must leave all of it byte for byte as it was.
 *
 * Run: BASE_ROOT=/path/to/a/checkout/of/main/with/dist tsx bench/same-output.ts [random-count]
 * (NEW_ROOT defaults to this checkout; both need `npm run build` first).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { caseArb, complete, seeded } from '../test/helpers/arbitraries.js';
import { note, ROOT, variedCases } from './cases.js';

type Lib = typeof import('../src/index.js');
type Text = typeof import('../src/cli/text.js');
type CompactMod = typeof import('../src/cli/compact.js');

const BASE_ROOT = process.env.BASE_ROOT;
if (!BASE_ROOT) throw new Error('set BASE_ROOT to a checkout of the reference build (with dist/)');
const NEW_ROOT = process.env.NEW_ROOT ?? ROOT;
const RANDOM = Number(process.argv[2] ?? 1500);
const TODAY = '2026-11-28';

async function load(root: string): Promise<{ lib: Lib; text: Text; compact: CompactMod; cli: string }> {
  const lib = (await import(pathToFileURL(path.join(root, 'dist/index.js')).href)) as Lib;
  const text = (await import(pathToFileURL(path.join(root, 'src/cli/text.ts')).href)) as Text;
  const compact = (await import(pathToFileURL(path.join(root, 'src/cli/compact.ts')).href)) as CompactMod;
  return { lib, text, compact, cli: path.join(root, 'dist/cli.js') };
}

const base = await load(BASE_ROOT);
const next = await load(NEW_ROOT);

// The cases.
const inputs: { name: string; input: unknown }[] = [];
for (const f of fs
  .readdirSync(path.join(ROOT, 'fixtures'))
  .filter((x) => x.endsWith('.json'))
  .sort()) {
  const list = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', f), 'utf8')) as { name: string; case: unknown }[];
  for (const s of list) inputs.push({ name: `${f}: ${s.name}`, input: s.case });
}
for (const f of fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((x) => x.endsWith('.json'))
  .sort())
  inputs.push({ name: `examples/${f}`, input: JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')) as unknown });
const scenarios = inputs.length;
for (const c of variedCases()) inputs.push({ name: `varied ${c.name}`, input: c.input });
const random = fc.sample(caseArb, { seed: 20261130, numRuns: RANDOM });
random.forEach((c, i) => inputs.push({ name: `random ${i}`, input: c }));
random.slice(0, Math.ceil(RANDOM / 3)).forEach((c, i) => inputs.push({ name: `completed ${i}`, input: complete(c, seeded(i + 1)) }));

let outputs = 0;
let differences = 0;
function same(name: string, what: string, a: () => unknown, b: () => unknown): void {
  const run = (f: () => unknown) => {
    try {
      const v = f();
      return typeof v === 'string' ? v : JSON.stringify(v);
    } catch (e) {
      return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
    }
  };
  const x = run(a);
  const y = run(b);
  outputs++;
  if (x !== y) {
    differences++;
    if (differences <= 10) note(`DIFFERENT ${name} / ${what}\n  base: ${x.slice(0, 300)}\n  new:  ${y.slice(0, 300)}`);
  }
}

const t0 = performance.now();
for (const { name, input } of inputs) {
  for (const presumptions of [true, false]) {
    const o = { today: TODAY, presumptions };
    same(
      name,
      `decisions ${presumptions}`,
      () => base.lib.safeAssess(input as never, { ...o, detail: 'decisions' }),
      () => next.lib.safeAssess(input as never, { ...o, detail: 'decisions' }),
    );
    for (const detail of ['standard', 'full'] as const) {
      const ra = base.lib.safeAssess(input as never, { ...o, detail });
      const rb = next.lib.safeAssess(input as never, { ...o, detail });
      same(
        name,
        `${detail} ${presumptions}`,
        () => ra,
        () => rb,
      );
      if (ra.success && rb.success) {
        same(
          name,
          `text ${detail} ${presumptions}`,
          () => base.text.assessmentText(ra.data, { full: detail === 'full' }),
          () => next.text.assessmentText(rb.data, { full: detail === 'full' }),
        );
        if (detail === 'full') {
          same(
            name,
            `compact ${presumptions}`,
            () => base.compact.decisionsJson(base.compact.compactAssessment(ra.data), 7),
            () => next.compact.decisionsJson(next.compact.compactAssessment(rb.data), 7),
          );
          for (const d of ra.data.duties)
            same(
              name,
              `explain ${d.duty} ${d.person} ${presumptions}`,
              () => base.lib.explain(input as never, d.duty, d.person, o),
              () => next.lib.explain(input as never, d.duty, d.person, o),
            );
        }
      }
    }
    const ca = base.lib.safeAssess(input as never, { ...o, detail: 'decisions' });
    const cb = next.lib.safeAssess(input as never, { ...o, detail: 'decisions' });
    if (ca.success && cb.success)
      same(
        name,
        `decisionsJson ${presumptions}`,
        () => base.compact.decisionsJson(ca.data, 3),
        () => next.compact.decisionsJson(cb.data, 3),
      );
    same(
      name,
      `record ${presumptions}`,
      () => base.lib.decisionRecord(input as never, o),
      () => next.lib.decisionRecord(input as never, o),
    );
  }
}
const inProcessMs = performance.now() - t0;

// za-duties batch end to end, compact and --full, on every case (one line each; a case without a date is assessed today in both).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'same-output-'));
const ndjson = path.join(dir, 'cases.ndjson');
fs.writeFileSync(ndjson, `${inputs.map((c) => JSON.stringify(c.input)).join('\n')}\n`);
// The new build also with worker threads (`--jobs`, where it has them) against the reference's one thread.
const hasJobs = spawnSync(process.execPath, [next.cli, 'batch', '--help'], { encoding: 'utf8' }).stdout.includes('--jobs');
for (const args of [[], ['--full']]) {
  const run = (cli: string, more: string[] = []) => {
    const r = spawnSync(process.execPath, [cli, 'batch', ndjson, ...args, ...more], { maxBuffer: 1 << 30, encoding: 'utf8' });
    return `exit ${r.status}\n${r.stdout}`;
  };
  for (const jobs of hasJobs ? [[], ['--jobs', '2'], ['--jobs', '3']] : [[]])
    same(
      'batch',
      `batch ${[...args, ...jobs].join(' ')}`,
      () => run(base.cli),
      () => run(next.cli, jobs),
    );
}
fs.rmSync(dir, { recursive: true, force: true });

note(
  `${inputs.length} cases (${scenarios} fixture and example cases, ${inputs.length - scenarios - RANDOM - Math.ceil(RANDOM / 3)} date-varied, ${RANDOM} random, ${Math.ceil(RANDOM / 3)} completed): ${outputs} outputs compared, ${differences} different (${Math.round(inProcessMs / 1000)} s in process)`,
);
process.exitCode = differences === 0 ? 0 : 1;
