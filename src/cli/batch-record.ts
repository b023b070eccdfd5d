import { referenceTexts, safeAssess } from '../index.js';
import { decisionsJson } from './compact.js';
import { decodeUtf8, parseJson } from './json.js';
import type { RecordBytes } from './record-bytes.js';

/*
 * The record of one `za-duties batch` line, made in the thread that reads the input or in a
 * worker (`--jobs`): the same function either way, so that the output is the same.
 */

/** A line as the reader hands it over: its bytes (without the newline or a final CR), or the length of a line over the limit. */
export type TakenLine = Buffer | { readonly overflowBytes: number };

/** What a record is, for the summary. */
export type RecordKind = 'assessed' | 'error' | 'blank';

/** What every record of a run depends on besides its line. */
export interface RecordShape {
  readonly full?: boolean;
  /** With `full`: the record refers to each text by id (`referenceTexts`). */
  readonly referenced?: boolean;
  readonly today?: string;
}

/** Writes the output record of one line into `out`. */
function batchRecord(text: string, line: number, options: RecordShape, out: RecordBytes): RecordKind {
  if (text.trim() === '') return written(out, `{"line":${line},"skipped":"blank line"}`, 'blank');
  let parsed: ReturnType<typeof parseJson>;
  try {
    parsed = parseJson(text);
  } catch (e) {
    // A bug in reading the line (it once recursed too deep): this line's record says so, and the run goes on.
    return internalError(out, line, undefined, e);
  }
  if (!parsed.ok) {
    const e = parsed.error;
    const error = { code: 'invalid_json', message: `invalid JSON at column ${e.column}: ${e.reason}`, column: e.column };
    return written(out, JSON.stringify({ line, error }), 'error');
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
      return written(out, JSON.stringify(caseId !== undefined ? { line, caseId, error } : { line, error }), 'error');
    }
    // The full record: the bytes of `{"line":N,` and the assessment's JSON after its opening brace
    // (if writing it fails, addJson takes back what it wrote, and the error record stands alone).
    if ('guidance' in r.data) out.addJson(`{"line":${line},`, options.referenced ? referenceTexts(r.data) : r.data);
    else out.add(decisionsJson(r.data, line));
    return 'assessed';
  } catch (e) {
    return internalError(out, line, caseId, e);
  }
}

/** The record of a line that met a bug, not bad input: it says so without echoing anything of the case. */
function internalError(out: RecordBytes, line: number, caseId: string | undefined, e: unknown): RecordKind {
  const error = {
    code: 'internal_error',
    message: `internal error while assessing this line (${e instanceof Error ? e.name : 'unknown'}); please report it`,
  };
  return written(out, JSON.stringify(caseId !== undefined ? { line, caseId, error } : { line, error }), 'error');
}

function written(out: RecordBytes, record: string, kind: RecordKind): RecordKind {
  out.add(record);
  return kind;
}

/** Writes the output record of one line into `out`: a line too long, not UTF-8, or the case's record (assessed or an error). */
export function lineRecord(taken: TakenLine, line: number, max: number, shape: RecordShape, out: RecordBytes): RecordKind {
  if (!Buffer.isBuffer(taken)) {
    const error = {
      code: 'line_too_long',
      message: `line is ${taken.overflowBytes} bytes; the limit is ${max} bytes (one case per line)`,
      bytes: taken.overflowBytes,
      limit: max,
    };
    return written(out, JSON.stringify({ line, error }), 'error');
  }
  const decoded = decodeUtf8(taken);
  if (decoded === undefined) {
    const error = { code: 'invalid_json', message: 'the line is not valid UTF-8 (the input must be UTF-8 text)' };
    return written(out, JSON.stringify({ line, error }), 'error');
  }
  const text = line === 1 && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
  return batchRecord(text, line, shape, out);
}
