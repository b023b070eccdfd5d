import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { run } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';

/** Collects what a stream receives. */
export class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  isTTY = false;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    cb();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Runs `za-duties` in-process with `stdin` as input (a string, Buffer or stream). */
export async function runCli(
  argv: string[],
  stdin: string | Buffer | Readable = '',
  options: { stdinIsTTY?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const input = typeof stdin === 'string' || Buffer.isBuffer(stdin) ? Readable.from([Buffer.from(stdin)]) : stdin;
  Object.assign(input, { isTTY: options.stdinIsTTY ?? false });
  const stdout = new Sink();
  const stderr = new Sink();
  const code = await run(argv, { stdin: input, stdout, stderr, cwd: ROOT });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** The bundled CLI (built by `npm run build`, which `npm test` runs first). */
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export function requireBuiltCli(): void {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
}

/** Runs the built CLI as a child process. */
export function spawnCli(
  argv: string[],
  stdin?: string,
  cwd = ROOT,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

export { PassThrough };
