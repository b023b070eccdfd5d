import type { Readable, Writable } from 'node:stream';
import { safeAssess } from '../index.js';
import { decisionsJson } from './compact.js';
import { decodeUtf8, parseJson } from './json.js';
import { describeWriteError, isClosedOutput, write } from './io.js';

/*
 * NDJSON in, NDJSON out, in constant memory: input is pulled a chunk at a time and split into
 * lines by hand (readline would buffer an over-long line whole); a line longer than the limit is
 * skipped byte by byte up to its newline and yields an error record. Output is written per chunk
 * and the next chunk is not read until the output has drained (backpressure). Every input line
 * yields exactly one output line, in order, carrying its line number. Nothing about a case goes
 * to stderr: only counts and line numbers.
 */

/** The default longest line `batch` reads: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Write the full assessment per line instead of the compact one. */
  readonly full?: boolean;
  /** Longest line in bytes; longer lines yield a `line_too_long` record. */
  readonly maxLineBytes?: number;
  /** The date used for cases without `assessmentDate` (fixed once per run). */
  readonly today?: string;
  /** Called about once a second with the counts so far. */
  readonly onProgress?: (s: BatchSummary) => void;
  /**
   * Stops the run (SIGINT/SIGTERM): no further line is read; every record already made is
   * written whole, and the summary says `interrupted (<reason>)`.
   */
  readonly signal?: AbortSignal;
}

/** Counts of a batch run. */
export interface BatchSummary {
  lines: number;
  assessed: number;
  /** Lines that yielded an error record (bad JSON, schema violation, too long, internal error). */
  errors: number;
  blank: number;
  /** The first error line numbers (at most 20). */
  readonly errorLines: number[];
  /** Set when the run stopped before the end of the input. */
  stoppedEarly?: string;
}

// Output is written at least every 256 K characters; with 64 KB input chunks (io.ts) this keeps
// peak RSS about 40 MB lower than 256 KB chunks and 1 M-character flushes, at the same speed.
const FLUSH_CHARS = 1 << 18;

/** The output record of one line (without the newline). */
function batchRecord(
  text: string,
  line: number,
  options: { full?: boolean; today?: string } = {},
): { record: string; kind: 'assessed' | 'error' | 'blank' } {
  if (text.trim() === '') return { record: `{"line":${line},"skipped":"blank line"}`, kind: 'blank' };
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const e = parsed.error;
    const error = { code: 'invalid_json', message: `invalid JSON at column ${e.column}: ${e.reason}`, column: e.column };
    return { record: JSON.stringify({ line, error }), kind: 'error' };
  }
  const value = parsed.value;
  const caseId =
    typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
      ? (value as { id: string }).id
      : undefined;
  try {
    // --full: every reason (detail 'full'); the compact record is the decisions level, built without any text.
    const r = options.full
      ? safeAssess(value, options.today !== undefined ? { today: options.today, detail: 'full' } : { detail: 'full' })
      : safeAssess(value, options.today !== undefined ? { today: options.today, detail: 'decisions' } : { detail: 'decisions' });
    if (!r.success) {
      const error = { code: 'invalid_input', message: r.error.message, issues: r.error.issues };
      return { record: JSON.stringify(caseId !== undefined ? { line, caseId, error } : { line, error }), kind: 'error' };
    }
    const record = 'guidance' in r.data ? `{"line":${line},${JSON.stringify(r.data).slice(1)}` : decisionsJson(r.data, line);
    return { record, kind: 'assessed' };
  } catch (e) {
    // A bug, not bad input: say so without echoing anything of the case.
    const error = {
      code: 'internal_error',
      message: `internal error while assessing this line (${e instanceof Error ? e.name : 'unknown'}); please report it`,
    };
    return { record: JSON.stringify(caseId !== undefined ? { line, caseId, error } : { line, error }), kind: 'error' };
  }
}

/**
 * Streams NDJSON cases from `input` to NDJSON records on `output`, one per input line, in order.
 * Resolves with the counts when the input ends (or the output closes).
 */
export async function runBatch(input: Readable, output: Writable, options: BatchOptions = {}): Promise<BatchSummary> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const shape = { ...(options.full ? { full: true } : {}), ...(options.today !== undefined ? { today: options.today } : {}) };
  const s: BatchSummary = { lines: 0, assessed: 0, errors: 0, blank: 0, errorLines: [] };
  let outputError: unknown;
  const onOutputError = (e: unknown) => {
    outputError ??= e;
  };
  output.on('error', onOutputError);

  let parts: Buffer[] = [];
  let partLen = 0;
  let overflow = false;
  let overflowBytes = 0;
  let out: string[] = [];
  let outChars = 0;
  let lastProgress = Date.now();

  const emit = (record: string, kind: 'assessed' | 'error' | 'blank') => {
    s.lines++;
    if (kind === 'assessed') s.assessed++;
    else if (kind === 'blank') s.blank++;
    else {
      s.errors++;
      if (s.errorLines.length < 20) s.errorLines.push(s.lines);
    }
    out.push(record, '\n');
    outChars += record.length + 1;
  };

  const finishLine = () => {
    const line = s.lines + 1;
    if (overflow) {
      const error = {
        code: 'line_too_long',
        message: `line is ${overflowBytes} bytes; the limit is ${max} bytes (one case per line)`,
        bytes: overflowBytes,
        limit: max,
      };
      emit(JSON.stringify({ line, error }), 'error');
    } else {
      let buf = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, partLen);
      if (buf.length > 0 && buf[buf.length - 1] === 13) buf = buf.subarray(0, buf.length - 1);
      const decoded = decodeUtf8(buf);
      if (decoded === undefined) {
        emit(
          JSON.stringify({ line, error: { code: 'invalid_json', message: 'the line is not valid UTF-8 (the input must be UTF-8 text)' } }),
          'error',
        );
      } else {
        let text = decoded;
        if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        const r = batchRecord(text, line, shape);
        emit(r.record, r.kind);
      }
    }
    parts = [];
    partLen = 0;
    overflow = false;
    overflowBytes = 0;
  };

  const flush = async () => {
    if (out.length === 0) return;
    const text = out.join('');
    out = [];
    outChars = 0;
    if (outputError !== undefined) return;
    try {
      await write(output, text);
    } catch (e) {
      outputError ??= e;
    }
  };
  const outputStopped = () =>
    isClosedOutput(outputError) ? 'the output was closed' : `the output could not be written: ${describeWriteError(outputError)}`;

  const signal = options.signal;
  const interrupted = () => `interrupted (${typeof signal?.reason === 'string' ? signal.reason : 'aborted'})`;
  // Waiting for input that may never come (a slow pipe) must not keep an interrupted run going.
  const onAbort = () => input.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new Error('aborted');
    for await (const raw of input) {
      const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        const end = nl === -1 ? chunk.length : nl;
        const n = end - start;
        if (overflow) overflowBytes += n;
        else if (partLen + n > max) {
          // Stop buffering: the rest of the line is only counted.
          overflow = true;
          overflowBytes = partLen + n;
          parts = [];
          partLen = 0;
        } else if (n > 0) {
          parts.push(chunk.subarray(start, end));
          partLen += n;
        }
        if (nl === -1) break;
        finishLine();
        start = nl + 1;
        if (signal?.aborted) break;
        if (outChars >= FLUSH_CHARS) await flush();
      }
      await flush();
      if (signal?.aborted) {
        s.stoppedEarly = interrupted();
        break;
      }
      if (outputError !== undefined) {
        s.stoppedEarly = outputStopped();
        break;
      }
      if (options.onProgress && Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        options.onProgress(s);
      }
    }
    if (signal?.aborted) s.stoppedEarly ??= interrupted();
    if (s.stoppedEarly === undefined && (partLen > 0 || overflow)) {
      finishLine();
      await flush();
    }
    if (s.stoppedEarly === undefined && outputError !== undefined) s.stoppedEarly = outputStopped();
  } catch (e) {
    // Records made before the interruption are written whole.
    if (signal?.aborted) await flush();
    s.stoppedEarly = signal?.aborted
      ? interrupted()
      : outputError !== undefined
        ? outputStopped()
        : `the input could not be read (${(e as { code?: string }).code ?? (e instanceof Error ? e.name : 'error')})`;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    output.off('error', onOutputError);
  }
  return s;
}
