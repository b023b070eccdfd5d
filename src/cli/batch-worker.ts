import { parentPort } from 'node:worker_threads';
import { lineRecord, type RecordKind, type RecordShape } from './batch-record.js';
import { RecordBytes } from './record-bytes.js';

/*
 * The worker side of `za-duties batch --jobs N`. The thread that reads the input splits it into
 * lines and sends them in jobs of consecutive lines; a worker makes each line's record with the
 * same `lineRecord` as a run without workers, and sends the records back as UTF-8 bytes with
 * each line's kind (for the summary). The reading thread writes the jobs' records in input order.
 * A worker knows nothing but the lines it is sent, and writes nothing anywhere.
 */

/** What a batch worker is started with (`workerData`). */
export interface BatchWorkerData {
  readonly zaDutiesBatchWorker: 1;
  /** The longest line in bytes (for the `line_too_long` record). */
  readonly max: number;
  readonly shape: RecordShape;
}

/** Consecutive input lines: their bytes end to end, and each one's length (negative: a line over the limit, by its length). */
export interface BatchJob {
  readonly id: number;
  /** The line number of the first line. */
  readonly first: number;
  readonly data: Uint8Array;
  readonly lengths: Float64Array;
}

/** The records of a job: UTF-8, one line each (newline-terminated), and each line's kind (see {@link KIND_CODES}). */
export interface BatchJobDone {
  readonly id: number;
  readonly out: Uint8Array;
  readonly kinds: Uint8Array;
}

/** A record's kind as a byte, in this order. */
export const KIND_CODES: readonly RecordKind[] = ['assessed', 'error', 'blank'];
const CODE_OF: Readonly<Record<RecordKind, number>> = { assessed: 0, error: 1, blank: 2 };

/** True for the `workerData` of a batch worker. */
export function isBatchWorkerData(d: unknown): d is BatchWorkerData {
  return typeof d === 'object' && d !== null && (d as { zaDutiesBatchWorker?: unknown }).zaDutiesBatchWorker === 1;
}

/** The records of a job as they are made: one buffer per thread, kept from job to job (a job runs to its end before the next). */
const out = new RecordBytes();

/** The records of one job. */
export function runJob(job: BatchJob, data: BatchWorkerData): BatchJobDone {
  const n = job.lengths.length;
  const kinds = new Uint8Array(n);
  const bytes = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const length = job.lengths[i] as number;
    const taken = length < 0 ? { overflowBytes: -length } : bytes.subarray(offset, offset + length);
    if (length > 0) offset += length;
    kinds[i] = CODE_OF[lineRecord(taken, job.first + i, data.max, data.shape, out)];
  }
  // An array of its own (not a view of a shared pool): transferred rather than copied.
  return { id: job.id, out: out.take(), kinds };
}

/** Answers jobs from the thread that started this worker, until it is terminated. */
export function serveBatchJobs(data: BatchWorkerData): void {
  const port = parentPort;
  if (port === null) throw new Error('serveBatchJobs runs in a worker thread');
  port.on('message', (job: BatchJob) => {
    const done = runJob(job, data);
    port.postMessage(done, [done.out.buffer as ArrayBuffer, done.kinds.buffer as ArrayBuffer]);
  });
}
