/*
 * Cold start: wall time of `node dist/cli.js assess examples/mitchells-plain.json` (a fresh
 * process each time, 20 runs, median), interleaved with `node -e 0` as the reference measured in
 * the same run (the machines have slow phases). Also `--version` (start-up without an assessment)
 * and the library import alone, to show where the time goes.
 *
 * Run: npm run bench (or tsx bench/coldstart.bench.ts after npm run build).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, note, report, ROOT } from './cases.js';

const RUNS = Number(process.env.BENCH_COLDSTART_RUNS ?? 20);
const CLI = path.join(ROOT, 'dist', 'cli.js');

const commands: Record<string, string[]> = {
  'node -e 0 (reference)': ['-e', '0'],
  'za-duties --version': [CLI, '--version'],
  'import dist/index.js': ['--input-type=module', '-e', `import(${JSON.stringify(path.join(ROOT, 'dist', 'index.js'))})`],
  'za-duties assess examples/mitchells-plain.json': [CLI, 'assess', path.join(ROOT, 'examples', 'mitchells-plain.json')],
};

function once(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
for (const args of Object.values(commands)) once(args); // warm the file cache
const times = new Map<string, number[]>(Object.keys(commands).map((k) => [k, []]));
for (let r = 0; r < RUNS; r++) {
  for (const [name, args] of Object.entries(commands)) times.get(name)?.push(once(args));
}
const medians = Object.fromEntries([...times].map(([k, v]) => [k, Math.round(median(v))]));
note(`coldstart.bench: ${RUNS} interleaved runs: ${JSON.stringify(medians)}`);
report({
  bench: 'coldstart',
  runs: RUNS,
  medianMs: medians,
  minMs: Object.fromEntries([...times].map(([k, v]) => [k, Math.round(Math.min(...v))])),
});
