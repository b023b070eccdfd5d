import type { Readable, Writable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { lineRecord, type RecordKind, type RecordShape, type TakenLine } from './batch-record.js';
import { type BatchJob, type BatchJobDone, type BatchWorkerData, KIND_CODES, runJob } from './batch-worker.js';
import { describeWriteError, isClosedOutput, write } from './io.js';
import { RecordBytes } from './record-bytes.js';

/*
 * NDJSON in, NDJSON out, in constant memory: input is pulled a chunk at a time and split into
 * lines by hand (readline would buffer an over-long line whole); a line longer than the limit is
 * skipped byte by byte up to its newline and yields an error record. Output is written per chunk
 * and the next chunk is not read until the output has drained (backpressure). Every input line
 * yields exactly one output line, in order, carrying its line number. Nothing about a case goes
 * to stderr: only counts and line numbers.
 *
 * With `jobs` above 1, this thread and `jobs - 1` worker threads (batch-worker.ts) make the
 * records. This thread reads and splits the input into jobs of consecutive lines; a job goes to a
 * worker with fewer than two jobs in flight, or else this thread makes its records itself.
 * Reading waits while too many jobs are unwritten, and the records are written in input order.
 * The output is the same, byte for byte, as with one thread.
 */

/** The default longest line `batch` reads: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** Options of {@link runBatch}. */
export interface BatchOptions {
  /** Write the full assessment per line instead of the compact one. */
  readonly full?: boolean;
  /** With `full`: each text referred to by id instead of carried (`texts: "referenced"`; `za-duties expand` puts them back). */
  readonly referenced?: boolean;
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
  /**
   * How many threads make the records: the calling thread and `jobs - 1` worker threads (default
   * 1: the calling thread alone). The output is the same either way.
   */
  readonly jobs?: number;
  /** The script a worker runs: the bundled CLI (default: this module's own file, which is dist/cli.js in the package). */
  readonly workerScript?: URL;
  /**
   * With `jobs`: a line longer than this many bytes is made on the calling thread, never sent to a
   * worker (default {@link DEFAULT_MAX_LINE_BYTES}: only a raised `maxLineBytes` lets such a line in).
   */
  readonly workerLineBytes?: number;
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
  /**
   * With `--jobs`: worker threads that ran out of memory (a line far larger than most), each
   * replaced, its lines made on the reading thread instead; absent when none did.
   */
  workersOutOfMemory?: number;
}

// Output is written at least every 256 KB; with 64 KB input chunks (io.ts) this keeps peak RSS
// about 40 MB lower than 256 KB chunks and 1 MB flushes, at the same speed.
const FLUSH_BYTES = 1 << 18;

/**
 * Streams NDJSON cases from `input` to NDJSON records on `output`, one per input line, in order.
 * Resolves with the counts when the input ends (or the output closes).
 */
export async function runBatch(input: Readable, output: Writable, options: BatchOptions = {}): Promise<BatchSummary> {
  const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const shape: RecordShape = {
    ...(options.full ? { full: true } : {}),
    ...(options.full && options.referenced ? { referenced: true } : {}),
    ...(options.today !== undefined ? { today: options.today } : {}),
  };
  const s: BatchSummary = { lines: 0, assessed: 0, errors: 0, blank: 0, errorLines: [] };
  const line = new LineAssembler(max);
  const jobs = options.jobs ?? 1;
  const sink =
    jobs > 1
      ? new ParallelSink(
          output,
          s,
          jobs,
          options.workerScript ?? new URL(import.meta.url),
          { zaDutiesBatchWorker: 1, max, shape },
          options.workerLineBytes ?? DEFAULT_MAX_LINE_BYTES,
        )
      : new RecordSink(output, s, max, shape);
  let lastProgress = Date.now();
  const finishLine = () => sink.line(line.take());

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
    if (s.stoppedEarly === undefined && line.pending()) finishLine();
    await sink.finish();
    if (s.stoppedEarly === undefined && sink.error !== undefined) s.stoppedEarly = sink.stopped();
  } catch (e) {
    // Records made before the interruption are written whole.
    if (signal?.aborted) await sink.finish();
    s.stoppedEarly = signal?.aborted
      ? interrupted()
      : sink.error !== undefined
        ? sink.stopped()
        : `the input could not be read (${(e as { code?: string }).code ?? (e instanceof Error ? e.name : 'error')})`;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await sink.close();
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

/**
 * Where records go: the output and the summary. The first error (writing, or a worker) is kept,
 * and nothing is written after it.
 */
abstract class Sink {
  error: unknown = undefined;
  private readonly onError = (e: unknown) => {
    this.error ??= e;
  };
  constructor(
    protected readonly output: Writable,
    protected readonly s: BatchSummary,
  ) {
    output.on('error', this.onError);
  }

  /** Takes the next line. */
  abstract line(taken: TakenLine): void;
  /** Enough is waiting that reading should wait for {@link flush}. */
  abstract full(): boolean;
  /** Writes what is ready. */
  abstract flush(): Promise<void>;
  /** Writes every record of the lines taken. */
  abstract finish(): Promise<void>;

  /** Writes unless an error came first; a write error is kept. */
  protected async put(chunk: string | Uint8Array): Promise<void> {
    if (this.error !== undefined) return;
    try {
      await write(this.output, chunk);
    } catch (e) {
      this.error ??= e;
    }
  }

  /** Why the run stopped, where writing (or a worker) failed. */
  stopped(): string {
    return stoppedBy(this.error);
  }

  close(): Promise<void> {
    this.output.off('error', this.onError);
    return Promise.resolve();
  }
}

/** The records made in this thread, counted into the summary and flushed in large writes. */
class RecordSink extends Sink {
  /** The write in flight, if any. */
  private writing: Promise<void> | undefined;
  private readonly out = new RecordBytes();
  constructor(
    output: Writable,
    s: BatchSummary,
    private readonly max: number,
    private readonly shape: RecordShape,
  ) {
    super(output, s);
  }

  /** Makes the record of the next line. */
  line(taken: TakenLine): void {
    count(this.s, lineRecord(taken, this.s.lines + 1, this.max, this.shape, this.out));
  }

  /** Enough is buffered for one large write. */
  full(): boolean {
    return this.out.bytes >= FLUSH_BYTES;
  }

  /**
   * Waits for the write before (one write at a time), then starts writing what is ready and
   * returns: the next records are made while these are written (a reader on the other end of a
   * pipe reads them meanwhile). What is written is a copy, so the gathering goes on.
   */
  async flush(): Promise<void> {
    await this.writing;
    this.writing = this.out.bytes === 0 ? undefined : this.put(this.out.take());
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.writing;
    this.writing = undefined;
  }
}

/** Counts a record into the summary. */
function count(s: BatchSummary, kind: RecordKind): void {
  s.lines++;
  if (kind === 'assessed') s.assessed++;
  else if (kind === 'blank') s.blank++;
  else {
    s.errors++;
    if (s.errorLines.length < 20) s.errorLines.push(s.lines);
  }
}

/** A worker that failed (it threw, or exited while it had work). */
class WorkerFailure {
  constructor(readonly cause: unknown) {}
}

/** Why a run stopped, from the error that stopped it (writing, or a worker). */
function stoppedBy(e: unknown): string {
  if (e instanceof WorkerFailure) {
    const c = e.cause;
    return `a batch worker failed (${c instanceof Error ? c.name : 'error'}); please report it`;
  }
  return isClosedOutput(e) ? 'the output was closed' : `the output could not be written: ${describeWriteError(e)}`;
}

// A job: at most this many lines (--full records are about 20 times larger) or input bytes. 128
// lines gave the lowest peak RSS at the best speed of 16 to 1,024 (2026-11-30, two jobs).
const JOB_LINES = 128;
const JOB_LINES_FULL = 16;
const JOB_BYTES = 1 << 18;

/** A job sent to a worker, once it is answered (never rejected: a failure is a value). */
interface InFlight {
  settled: { readonly done: BatchJobDone } | { readonly failed: unknown } | undefined;
  readonly answer: Promise<void>;
}

// A worker's young generation (V8's nursery, where each record's short-lived objects are made)
// is capped: left to grow to V8's default it held about 60 MB of heap where 43 MB does, at the
// same speed (2026-11-30, 100,000 lines, --jobs 2: peak RSS 179-207 MB against 205-231 MB).
const WORKER_YOUNG_MB = 24;
// With compact records, a worker's old generation is capped too. Left to V8, it grew to about
// 53 MB before its first full collection (14 MB live after it), so that the peak RSS of a million
// lines was 214-223 MB where it settles at 190; capped at 40 MB the peak was 189-207 MB in five
// runs (2026-11-30, --jobs 2, a million lines; most of the rest is this thread's young generation,
// which docs/cli.md shows how to make smaller). The largest case the schema allows (200 people, 500
// concerns, ids of 200 characters) is answered under the cap (test/cli.test.ts; it is under 20 MB
// too, not under 12). A line longer than the default line limit (only a raised --max-line-bytes lets
// one in) is made on this thread, never sent to a worker (ParallelSink.line). A line far larger than
// a case can be could still exhaust a worker's heap: the worker is replaced and its jobs are made on
// this thread, whose heap is not capped. Full records are larger, and their workers are left to V8's
// own limit.
const WORKER_OLD_MB = 40;

/** Whether a worker stopped because it ran out of memory. */
function outOfMemory(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY';
}

/** One worker thread and the jobs it has not answered yet. */
class BatchWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (d: BatchJobDone) => void; reject: (e: unknown) => void }>();
  private failure: unknown = undefined;
  constructor(script: URL, data: BatchWorkerData) {
    const resourceLimits = data.shape.full
      ? { maxYoungGenerationSizeMb: WORKER_YOUNG_MB }
      : { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, maxOldGenerationSizeMb: WORKER_OLD_MB };
    this.worker = new Worker(script, { workerData: data, resourceLimits });
    this.worker.on('message', (d: BatchJobDone) => {
      const w = this.waiting.get(d.id);
      this.waiting.delete(d.id);
      w?.resolve(d);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the worker exited (code ${code})`)));
  }

  /** Jobs sent and not yet answered. */
  get inFlight(): number {
    return this.waiting.size;
  }

  /** True once the worker has failed (it answers no more jobs). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Sends a job (a copy: the caller keeps it, to make it itself if the worker runs out of memory). */
  run(job: BatchJob): Promise<BatchJobDone> {
    return new Promise((resolve, reject) => {
      if (this.failure !== undefined) return reject(this.failure);
      this.waiting.set(job.id, { resolve, reject });
      this.worker.postMessage(job);
    });
  }

  private fail(e: unknown): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

/**
 * The records of a run with workers: lines are gathered into jobs, each sent to a worker with
 * fewer than two jobs or else made here, and written in input order as the jobs are answered; the
 * summary counts a record when it is written.
 */
class ParallelSink extends Sink {
  private readonly workers: BatchWorker[] = [];
  /** The workers that ran out of memory (counted in the summary). */
  private readonly outOfMemoryWorkers = new Set<BatchWorker>();
  private readonly queue: InFlight[] = [];
  private parts: Buffer[] = [];
  private lengths: number[] = [];
  private bytes = 0;
  private first = 1;
  private nextId = 0;
  private readonly jobLines: number;
  constructor(
    output: Writable,
    s: BatchSummary,
    private readonly jobs: number,
    private readonly script: URL,
    private readonly data: BatchWorkerData,
    private readonly workerLineBytes: number,
  ) {
    super(output, s);
    this.jobLines = data.shape.full ? JOB_LINES_FULL : JOB_LINES;
  }

  /** Adds the next line to the job being gathered, and sends the job when it is large enough. */
  line(taken: TakenLine): void {
    if (Buffer.isBuffer(taken) && taken.length > this.workerLineBytes) {
      // A line longer than the default limit (a raised --max-line-bytes let it in) is made here, after
      // the lines before it are sent. In a worker, whose heap is capped, one large allocation for it
      // (a 12 MB array) made V8 stop the whole process (exit 134, no record written), where a worker
      // that runs out of memory bit by bit is replaced (below).
      this.send();
      const job: BatchJob = { id: this.nextId++, first: this.first, data: taken, lengths: Float64Array.of(taken.length) };
      this.first += 1;
      this.queue.push({ settled: { done: runJob(job, this.data) }, answer: Promise.resolve() });
      return;
    }
    if (Buffer.isBuffer(taken)) {
      this.parts.push(taken);
      this.lengths.push(taken.length);
      this.bytes += taken.length;
    } else this.lengths.push(-taken.overflowBytes);
    if (this.lengths.length >= this.jobLines || this.bytes >= JOB_BYTES) this.send();
  }

  private send(): void {
    const n = this.lengths.length;
    if (n === 0) return;
    // Copied: the parts are views of input chunks. A worker is sent a copy of the job, and the job
    // is kept until it is answered.
    const data = new Uint8Array(this.bytes);
    let at = 0;
    for (const p of this.parts) {
      data.set(p, at);
      at += p.length;
    }
    const job: BatchJob = { id: this.nextId++, first: this.first, data, lengths: Float64Array.from(this.lengths) };
    this.first += n;
    this.parts = [];
    this.lengths = [];
    this.bytes = 0;
    const worker = this.leastBusy();
    if (worker === undefined) {
      // Every worker has two jobs: this thread makes the records itself meanwhile.
      this.queue.push({ settled: { done: runJob(job, this.data) }, answer: Promise.resolve() });
      return;
    }
    const f: InFlight = {
      settled: undefined,
      answer: worker.run(job).then(
        (done) => {
          f.settled = { done };
        },
        (e: unknown) => {
          // A worker that ran out of memory (its heap is capped: a line far larger than most) is
          // replaced, and its jobs are made here, where the heap is not capped. Any other failure
          // stops the run.
          if (!outOfMemory(e)) {
            f.settled = { failed: e };
            return;
          }
          this.outOfMemoryWorkers.add(worker);
          this.s.workersOutOfMemory = this.outOfMemoryWorkers.size;
          f.settled = { done: runJob(job, this.data) };
        },
      ),
    };
    this.queue.push(f);
  }

  /** A worker with fewer than two jobs (started as the first jobs go out, and again for one that failed), if any. */
  private leastBusy(): BatchWorker | undefined {
    for (let i = this.workers.length - 1; i >= 0; i--) {
      const w = this.workers[i] as BatchWorker;
      if (!w.failed) continue;
      this.workers.splice(i, 1);
      void w.terminate();
    }
    let best: BatchWorker | undefined;
    for (const w of this.workers) if (best === undefined || w.inFlight < best.inFlight) best = w;
    if (best !== undefined && best.inFlight === 0) return best;
    if (this.workers.length < this.jobs - 1) {
      const w = new BatchWorker(this.script, this.data);
      this.workers.push(w);
      return w;
    }
    return best !== undefined && best.inFlight < 2 ? best : undefined;
  }

  /** As many jobs are in flight as may be: two per worker. */
  full(): boolean {
    return this.queue.length >= 2 * this.jobs;
  }

  /** Writes the jobs answered so far, in order; while too many are in flight, waits for the oldest. */
  async flush(): Promise<void> {
    while (this.error === undefined && this.queue.length > 0 && ((this.queue[0] as InFlight).settled !== undefined || this.full()))
      await this.writeOldest();
  }

  /** Sends the lines gathered and writes every job's records. */
  async finish(): Promise<void> {
    if (this.error !== undefined) return;
    this.send();
    while (this.queue.length > 0 && this.error === undefined) await this.writeOldest();
  }

  private async writeOldest(): Promise<void> {
    const f = this.queue.shift() as InFlight;
    await f.answer;
    const settled = f.settled as { readonly done: BatchJobDone } | { readonly failed: unknown };
    if ('failed' in settled) {
      this.error ??= new WorkerFailure(settled.failed);
      return;
    }
    // After a failure nothing more is written, or counted: the summary counts the records written.
    if (this.error !== undefined) return;
    const { out, kinds } = settled.done;
    for (let i = 0; i < kinds.length; i++) count(this.s, KIND_CODES[kinds[i] as number] as RecordKind);
    await this.put(out);
  }

  override async close(): Promise<void> {
    await super.close();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
