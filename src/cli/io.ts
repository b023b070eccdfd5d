import fs from 'node:fs';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { ValidationIssue } from '../index.js';
import { decodeUtf8, parseJson, type JsonErrorInfo } from './json.js';

/** Where the CLI reads and writes: the real process streams, or test doubles. */
export interface CliIo {
  readonly stdin: Readable & { readonly isTTY?: boolean | undefined };
  readonly stdout: Writable;
  readonly stderr: Writable & { readonly isTTY?: boolean | undefined };
  /** Resolves relative file paths. */
  readonly cwd: string;
  /** For `serve`: resolves with the signal's name when the process is asked to stop (SIGTERM/SIGINT). */
  readonly waitForShutdown?: () => Promise<string>;
  /** For `batch`: aborted (with the signal's name) when the process is asked to stop. */
  readonly interrupt?: AbortSignal;
}

/** Exit codes (see `za-duties --help`). */
export const EXIT = {
  ok: 0,
  /** check: a must-duty that applies is unmet or overdue. batch: the run stopped early (output closed, read error). serve: could not start. */
  failed: 1,
  /** Invalid input: bad usage, a missing or unreadable file, bad JSON, a schema violation. */
  invalid: 2,
  /** batch: every line has a record, and some of them are errors. */
  partial: 3,
  /** A bug: an unexpected internal error. */
  internal: 70,
} as const;

/** The largest single document `assess`, `check` and `expand` read (a case has at most 200 people and 500 concerns). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** An input problem the CLI reports and exits 2 on. */
export class InputError extends Error {
  override readonly name = 'InputError' as const;
  constructor(
    message: string,
    readonly detail: { readonly json?: JsonErrorInfo; readonly issues?: readonly ValidationIssue[] } = {},
  ) {
    super(message);
  }
}

function describeFsError(e: unknown, file: string): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return `file not found: ${file}`;
  if (code === 'EISDIR') return `${file} is a folder, not a file`;
  if (code === 'EACCES' || code === 'EPERM') return `no permission to read ${file}`;
  return `cannot read ${file}: ${code ?? 'unknown error'}`;
}

/** Opens the input for streaming: a file, or stdin for `-` or nothing. Checks the file first, so a missing file is a clear error. */
export function openInput(file: string | undefined, io: CliIo): { stream: Readable; name: string } {
  if (file === undefined || file === '-') {
    if (file === undefined && io.stdin.isTTY) throw new InputError('no input: give a file, or pipe JSON into stdin (or use - for stdin)');
    return { stream: io.stdin, name: 'stdin' };
  }
  const full = path.resolve(io.cwd, file);
  try {
    const st = fs.statSync(full);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    fs.accessSync(full, fs.constants.R_OK);
  } catch (e) {
    throw new InputError(describeFsError(e, file));
  }
  return { stream: fs.createReadStream(full, { highWaterMark: 64 * 1024 }), name: file };
}

/** Reads a whole JSON document (up to {@link MAX_DOCUMENT_BYTES}) and parses it, with line and column on error. */
export async function readJsonDocument(file: string | undefined, io: CliIo): Promise<{ value: unknown; name: string }> {
  const { stream, name } = openInput(file, io);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += b.length;
      if (size > MAX_DOCUMENT_BYTES) {
        if (stream !== io.stdin) stream.destroy();
        throw new InputError(`${name} is larger than ${MAX_DOCUMENT_BYTES} bytes: one case is far smaller (use batch for many cases)`);
      }
      chunks.push(b);
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeFsError(e, name));
  }
  const text = decodeUtf8(Buffer.concat(chunks));
  if (text === undefined) throw new InputError(`${name} is not valid UTF-8: the input must be UTF-8 text`);
  if (text.trim() === '') throw new InputError(`${name} is empty: expected a JSON object`);
  const r = parseJson(text);
  if (!r.ok) throw new InputError(`${name}:${r.error.line}:${r.error.column}: invalid JSON: ${r.error.reason}`, { json: r.error });
  return { value: r.value, name };
}

/**
 * Writes to a stream and resolves when the text has been handed on (so a slow reader slows the
 * writer); rejects with the stream's error when the write fails (disk full, closed pipe).
 */
export function write(stream: Writable, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (e) => (e ? reject(e) : resolve()));
  });
}

/** Words for a failed write: `disk full (ENOSPC)`. */
export function describeWriteError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const words: Record<string, string> = {
    ENOSPC: 'disk full',
    EDQUOT: 'disk quota exceeded',
    EPIPE: 'the output was closed',
    EIO: 'input/output error',
    EBADF: 'the output is not open for writing',
    EACCES: 'no permission to write',
    EFBIG: 'file too large',
    ERR_STREAM_DESTROYED: 'the output was closed',
  };
  return code ? `${words[code] ?? 'write error'} (${code})` : e instanceof Error ? e.message : 'write error';
}

/** True for the errors of an output its reader closed (`| head`): not worth a word. */
export function isClosedOutput(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}
