import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CLI, requireBuiltCli, runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';
import { run } from '../src/cli/main.js';
import { Readable } from 'node:stream';

// Output that is lost is a failure; a reader that closed the pipe is not; Ctrl-C during batch
// leaves whole records; text output cannot drive the terminal.

const example = path.join(ROOT, 'examples', 'mitchells-plain.json');
const teacher = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8')) as Record<string, unknown>;
const hasDevFull = fs.existsSync('/dev/full');

/** Runs the built CLI with stdout and stderr going where asked ('pipe' collects them). */
function spawnWith(
  argv: string[],
  out: 'pipe' | number,
  errOut: 'pipe' | number,
  stdin?: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd: ROOT, stdio: ['pipe', out, errOut] });
    const o: Buffer[] = [];
    const e: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => o.push(c));
    child.stderr?.on('data', (c: Buffer) => e.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') }),
    );
    // A child that stops early (its output failed) may leave input unread: not this test's error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin ?? '');
  });
}

describe.runIf(hasDevFull)('lost output (stdout on /dev/full)', () => {
  it('assess, check and batch exit 1 and say the disk is full', async () => {
    requireBuiltCli();
    const full = fs.openSync('/dev/full', 'w');
    try {
      const a = await spawnWith(['assess', example], full, 'pipe');
      expect(a.code).toBe(1);
      expect(a.stderr).toContain('could not write the output: disk full (ENOSPC)');
      const compliant = JSON.stringify({
        case: teacher,
        actions: [
          { recipient: 'social_worker', date: '2026-03-02', person: 'child-a' },
          { recipient: 'police', date: '2026-03-02', person: 'child-a' },
        ],
      });
      const c = await spawnWith(['check', '-'], full, 'pipe', compliant);
      expect(c.code).toBe(1);
      expect(c.stderr).toContain('disk full');
      const b = await spawnWith(['batch', '-'], full, 'pipe', `${JSON.stringify(teacher)}\n`);
      expect(b.code).toBe(1);
      expect(b.stderr).toContain('the output could not be written: disk full (ENOSPC)');
      // With worker threads too, on enough lines for several jobs.
      const many = `${JSON.stringify(teacher)}\n`.repeat(2000);
      const bj = await spawnWith(['batch', '--jobs', '2', '-'], full, 'pipe', many);
      expect(bj.code).toBe(1);
      expect(bj.stderr).toContain('the output could not be written: disk full (ENOSPC)');
    } finally {
      fs.closeSync(full);
    }
  });

  it('a failed write to stderr does not change the exit code', async () => {
    requireBuiltCli();
    const full = fs.openSync('/dev/full', 'w');
    try {
      const ok = await spawnWith(['assess', example], 'pipe', full);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toHaveProperty('duties');
      const unmet = await spawnWith(['check', '-'], 'pipe', full, JSON.stringify({ case: teacher, actions: [] }));
      expect(unmet.code).toBe(1);
      const bad = await spawnWith(['assess', 'missing.json'], 'pipe', full);
      expect(bad.code).toBe(2);
    } finally {
      fs.closeSync(full);
    }
  });
});

describe('a closed pipe (| head)', () => {
  it('stays quiet', async () => {
    requireBuiltCli();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'rules'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before anything is written
      const e: Buffer[] = [];
      child.stderr.on('data', (c: Buffer) => e.push(c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr: Buffer.concat(e).toString('utf8') }));
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('in-process: a write that fails with ENOSPC is exit 1; EPIPE is not', async () => {
    const failing = (code: string) =>
      new Writable({
        write(_c, _e, cb) {
          cb(Object.assign(new Error(code), { code }));
        },
      });
    const errs: string[] = [];
    const stderr = new Writable({
      write(c: Buffer, _e, cb) {
        errs.push(c.toString());
        cb();
      },
    });
    const io = (stdout: Writable) => ({ stdin: Readable.from([]), stdout, stderr, cwd: ROOT });
    expect(await run(['assess', example], io(failing('ENOSPC')))).toBe(1);
    expect(errs.join('')).toContain('disk full (ENOSPC)');
    errs.length = 0;
    expect(await run(['assess', example], io(failing('EPIPE')))).toBe(0);
    expect(errs.join('')).toBe('');
  });
});

describe('Ctrl-C during batch into a slow pipe', () => {
  it.each([[[]], [['--jobs', '2']]])(
    'writes every record whole, prints the summary and exits 1 (stopped early) %j',
    async (jobs: string[]) => {
      requireBuiltCli();
      const line = `${JSON.stringify(teacher)}\n`;
      const r = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
        (resolve, reject) => {
          const child = spawn(process.execPath, [CLI, 'batch', '-', '--full', ...jobs], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
          const o: Buffer[] = [];
          const e: Buffer[] = [];
          let signalled = false;
          child.stdout.on('data', (c: Buffer) => {
            o.push(c);
            if (!signalled) {
              // Mid-run: the output is not read for a while (a slow pipe), and Ctrl-C comes.
              signalled = true;
              child.stdout.pause();
              child.kill('SIGINT');
              setTimeout(() => child.stdout.resume(), 200);
            }
          });
          child.stderr.on('data', (c: Buffer) => e.push(c));
          child.on('error', reject);
          child.on('close', (code, signal) =>
            resolve({ code, signal, stdout: Buffer.concat(o).toString('utf8'), stderr: Buffer.concat(e).toString('utf8') }),
          );
          // Input keeps coming (the stream stays open), as from a slow producer.
          child.stdin.on('error', () => undefined);
          child.stdin.write(line.repeat(3000));
        },
      );
      expect(r.signal).toBeNull();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/stopped early: interrupted \(SIGINT\); \d+ lines?: \d+ assessed/);
      const lines = r.stdout.split('\n');
      expect(lines.pop()).toBe(''); // ends with a newline: no record cut
      expect(lines.length).toBeGreaterThan(0);
      lines.forEach((l, i) => expect((JSON.parse(l) as { line: number }).line).toBe(i + 1));
      const count = Number(/; (\d+) lines?:/.exec(r.stderr)?.[1]);
      expect(count).toBe(lines.length);
    },
  );
});

describe('batch --jobs 2 into a reader that goes away (| head -1)', () => {
  it('stops early, says the output was closed, and ends (no worker keeps it running)', async () => {
    requireBuiltCli();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'batch', '--jobs', '2', '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      const e: Buffer[] = [];
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (c: Buffer) => e.push(c));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr: Buffer.concat(e).toString('utf8') }));
      child.stdin.on('error', () => undefined);
      child.stdin.end(`${JSON.stringify(teacher)}\n`.repeat(20_000));
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^za-duties batch: stopped early: the output was closed; \d+ lines?: /);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)/);
  });
});

describe('control characters in --format text', () => {
  it('are escaped, so a case id cannot retitle the terminal', async () => {
    const hostile = { ...teacher, id: 'case\u001b]0;pwned\u0007\u009b2J\u202e' };
    const r = await runCli(['assess', '-', '--format', 'text'], JSON.stringify(hostile));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(r.stdout).toContain('case\\u001b]0;pwned\\u0007\\u009b2J\\u202e');
  });

  it('are escaped, so a case id cannot start a line of its own or reorder what is shown', async () => {
    const hostile = { ...teacher, id: 'case\u2028Status: no duty\u2029\u200f\u200e\u061c' };
    const r = await runCli(['assess', '-', '--format', 'text'], JSON.stringify(hostile));
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u2028\u2029\u200e\u200f\u061c]/);
    expect(r.stdout).toContain('case\\u2028Status: no duty\\u2029\\u200f\\u200e\\u061c');
  });
});
