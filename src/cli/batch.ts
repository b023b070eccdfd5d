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
  const line = new LineAssembler(max);
  const sink = new RecordSink(output, s);
  let lastProgress = Date.now();
  const finishLine = () => sink.emit(...lineRecord(line.take(), s.lines + 1, max, shape));

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
        line.add(chunk, start, nl === -1 ? chunk.length : nl);
        if (nl === -1) break;
        finishLine();
        start = nl + 1;
        if (signal?.aborted) break;
        if (sink.full()) await sink.flush();
      }
      await sink.flush();
      if (signal?.aborted) {
        s.stoppedEarly = interrupted();
        break;
      }
      if (sink.error !== undefined) {
        s.stoppedEarly = sink.stopped();
        break;
      }
      if (options.onProgress && Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        options.onProgress(s);
      }
    }
    if (signal?.aborted) s.stoppedEarly ??= interrupted();
    if (s.stoppedEarly === undefined && line.pending()) {
      finishLine();
      await sink.flush();
    }
    if (s.stoppedEarly === undefined && sink.error !== undefined) s.stoppedEarly = sink.stopped();
  } catch (e) {
    // Records made before the interruption are written whole.
    if (signal?.aborted) await sink.flush();
    s.stoppedEarly = signal?.aborted
      ? interrupted()
      : sink.error !== undefined
        ? sink.stopped()
        : `the input could not be read (${(e as { code?: string }).code ?? (e instanceof Error ? e.name : 'error')})`;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    sink.close();
  }
  return s;
}

/**
 * One input line as it arrives in chunks: kept up to the limit, and past it only counted (the rest
 * of an over-long line is never held in memory).
 */
class LineAssembler {
  private parts: Buffer[] = [];
  private length = 0;
  private overflowBytes: number | undefined = undefined;
  constructor(private readonly max: number) {}

  /** Adds the bytes `start` to `end` of a chunk to the line. */
  add(chunk: Buffer, start: number, end: number): void {
    const n = end - start;
    if (this.overflowBytes !== undefined) this.overflowBytes += n;
    else if (this.length + n > this.max) {
      // Stop buffering: the rest of the line is only counted.
      this.overflowBytes = this.length + n;
      this.parts = [];
      this.length = 0;
    } else if (n > 0) {
      this.parts.push(chunk.subarray(start, end));
      this.length += n;
    }
  }

  /** True while a line has begun (bytes, or an overflow) and not been taken. */
  pending(): boolean {
    return this.length > 0 || this.overflowBytes !== undefined;
  }

  /** The line's bytes (without a final CR), or its length where it went over the limit; the assembler starts afresh. */
  take(): Buffer | { readonly overflowBytes: number } {
    const taken: Buffer | { readonly overflowBytes: number } =
      this.overflowBytes !== undefined
        ? { overflowBytes: this.overflowBytes }
        : this.parts.length === 1
          ? (this.parts[0] as Buffer)
          : Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    this.overflowBytes = undefined;
    if (Buffer.isBuffer(taken) && taken.length > 0 && taken[taken.length - 1] === 13) return taken.subarray(0, taken.length - 1);
    return taken;
  }
}

/** The output record of one line: a line too long, not UTF-8, or the case's record (assessed or an error). */
function lineRecord(
  taken: Buffer | { readonly overflowBytes: number },
  line: number,
  max: number,
  shape: { readonly full?: boolean; readonly today?: string },
): [string, 'assessed' | 'error' | 'blank'] {
  if (!Buffer.isBuffer(taken)) {
    const error = {
      code: 'line_too_long',
      message: `line is ${taken.overflowBytes} bytes; the limit is ${max} bytes (one case per line)`,
      bytes: taken.overflowBytes,
      limit: max,
    };
    return [JSON.stringify({ line, error }), 'error'];
  }
  const decoded = decodeUtf8(taken);
  if (decoded === undefined) {
    const error = { code: 'invalid_json', message: 'the line is not valid UTF-8 (the input must be UTF-8 text)' };
    return [JSON.stringify({ line, error }), 'error'];
  }
  const text = line === 1 && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  const r = batchRecord(text, line, shape);
  return [r.record, r.kind];
}

/** The records written so far, counted into the summary and flushed in large writes; the first write error is kept. */
class RecordSink {
  private out: string[] = [];
  private chars = 0;
  error: unknown = undefined;
  private readonly onError = (e: unknown) => {
    this.error ??= e;
  };
  constructor(
    private readonly output: Writable,
    private readonly s: BatchSummary,
  ) {
    output.on('error', this.onError);
  }

  emit(record: string, kind: 'assessed' | 'error' | 'blank'): void {
    const s = this.s;
    s.lines++;
    if (kind === 'assessed') s.assessed++;
    else if (kind === 'blank') s.blank++;
    else {
      s.errors++;
      if (s.errorLines.length < 20) s.errorLines.push(s.lines);
    }
    this.out.push(record, '\n');
    this.chars += record.length + 1;
  }

  /** Enough is buffered for one large write. */
  full(): boolean {
    return this.chars >= FLUSH_CHARS;
  }

  async flush(): Promise<void> {
    if (this.out.length === 0) return;
    const text = this.out.join('');
    this.out = [];
    this.chars = 0;
    if (this.error !== undefined) return;
    try {
      await write(this.output, text);
    } catch (e) {
      this.error ??= e;
    }
  }

  /** Why the run stopped, where writing failed. */
  stopped(): string {
    return isClosedOutput(this.error) ? 'the output was closed' : `the output could not be written: ${describeWriteError(this.error)}`;
  }

  close(): void {
    this.output.off('error', this.onError);
  }
}
