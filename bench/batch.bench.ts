/*
 * `za-duties batch` end to end over generated NDJSON: 100k and 1M cases (the bundled scenario
 * cases, repeated with fresh ids and every date moved back by 0 to 1,460 days: bench/cases.ts
 * withDatesShifted), written to bench/tmp/ (gitignored). Measures cases per second
 * (wall time of the process) and peak RSS (GNU time's "Maximum resident set size"), and checks
 * that exactly one record per line came out. Output goes through a pipe to this process, which
 * counts lines (so backpressure is real); nothing is kept.
 *
 * Run: npm run bench (or tsx bench/batch.bench.ts after npm run build).
 * BENCH_BATCH_SIZES=100000,1000000 and BENCH_BATCH_RUNS=3 (runs of the smaller sizes; 1M runs once).
 * Also `za-duties batch --full` (every reason, guidance and statute text per line) on the first
 * BENCH_BATCH_FULL=10000 cases and `--referenced` (the same, each text referred to by id) on the
 * first BENCH_BATCH_REFERENCED=50000 (a run about as long as --full's, so that start-up weighs
 * the same), BENCH_BATCH_RUNS runs: lines/s and bytes written per line.
 * Each measurement is made for every BENCH_BATCH_JOBS=1,2 (`--jobs N`: this thread and N - 1
 * worker threads). The compact runs are made once more for BENCH_BATCH_SMALL_YOUNG=2 jobs (empty:
 * none) with node started with `--max-semi-space-size=8`, the setting docs/cli.md gives for a
 * smaller peak with `--jobs` (V8 sizes the reading thread's young generation when the process
 * starts; the CLI cannot set it for itself).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { median, note, report, ROOT, scenarioCases, shiftOf, withDatesShifted } from './cases.js';

const SIZES = (process.env.BENCH_BATCH_SIZES ?? '100000,1000000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const FULL = Number(process.env.BENCH_BATCH_FULL ?? 10_000);
const REFERENCED = Number(process.env.BENCH_BATCH_REFERENCED ?? 50_000);
const TMP = path.join(ROOT, 'bench', 'tmp');
const CLI = process.env.BENCH_CLI ?? path.join(ROOT, 'dist', 'cli.js');
const JOBS = (process.env.BENCH_BATCH_JOBS ?? '1,2').split(',').map(Number);
const SMALL_YOUNG = (process.env.BENCH_BATCH_SMALL_YOUNG ?? '2').split(',').filter(Boolean).map(Number);
const SMALL_YOUNG_FLAG = '--max-semi-space-size=8';

function generate(n: number): string {
  const file = path.join(TMP, `cases-varied-${n}.ndjson`);
  if (fs.existsSync(file) && fs.statSync(file).size > 0) return file;
  fs.mkdirSync(TMP, { recursive: true });
  const cases = scenarioCases().map((c) => c.input);
  const fd = fs.openSync(`${file}.part`, 'w');
  let buf: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = cases[i % cases.length] as Record<string, unknown>;
    buf.push(JSON.stringify({ ...withDatesShifted(c, shiftOf(i)), id: `gen-${i}` }));
    if (buf.length === 10_000) {
      fs.writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length > 0) fs.writeSync(fd, `${buf.join('\n')}\n`);
  fs.closeSync(fd);
  fs.renameSync(`${file}.part`, file);
  return file;
}

function runOnce(
  file: string,
  flags: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): Promise<{ seconds: number; peakRssMb: number; lines: number; bytes: number; exitCode: number | null; summary: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', process.execPath, ...nodeFlags, CLI, 'batch', ...flags, file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let bytes = 0;
    child.stdout.on('data', (c: Buffer) => {
      bytes += c.length;
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      const exit = /Exit status: (\d+)/.exec(err);
      const summary = /za-duties batch: .*/.exec(err)?.[0] ?? '';
      resolve({ seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : NaN, lines, bytes, exitCode: exit ? Number(exit[1]) : code, summary });
    });
  });
}

/** The compact runs of every size, with these jobs and node options: one row per size. */
async function compactRuns(jobs: number, nodeFlags: readonly string[]): Promise<Record<string, unknown>[]> {
  const flags = jobs > 1 ? ['--jobs', String(jobs)] : [];
  const said = nodeFlags.length > 0 ? `, node ${nodeFlags.join(' ')}` : '';
  const rows: Record<string, unknown>[] = [];
  for (const n of SIZES) {
    note(`batch.bench: generating ${n} cases…`);
    const file = generate(n);
    const runs = n >= 1_000_000 ? 1 : RUNS;
    const rates: number[] = [];
    const rss: number[] = [];
    for (let r = 0; r < runs; r++) {
      const x = await runOnce(file, flags, nodeFlags);
      if (x.lines !== n) throw new Error(`expected ${n} output lines, got ${x.lines} (${x.summary})`);
      if (x.exitCode !== 0) throw new Error(`batch exited ${x.exitCode}: ${x.summary}`);
      rates.push(n / x.seconds);
      rss.push(x.peakRssMb);
      note(
        `  ${n}, ${jobs} job(s)${said}: ${Math.round(n / x.seconds)} cases/s, peak RSS ${x.peakRssMb.toFixed(0)} MB (${x.seconds.toFixed(1)} s)`,
      );
    }
    rows.push({
      jobs,
      ...(nodeFlags.length > 0 ? { nodeOptions: nodeFlags.join(' ') } : {}),
      cases: n,
      runs,
      casesPerSecond: Math.round(median(rates)),
      peakRssMb: Math.round(median(rss)),
      maxPeakRssMb: Math.round(Math.max(...rss)),
      inputMb: Math.round(fs.statSync(file).size / 1048576),
    });
  }
  return rows;
}

async function main() {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  const results: Record<string, unknown>[] = [];
  const full: Record<string, unknown>[] = [];
  for (const jobs of JOBS) {
    const flags = jobs > 1 ? ['--jobs', String(jobs)] : [];
    results.push(...(await compactRuns(jobs, [])));
    for (const [kind, n] of [
      ['--full', FULL],
      ['--referenced', REFERENCED],
    ] as const) {
      if (n <= 0) continue;
      const file = generate(n);
      note(`batch.bench: ${kind} on ${n} cases, ${jobs} job(s)…`);
      const rates: number[] = [];
      const perLine: number[] = [];
      const rss: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const x = await runOnce(file, [kind, ...flags]);
        if (x.lines !== n) throw new Error(`expected ${n} output lines, got ${x.lines} (${x.summary})`);
        if (x.exitCode !== 0) throw new Error(`batch ${kind} exited ${x.exitCode}: ${x.summary}`);
        rates.push(n / x.seconds);
        perLine.push(x.bytes / n);
        rss.push(x.peakRssMb);
        note(`  ${kind} ${n}, ${jobs} job(s): ${Math.round(n / x.seconds)} cases/s, ${Math.round(x.bytes / n)} bytes per line`);
      }
      full.push({
        jobs,
        ...(kind === '--referenced' ? { referenced: true } : {}),
        cases: n,
        runs: RUNS,
        casesPerSecond: Math.round(median(rates)),
        bytesPerLine: Math.round(median(perLine)),
        peakRssMb: Math.round(median(rss)),
      });
    }
  }
  for (const jobs of SMALL_YOUNG) results.push(...(await compactRuns(jobs, [SMALL_YOUNG_FLAG])));
  report({ bench: 'batch', results, full });
}

await main();
