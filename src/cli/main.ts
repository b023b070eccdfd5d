import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { validateWith } from '../errors/from-zod.js';
import {
  decisionRecord,
  dutyCatalogue,
  englishMessages,
  replayDecisionRecord,
  safeAssess,
  referenceTexts,
  safeCheckCompliance,
  safeExpandTexts,
  safeValidateCase,
  todayInSouthAfrica,
  type ValidationIssue,
} from '../index.js';
import { version as packageVersion } from '../../package.json';
import { runBatch, DEFAULT_MAX_LINE_BYTES, type BatchSummary } from './batch.js';
import { decisionsJson } from './compact.js';
import { decodeUtf8, parseJson } from './json.js';
import { HELP } from './help.js';
import {
  describeWriteError,
  EXIT,
  InputError,
  isClosedOutput,
  MAX_DOCUMENT_BYTES,
  openInput,
  readJsonDocument,
  write,
  type CliIo,
} from './io.js';
import { SERVER_PATHS } from './openapi.js';
import { isSchemaName, jsonSchema, SCHEMA_NAMES, schemaFileName } from './schemas.js';
import { isLoopbackHost, startServer, type ServeOptions } from './serve.js';
import { assessmentText, visible } from './text.js';

/*
 * The `za-duties` command line. `run` takes the arguments and the streams and returns the exit
 * code, so tests drive it in-process; bin.ts wires it to the real process.
 */

class UsageError extends Error {
  override readonly name = 'UsageError' as const;
}

const COMMANDS = ['assess', 'batch', 'expand', 'check', 'validate', 'record', 'replay', 'schema', 'rules', 'serve'] as const;
type Command = (typeof COMMANDS)[number];

/** The first failed write to each stdout: `run` turns it into exit 1 (a closed pipe excepted). */
const outputErrors = new WeakMap<CliIo['stdout'], unknown>();

function out(io: CliIo, text: string): Promise<void> {
  if (outputErrors.has(io.stdout)) return Promise.resolve();
  return write(io.stdout, text).catch((e: unknown) => {
    if (!outputErrors.has(io.stdout)) outputErrors.set(io.stdout, e);
  });
}

function err(io: CliIo, text: string): void {
  // A failed write to stderr changes nothing: there is nowhere left to say so.
  io.stderr.write(visible(text.endsWith('\n') ? text : `${text}\n`), () => undefined);
}

/** Output that was lost is a failure (exit 1, with the cause); a reader that closed the pipe (`| head`) is not. */
function withOutputVerdict(io: CliIo, code: number): number {
  const e = outputErrors.get(io.stdout);
  if (e === undefined || isClosedOutput(e)) return code;
  err(io, `za-duties: could not write the output: ${describeWriteError(e)}`);
  return code === EXIT.ok ? EXIT.failed : code;
}

function issueLines(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, 20).map((i) => `  ${i.message}`);
  if (issues.length > 20) shown.push(`  … and ${issues.length - 20} more`);
  return shown.join('\n');
}

function intOption(v: string | undefined, name: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
    throw new UsageError(`--${name} expects a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return Number(v);
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;
type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

function parse(cmd: Command, argv: readonly string[], options: OptionSpec): Parsed {
  try {
    const r = parseArgs({
      args: [...argv],
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: r.values as Parsed['values'], positionals: r.positionals };
  } catch (e) {
    throw new UsageError(
      `${e instanceof Error ? e.message.replace(/\. To specify a positional argument.*$/s, '') : String(e)} (see za-duties ${cmd} --help)`,
    );
  }
}

function onePositional(cmd: Command, positionals: readonly string[]): string | undefined {
  if (positionals.length > 1)
    throw new UsageError(`${cmd} takes one input (a file or -), got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0];
}

/** Reports invalid input for assess/check: on stderr for people, and as JSON on stdout for programs. */
async function invalid(
  io: CliIo,
  cmd: Command,
  e: InputError | { message: string; issues: readonly ValidationIssue[] },
  jsonOut: boolean,
): Promise<number> {
  const issues = e instanceof InputError ? e.detail.issues : e.issues;
  err(
    io,
    `za-duties ${cmd}: ${e instanceof InputError ? e.message : 'invalid input'}${issues && issues.length > 0 ? `\n${issueLines(issues)}` : ''}`,
  );
  if (jsonOut) {
    const json = e instanceof InputError ? e.detail.json : undefined;
    const code = json ? 'invalid_json' : issues ? 'invalid_input' : 'input_error';
    const error = { code, message: e.message, ...(json ? { line: json.line, column: json.column } : {}), ...(issues ? { issues } : {}) };
    await out(io, `${JSON.stringify({ error, ...provenance() })}\n`);
  }
  return EXIT.invalid;
}

/** The package version and rules hash, as the CLI's own JSON bodies carry them (the server's too). */
function provenance(): { version: string; rulesHash: string } {
  return { version: packageVersion, rulesHash: dutyCatalogue().rulesHash };
}

/** Reads the one JSON document of a command, or reports it (exit 2) and returns undefined. */
async function readDocument(
  cmd: Command,
  file: string | undefined,
  io: CliIo,
): Promise<{ ok: true; value: unknown } | { ok: false; code: number }> {
  try {
    return { ok: true, value: (await readJsonDocument(file, io)).value };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, code: await invalid(io, cmd, e, true) };
    throw e;
  }
}

async function validateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('validate', argv, { pretty: { type: 'boolean' } });
  if (values.help) return help(io, 'validate');
  const doc = await readDocument('validate', onePositional('validate', positionals), io);
  if (!doc.ok) return doc.code;
  const r = safeValidateCase(doc.value);
  if (!r.success) return invalid(io, 'validate', { message: r.error.message, issues: r.error.issues }, true);
  await out(
    io,
    `${JSON.stringify({ valid: true, assessmentDate: r.data.assessmentDate, knowledgeDate: r.data.knowledgeDate, ...provenance() }, null, values.pretty ? 2 : undefined)}\n`,
  );
  err(io, 'za-duties validate: valid');
  return EXIT.ok;
}

async function recordCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('record', argv, {
    ids: { type: 'string' },
    strict: { type: 'boolean' },
    pretty: { type: 'boolean' },
  });
  if (values.help) return help(io, 'record');
  const idsFile = values.ids as string | undefined;
  if (idsFile === '') throw new UsageError('--ids expects a file name');
  const doc = await readDocument('record', onePositional('record', positionals), io);
  if (!doc.ok) return doc.code;
  const r = decisionRecord(doc.value, values.strict === true ? { presumptions: false } : {});
  if (!r.success) return invalid(io, 'record', { message: r.error.message, issues: r.error.issues }, true);
  // The mapping links the record to the case: never in the record's output, only in its own file or on stderr.
  const ids = JSON.stringify(r.ids, null, values.pretty ? 2 : undefined);
  if (idsFile !== undefined) {
    try {
      // Readable by its owner only, also when the file was there before (its mode is set before the mapping is written).
      const fd = fs.openSync(path.resolve(io.cwd, idsFile), 'w', 0o600);
      try {
        fs.fchmodSync(fd, 0o600);
        fs.writeFileSync(fd, `${ids}\n`);
      } finally {
        fs.closeSync(fd);
      }
    } catch (e) {
      err(
        io,
        `za-duties record: could not write the id mapping to ${idsFile}: ${(e as { code?: string }).code ?? 'error'}; no record printed`,
      );
      return EXIT.failed;
    }
  }
  await out(io, `${JSON.stringify(r.data, null, values.pretty ? 2 : undefined)}\n`);
  err(
    io,
    idsFile !== undefined
      ? `za-duties record: id mapping written to ${idsFile}; keep it apart from the record`
      : `za-duties record: id mapping (keep it apart from the record): ${JSON.stringify(r.ids)}`,
  );
  return EXIT.ok;
}

async function replayCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('replay', argv, { pretty: { type: 'boolean' } });
  if (values.help) return help(io, 'replay');
  const doc = await readDocument('replay', onePositional('replay', positionals), io);
  if (!doc.ok) return doc.code;
  const r = replayDecisionRecord(doc.value);
  if (!r.success) return invalid(io, 'replay', { message: r.error.message, issues: r.error.issues }, true);
  const d = r.data;
  await out(
    io,
    `${JSON.stringify({ sameRules: d.sameRules, identical: d.identical, differences: d.differences, ...provenance() }, null, values.pretty ? 2 : undefined)}\n`,
  );
  const rules = d.sameRules ? 'same rules' : 'the rules have changed since the record was made';
  err(
    io,
    `za-duties replay: ${d.identical ? 'identical' : `${d.differences.length} difference${d.differences.length === 1 ? '' : 's'}`} (${rules})`,
  );
  return d.identical ? EXIT.ok : EXIT.failed;
}

/**
 * The catalogue a `--messages` file gives (a JSON object of message id to template), or none. A
 * file that cannot be read or is not JSON is a usage error; ids and parameters are checked by the
 * library (issues `unknown_message_id`, `unknown_placeholder`, exit 2).
 */
function readMessages(file: string | undefined, io: CliIo): Record<string, string> | undefined {
  if (file === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.resolve(io.cwd, file));
  } catch (e) {
    throw new UsageError(`--messages: cannot read ${file}: ${(e as { code?: string }).code ?? 'error'}`);
  }
  // Read as a case is: UTF-8 only, a byte-order mark ignored, a key given twice refused.
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new UsageError(`--messages: ${file} is not valid UTF-8`);
  const r = parseJson(text);
  if (!r.ok) throw new UsageError(`--messages: ${file}:${r.error.line}:${r.error.column}: invalid JSON: ${r.error.reason}`);
  // Whatever the file holds (null, a string) goes to the library, which checks it (exit 2).
  return r.value as Record<string, string>;
}

async function assessCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('assess', argv, {
    format: { type: 'string' },
    full: { type: 'boolean' },
    referenced: { type: 'boolean' },
    pretty: { type: 'boolean' },
    strict: { type: 'boolean' },
    messages: { type: 'string' },
  });
  if (values.help) return help(io, 'assess');
  const messages = readMessages(values.messages as string | undefined, io);
  const format = (values.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'text') throw new UsageError(`--format expects json or text, got ${JSON.stringify(format)}`);
  if (values.referenced === true && format !== 'json')
    throw new UsageError('--referenced is a JSON output (the whole assessment with its texts referred to by id): not with --format text');
  const file = onePositional('assess', positionals);
  let doc: unknown;
  try {
    doc = (await readJsonDocument(file, io)).value;
  } catch (e) {
    if (e instanceof InputError) return invalid(io, 'assess', e, format === 'json');
    throw e;
  }
  const mode = { ...(values.strict === true ? { presumptions: false } : {}), ...(messages !== undefined ? { messages } : {}) };
  // Text for people and --full JSON show why duties do not apply (detail 'full'); the compact JSON is the decisions level.
  // --referenced is the --full JSON with each text referred to by id.
  if (format === 'text' || values.full === true || values.referenced === true) {
    const r = safeAssess(doc, { ...mode, detail: 'full' });
    if (!r.success) return invalid(io, 'assess', { message: r.error.message, issues: r.error.issues }, format === 'json');
    await out(
      io,
      format === 'text'
        ? assessmentText(r.data, { full: values.full === true })
        : `${JSON.stringify(values.referenced === true ? referenceTexts(r.data) : r.data, null, values.pretty ? 2 : undefined)}\n`,
    );
    return EXIT.ok;
  }
  const r = safeAssess(doc, { ...mode, detail: 'decisions' });
  if (!r.success) return invalid(io, 'assess', { message: r.error.message, issues: r.error.issues }, true);
  await out(io, `${values.pretty ? JSON.stringify(r.data, null, 2) : decisionsJson(r.data)}\n`);
  return EXIT.ok;
}

async function checkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('check', argv, { pretty: { type: 'boolean' }, messages: { type: 'string' } });
  if (values.help) return help(io, 'check');
  const messages = readMessages(values.messages as string | undefined, io);
  const file = onePositional('check', positionals);
  let doc: unknown;
  try {
    doc = (await readJsonDocument(file, io)).value;
  } catch (e) {
    if (e instanceof InputError) return invalid(io, 'check', e, true);
    throw e;
  }
  const r = safeCheckCompliance(doc, messages !== undefined ? { messages } : {});
  if (!r.success) return invalid(io, 'check', { message: r.error.message, issues: r.error.issues }, true);
  await out(io, `${JSON.stringify(r.data, null, values.pretty ? 2 : undefined)}\n`);
  const s = r.data.summary;
  err(
    io,
    `za-duties check: ${r.data.compliant ? 'compliant' : 'NOT compliant'}: ${s.met} met, ${s.overdue} overdue, ${s.unmet} unmet, ${s.open} open`,
  );
  return r.data.compliant ? EXIT.ok : EXIT.failed;
}

/** Opens a command's input stream, or says why not (exit 2). */
function openStream(cmd: Command, file: string | undefined, io: CliIo): ReturnType<typeof openInput> | number {
  try {
    return openInput(file, io);
  } catch (e) {
    if (e instanceof InputError) {
      err(io, `za-duties ${cmd}: ${e.message}`);
      return EXIT.invalid;
    }
    throw e;
  }
}

function summaryLine(s: BatchSummary, seconds: number): string {
  const rate = seconds > 0 ? Math.round(s.lines / seconds) : s.lines;
  const errs =
    s.errors > 0
      ? `, ${s.errors} error record${s.errors === 1 ? '' : 's'} (line${s.errors === 1 ? '' : 's'} ${s.errorLines.join(', ')}${s.errors > s.errorLines.length ? ', …' : ''})`
      : '';
  const blank = s.blank > 0 ? `, ${s.blank} blank` : '';
  const oom = s.workersOutOfMemory ?? 0;
  const workers =
    oom > 0
      ? `; ${oom} worker thread${oom === 1 ? '' : 's'} ran out of memory and ${oom === 1 ? 'was' : 'were'} replaced (${oom === 1 ? 'its' : 'their'} lines assessed on the main thread)`
      : '';
  return `${s.lines} line${s.lines === 1 ? '' : 's'}: ${s.assessed} assessed${errs}${blank}${workers}; ${seconds.toFixed(1)} s, ${rate} lines/s`;
}

async function batchCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('batch', argv, {
    full: { type: 'boolean' },
    referenced: { type: 'boolean' },
    'max-line-bytes': { type: 'string' },
    jobs: { type: 'string' },
  });
  if (values.help) return help(io, 'batch');
  const maxLineBytes =
    intOption(values['max-line-bytes'] as string | undefined, 'max-line-bytes', 1, 256 * 1024 * 1024) ?? DEFAULT_MAX_LINE_BYTES;
  const jobs = intOption(values.jobs as string | undefined, 'jobs', 1, 64) ?? 1;
  const file = onePositional('batch', positionals);
  const input = openStream('batch', file, io);
  if (typeof input === 'number') return input;
  const started = Date.now();
  const tty = io.stderr.isTTY === true;
  const s = await runBatch(input.stream, io.stdout, {
    full: values.full === true || values.referenced === true,
    referenced: values.referenced === true,
    maxLineBytes,
    jobs,
    today: todayInSouthAfrica(),
    ...(io.interrupt ? { signal: io.interrupt } : {}),
    ...(tty
      ? {
          onProgress: (p: BatchSummary) =>
            io.stderr.write(`\r\u001b[Kza-duties batch: ${p.lines} lines, ${p.assessed} assessed, ${p.errors} errors…`),
        }
      : {}),
  });
  if (tty) io.stderr.write('\r\u001b[K');
  const seconds = (Date.now() - started) / 1000;
  if (s.stoppedEarly) {
    err(io, `za-duties batch: stopped early: ${s.stoppedEarly}; ${summaryLine(s, seconds)}`);
    return EXIT.failed;
  }
  err(io, `za-duties batch: ${summaryLine(s, seconds)}`);
  return s.errors > 0 ? EXIT.partial : EXIT.ok;
}

/** One referenced assessment (or `batch --referenced` record) expanded, as JSON; batch error and blank-line records as they came. */
/** The line number of a batch record, as `za-duties batch` writes it. */
const LINE_NUMBER = z.object({ line: z.number().int().min(1) });

function expandedJson(
  value: unknown,
  messages: Record<string, string> | undefined,
  pretty: boolean,
): string | { subject: string; issues: readonly ValidationIssue[] } {
  const record =
    typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { line?: unknown }).line === 'number'
      ? (value as Record<string, unknown>)
      : undefined;
  // A batch record's line number is a whole number from 1 (1e400 would be written as Infinity, not JSON).
  if (record !== undefined) {
    const line = validateWith(LINE_NUMBER, record, 'referenced assessment');
    if (!line.success) return { subject: line.error.subject, issues: line.error.issues };
  }
  // A batch record: its line number first, then the assessment; error and blank-line records stay as they are.
  if (record !== undefined && (record.error !== undefined || record.skipped !== undefined)) return JSON.stringify(value);
  let doc = value;
  if (record !== undefined) {
    const { line: _line, ...rest } = record;
    doc = rest;
  }
  const r = safeExpandTexts(doc, messages !== undefined ? { messages } : {});
  if (!r.success) return { subject: r.error.subject, issues: r.error.issues };
  if (record !== undefined) return `{"line":${record.line as number},${JSON.stringify(r.data).slice(1)}`;
  return JSON.stringify(r.data, null, pretty ? 2 : undefined);
}

/** Why a record was not expanded: bad options, or not a referenced assessment of these rules. */
const notExpanded = (subject: string) => (subject === 'options' ? 'invalid --messages' : 'not a referenced assessment of these rules');

async function expandCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('expand', argv, { pretty: { type: 'boolean' }, messages: { type: 'string' } });
  if (values.help) return help(io, 'expand');
  const messages = readMessages(values.messages as string | undefined, io);
  const file = onePositional('expand', positionals);
  const input = openStream('expand', file, io);
  if (typeof input === 'number') return input;
  const lines = readline.createInterface({ input: input.stream, crlfDelay: Number.POSITIVE_INFINITY });
  // NDJSON (a line that is JSON on its own, as batch writes), or one document over several lines (--pretty).
  let document: string[] | undefined;
  let documentLine = 1;
  let documentBytes = 0;
  let n = 0;
  let records = 0;
  let first: unknown;
  let pending: string[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    pendingBytes = 0;
    await out(io, text);
  };
  const fail = (where: string, issues: readonly ValidationIssue[] | undefined, message: string) => {
    err(io, `za-duties expand: ${where}: ${message}${issues && issues.length > 0 ? `\n${issueLines(issues)}` : ''}`);
    return EXIT.invalid;
  };
  for await (const raw of lines) {
    n++;
    const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (document !== undefined) {
      documentBytes += text.length + 1;
      if (documentBytes > MAX_DOCUMENT_BYTES)
        return fail(input.name, undefined, `a document larger than ${MAX_DOCUMENT_BYTES} bytes (NDJSON is read line by line)`);
      document.push(text);
      continue;
    }
    if (text.trim() === '') continue;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      if (records === 0) {
        // The first line that is not JSON on its own: one document over several lines.
        document = [text];
        documentLine = n;
        documentBytes = text.length;
        continue;
      }
      await flush();
      return fail(`line ${n}`, undefined, `invalid JSON at column ${parsed.error.column}: ${parsed.error.reason}`);
    }
    const r = expandedJson(parsed.value, messages, false);
    if (typeof r !== 'string') {
      await flush();
      return fail(`line ${n}`, r.issues, notExpanded(r.subject));
    }
    records++;
    if (records === 1) first = parsed.value;
    pending.push(r, '\n');
    pendingBytes += r.length;
    // With --pretty, the first record waits: a document on one line is indented, NDJSON is not.
    if (pendingBytes > 1024 * 1024 && (values.pretty !== true || records > 1)) await flush();
    // A reader that has gone (\`| head\`): nothing more to write.
    if (outputErrors.has(io.stdout)) break;
  }
  if (values.pretty === true && records === 1) {
    pending = [`${expandedJson(first, messages, true) as string}\n`];
  }
  await flush();
  if (document === undefined) return EXIT.ok;
  const parsed = parseJson(document.join('\n'));
  if (!parsed.ok)
    return fail(
      `${input.name}:${parsed.error.line + documentLine - 1}:${parsed.error.column}`,
      undefined,
      `invalid JSON: ${parsed.error.reason}`,
    );
  const r = expandedJson(parsed.value, messages, values.pretty === true);
  if (typeof r !== 'string') return fail(input.name, r.issues, notExpanded(r.subject));
  await out(io, `${r}\n`);
  return EXIT.ok;
}

async function schemaCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('schema', argv, { write: { type: 'string' } });
  if (values.help) return help(io, 'schema');
  if (values.write !== undefined) {
    if (positionals.length > 0) throw new UsageError('schema --write writes every schema; give no name');
    const dir = path.resolve(io.cwd, values.write as string);
    try {
      fs.mkdirSync(dir, { recursive: true });
      for (const name of SCHEMA_NAMES)
        fs.writeFileSync(path.join(dir, schemaFileName(name)), `${JSON.stringify(jsonSchema(name), null, 2)}\n`);
      // The English message catalogue, for apps that render the outputs' messages (msg) themselves.
      fs.writeFileSync(path.join(dir, 'messages.en.json'), `${JSON.stringify(englishMessages, null, 2)}\n`);
    } catch (e) {
      // A path that is a file, or a folder we may not write to, is the caller's to fix: a usage error.
      const code = (e as { code?: string }).code;
      const why =
        code === 'EEXIST' || code === 'ENOTDIR'
          ? 'it is a file, not a folder'
          : code === 'EACCES' || code === 'EPERM'
            ? 'no permission to write there'
            : (code ?? 'cannot write there');
      throw new UsageError(`schema --write needs a folder: cannot write to ${values.write as string}: ${why}`);
    }
    err(io, `za-duties schema: wrote ${SCHEMA_NAMES.length} schemas and messages.en.json to ${values.write as string}`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`schema takes one name, got ${positionals.join(' ')}`);
  const name = positionals[0] ?? 'input';
  if (!isSchemaName(name)) throw new UsageError(`no schema named ${JSON.stringify(name)}; the names are ${SCHEMA_NAMES.join(', ')}`);
  await out(io, `${JSON.stringify(jsonSchema(name), null, 2)}\n`);
  return EXIT.ok;
}

async function rulesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('rules', argv, { compact: { type: 'boolean' } });
  if (values.help) return help(io, 'rules');
  if (positionals.length > 0) throw new UsageError(`rules takes no arguments, got ${positionals.join(' ')}`);
  await out(io, `${JSON.stringify(dutyCatalogue(), null, values.compact ? undefined : 2)}\n`);
  return EXIT.ok;
}

const SERVE_FLAGS = {
  'max-body-bytes': ['maxBodyBytes', 1, 64 * 1024 * 1024],
  'max-people': ['maxPeople', 1, 200],
  'max-concerns': ['maxConcerns', 1, 500],
  'max-response-bytes': ['maxResponseBytes', 1024, 1024 * 1024 * 1024],
  'max-concurrent': ['maxConcurrent', 1, 10_000],
  'max-unsent-bytes': ['maxUnsentBytes', 1024, 16 * 1024 * 1024 * 1024],
  'max-connections': ['maxConnections', 1, 100_000],
  'idle-timeout-ms': ['idleTimeoutMs', 1, 3_600_000],
  'headers-timeout-ms': ['headersTimeoutMs', 1, 600_000],
  'timeout-ms': ['bodyTimeoutMs', 1, 600_000],
  'request-timeout-ms': ['requestTimeoutMs', 1, 3_600_000],
  'send-timeout-ms': ['sendTimeoutMs', 1, 3_600_000],
} as const satisfies Record<string, readonly [keyof ServeOptions, number, number]>;

async function serveCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('serve', argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    ...Object.fromEntries(Object.keys(SERVE_FLAGS).map((k) => [k, { type: 'string' as const }])),
  });
  if (values.help) return help(io, 'serve');
  if (positionals.length > 0) throw new UsageError(`serve takes no arguments, got ${positionals.join(' ')}`);
  const port = intOption(values.port as string | undefined, 'port', 0, 65535) ?? 8080;
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const limits: Record<string, number> = {};
  for (const [name, [key, min, max]] of Object.entries(SERVE_FLAGS)) {
    const v = intOption(values[name] as string | undefined, name, min, max);
    if (v !== undefined) limits[key] = v;
  }
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer({ port, host, ...limits });
  } catch (e) {
    const code = (e as { code?: string }).code;
    err(
      io,
      `za-duties serve: could not listen on ${host}:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'no such address here' : (code ?? 'error')}`,
    );
    return EXIT.failed;
  }
  if (!isLoopbackHost(host)) err(io, `za-duties serve: warning: bound to ${host}, not loopback; there is no authentication`);
  err(io, `za-duties serve: listening on ${running.url} (${SERVER_PATHS.replace(' or ', ', ')})`);
  const signal = await (io.waitForShutdown ? io.waitForShutdown() : new Promise<string>(() => undefined));
  err(io, `za-duties serve: ${signal}: finishing in-flight requests`);
  await running.close();
  err(io, 'za-duties serve: stopped');
  return EXIT.ok;
}

async function help(io: CliIo, topic: string): Promise<number> {
  await out(io, `${HELP[topic] ?? HELP.main}\n`);
  return EXIT.ok;
}

/**
 * Runs `za-duties` with the arguments (without `node` and the script) and returns the exit code.
 * Never throws: usage errors exit 2, unexpected errors 70 (with no stack trace and nothing of the input).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  // Write errors are seen through the write callbacks; the events must not crash the process.
  const ignore = () => undefined;
  io.stdout.on('error', ignore);
  io.stderr.on('error', ignore);
  try {
    return withOutputVerdict(io, await dispatch(argv, io));
  } finally {
    io.stdout.off('error', ignore);
    io.stderr.off('error', ignore);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help') return await help(io, 'main');
    if (first === 'help') return await help(io, rest[0] ?? 'main');
    if (first === '-v' || first === '--version') {
      await out(io, `za-duties ${packageVersion} (ruleset ${dutyCatalogue().rulesetVersion})\n`);
      return EXIT.ok;
    }
    switch (first) {
      case 'assess':
        return await assessCommand(rest, io);
      case 'batch':
        return await batchCommand(rest, io);
      case 'expand':
        return await expandCommand(rest, io);
      case 'check':
        return await checkCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'record':
        return await recordCommand(rest, io);
      case 'replay':
        return await replayCommand(rest, io);
      case 'schema':
        return await schemaCommand(rest, io);
      case 'rules':
        return await rulesCommand(rest, io);
      case 'serve':
        return await serveCommand(rest, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(first)}; the commands are ${COMMANDS.join(', ')} (see za-duties --help)`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(io, `za-duties: ${e.message}`);
      return EXIT.invalid;
    }
    err(io, `za-duties: internal error (${e instanceof Error ? e.name : 'unknown'}); please report it`);
    return EXIT.internal;
  }
}
