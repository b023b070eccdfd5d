import * as z from 'zod';
import { assertEqual, type DeepMutable } from '../errors/type-equal.js';
import {
  ASSESSMENT_MODES,
  DUTY_IDS,
  DUTY_STATUSES,
  MODALITIES,
  AssessmentSchema,
  FactNameSchema,
  ReferencedAssessmentSchema,
  type ErrorCode,
  ValidationIssueSchema,
  type Assessment,
  type CompactAssessment,
  type CompactDuty,
  type CompactReason,
  type DutyResult,
  type Reason,
  type ReasonValue,
} from '../index.js';

/*
 * The compact form of an assessment: what batch runs and scripts need per case, at a fraction of
 * the size of the full assessment (citations, recipients, timing, guidance and helplines are the
 * same for every case and come once from `za-duties rules`). Measured: the full assessment of a
 * scenario case is ~57 KB of JSON (median), serialised at ~3,000/s here; the compact one is
 * ~2.6 KB, at ~34,000/s. The tests of the reasons are left out too: they are the rule files'
 * (rules/, shipped in the package), by duty id and fact; `--full` has them.
 */

function compactReasons(d: DutyResult): CompactReason[] {
  if (d.status === 'may_apply') return [];
  const out: CompactReason[] = [];
  const seen = new Set<string>();
  for (const r of d.reasons as readonly Reason[]) {
    const key = `${r.fact}\u0000${String(r.result)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ fact: r.fact, value: r.value, result: r.result });
  }
  return out;
}

/**
 * Shapes a full assessment (`detail: 'full'`) compactly: duty id, person, status, modality,
 * deciding reasons, missing facts. `assess(case, { detail: 'decisions' })` gives the same object
 * without building the full one; from a `standard` assessment the reasons of duties that do not
 * apply would be missing.
 */
export function compactAssessment(a: Assessment): CompactAssessment {
  const duties = a.duties.map((d): CompactDuty => {
    const missing = d.missing.length === 0 ? [] : [...new Set(d.missing.map((m) => m.fact))];
    const c: { -readonly [K in keyof CompactDuty]: CompactDuty[K] } = {
      duty: d.duty,
      person: d.person,
      status: d.status,
      modality: d.modality,
      reasons: compactReasons(d),
      missing,
    };
    if (d.presumed) c.presumed = [...new Set(d.presumed.map((p) => p.id))];
    if (d.deadline) c.deadline = { hours: d.deadline.hours, latestDate: d.deadline.latestDate, passed: d.deadline.passed };
    return c;
  });
  const overlaps = a.overlaps.map((o) => ({ id: o.id, person: o.person, status: o.status }));
  const head = { assessmentDate: a.assessmentDate, lawAsAt: a.lawAsAt, mode: a.mode, rulesetVersion: a.rulesetVersion, duties, overlaps };
  return a.caseId !== undefined ? { caseId: a.caseId, ...head } : head;
}

// --- Serialising without JSON.stringify ----------------------------------------------------
// Batch output is bounded by serialising: `decisionsJson` writes the same JSON text as
// `JSON.stringify` of a compact assessment (a test checks it on every scenario), about 4 times
// faster. Text that comes from the input (ids, values) goes through JSON.stringify; the rest
// (duty ids, statuses, fact names) is the library's own vocabulary, quoted once and cached.

const quoted = new Map<string, string>();
function q(s: string): string {
  let x = quoted.get(s);
  if (x === undefined) {
    x = JSON.stringify(s);
    if (quoted.size < 10_000) quoted.set(s, x);
  }
  return x;
}

function valueJson(v: ReasonValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'string':
      return JSON.stringify(v);
    default:
      return 'min' in v ? `{"min":${valueJson(v.min)},"max":${valueJson(v.max)}}` : JSON.stringify(v);
  }
}

// A reason's JSON depends only on its fact, value and result, and the same few recur case after
// case: each is written once and kept, by fact, then value (a primitive), then result. A range or
// a list is written afresh; so is everything once the cache holds `REASONS_KEPT` texts (values
// such as dates come from the input and need not recur).
const REASONS_KEPT = 10_000;
let reasonsKept = 0;
const reasonTexts = new Map<string, Map<string | number | boolean | null, (string | undefined)[]>>();

/** `i`: the result (0 false, 1 true, 2 unknown), plus 3 when the reason follows another (a comma first). */
function reasonText(r: CompactReason, i: number): string {
  const result = i % 3 === 2 ? '"unknown"' : i % 3 === 1 ? 'true' : 'false';
  // Joined, not concatenated: a kept text is then one flat string, where a template gives a rope
  // that every record joining it would walk again.
  return [i >= 3 ? ',{"fact":' : '{"fact":', q(r.fact), ',"value":', valueJson(r.value), ',"result":', result, '}'].join('');
}

/** A reason as JSON text, after a comma when it is not the first (`after`). */
function reasonJson(r: CompactReason, after: boolean): string {
  const v = r.value;
  const i = (r.result === 'unknown' ? 2 : r.result ? 1 : 0) + (after ? 3 : 0);
  if (typeof v === 'object' && v !== null) return reasonText(r, i);
  let byValue = reasonTexts.get(r.fact);
  if (byValue === undefined) {
    byValue = new Map();
    reasonTexts.set(r.fact, byValue);
  }
  let texts = byValue.get(v);
  if (texts === undefined) {
    if (reasonsKept >= REASONS_KEPT) return reasonText(r, i);
    texts = [];
    byValue.set(v, texts);
  }
  let t = texts[i];
  if (t === undefined) {
    t = reasonText(r, i);
    texts[i] = t;
    reasonsKept++;
  }
  return t;
}

/** The library's own words around a duty's fields, each joined once: the fewer pieces a record has, the faster it is joined. */
const dutyHeads = new Map<string, readonly [string, string]>();
function dutyHead(duty: string, first: boolean): string {
  let t = dutyHeads.get(duty);
  if (t === undefined) {
    t = [['{"duty":', q(duty), ',"person":'].join(''), [',{"duty":', q(duty), ',"person":'].join('')];
    dutyHeads.set(duty, t);
  }
  return first ? t[0] : t[1];
}
const statusHeads = new Map<string, Map<string, string>>();
function statusHead(status: string, modality: string): string {
  let byModality = statusHeads.get(status);
  if (byModality === undefined) {
    byModality = new Map();
    statusHeads.set(status, byModality);
  }
  let t = byModality.get(modality);
  if (t === undefined) {
    t = [',"status":', q(status), ',"modality":', q(modality), ',"reasons":['].join('');
    byModality.set(modality, t);
  }
  return t;
}

/**
 * A compact assessment as `assess(case, { detail: 'decisions' })` returns it, as JSON text:
 * identical to `JSON.stringify(c)` (with `line`, a batch record), and the same text as
 * `JSON.stringify(compactAssessment(full))` of the full assessment of the same case (a test checks both).
 */
export function decisionsJson(c: CompactAssessment, line?: number): string {
  // The pieces are collected and joined once: a string built by `+=` is a deep rope that costs
  // more to flatten (when it is written) than to build.
  const out: string[] = [line === undefined ? '{' : `{"line":${line},`];
  if (c.caseId !== undefined) out.push(`"caseId":${JSON.stringify(c.caseId)},`);
  out.push(
    `"assessmentDate":${JSON.stringify(c.assessmentDate)},"lawAsAt":${JSON.stringify(c.lawAsAt)},"mode":${q(c.mode)},"rulesetVersion":${q(c.rulesetVersion)},"duties":[`,
  );
  let lastPerson = '';
  let person = '""';
  for (let i = 0; i < c.duties.length; i++) {
    const d = c.duties[i] as CompactDuty;
    if (d.person !== lastPerson || i === 0) {
      lastPerson = d.person;
      person = JSON.stringify(d.person);
    }
    out.push(dutyHead(d.duty, i === 0), person, statusHead(d.status, d.modality));
    for (let j = 0; j < d.reasons.length; j++) out.push(reasonJson(d.reasons[j] as CompactReason, j > 0));
    if (d.missing.length === 0) out.push('],"missing":[]');
    else {
      out.push('],"missing":[');
      for (let j = 0; j < d.missing.length; j++) {
        if (j > 0) out.push(',');
        out.push(q(d.missing[j] as string));
      }
      out.push(']');
    }
    if (d.presumed) out.push(`,"presumed":[${d.presumed.map(q).join(',')}]`);
    if (d.deadline)
      out.push(
        `,"deadline":{"hours":${valueJson(d.deadline.hours)},"latestDate":${JSON.stringify(d.deadline.latestDate)},"passed":${d.deadline.passed ? 'true' : 'false'}}`,
      );
    out.push('}');
  }
  out.push('],"overlaps":[');
  for (let i = 0; i < c.overlaps.length; i++) {
    const o = c.overlaps[i] as CompactAssessment['overlaps'][number];
    out.push(i > 0 ? ',{"id":' : '{"id":', q(o.id), ',"person":', JSON.stringify(o.person), ',"status":', q(o.status), '}');
  }
  out.push(']}');
  return out.join('');
}

const Status = z.enum(DUTY_STATUSES);

/** The zod schema of a {@link CompactAssessment} (`za-duties schema output-compact`). */
export const CompactAssessmentSchema = z
  .strictObject({
    caseId: z.string().optional(),
    assessmentDate: z.string(),
    lawAsAt: z.string(),
    mode: z.enum(ASSESSMENT_MODES),
    rulesetVersion: z.string(),
    duties: z.array(
      z.strictObject({
        duty: z.enum(DUTY_IDS),
        person: z.string(),
        status: Status,
        modality: z.enum(MODALITIES),
        reasons: z.array(
          z.strictObject({
            fact: z.union([FactNameSchema, z.literal('knowledgeDate')]),
            value: z.union([
              z.boolean(),
              z.number(),
              z.string(),
              z.strictObject({ min: z.number(), max: z.number() }),
              z.array(z.string()),
              z.null(),
            ]),
            result: z.union([z.boolean(), z.literal('unknown')]),
          }),
        ),
        missing: z.array(FactNameSchema),
        presumed: z.array(z.string()).optional(),
        deadline: z.strictObject({ hours: z.number(), latestDate: z.string(), passed: z.boolean() }).optional(),
      }),
    ),
    overlaps: z.array(z.strictObject({ id: z.string(), person: z.string(), status: Status })),
  })
  .meta({
    title: 'CompactAssessment',
    description:
      "The compact assessment: what assess(case, { detail: 'decisions' }) returns, what `za-duties assess` writes (without --full) and, with a `line` number, `za-duties batch`. Citations, recipients and timing are in `za-duties rules`, by duty id.",
  });

/** The zod schema of one `za-duties batch` output line: a compact (or, with --full, full) assessment with its line number, or an error record. */
export const BatchRecordSchema = z
  .union([
    CompactAssessmentSchema.extend({ line: z.number().int().min(1) }),
    AssessmentSchema.extend({ line: z.number().int().min(1) }).meta({ description: 'With --full: the whole assessment.' }),
    ReferencedAssessmentSchema.extend({ line: z.number().int().min(1) }).meta({
      description: 'With --referenced: the full assessment with its texts referred to by id (za-duties expand).',
    }),
    z.strictObject({
      line: z.number().int().min(1),
      caseId: z.string().optional(),
      error: z.strictObject({
        code: z.enum(['invalid_json', 'invalid_input', 'line_too_long', 'internal_error'] as const satisfies readonly ErrorCode[]),
        message: z.string(),
        column: z.number().int().optional(),
        bytes: z.number().int().optional(),
        limit: z.number().int().optional(),
        issues: z.array(ValidationIssueSchema).optional(),
      }),
    }),
    z.strictObject({ line: z.number().int().min(1), skipped: z.literal('blank line') }),
  ])
  .meta({ title: 'BatchRecord', description: 'One line of `za-duties batch` output.' });

assertEqual<z.output<typeof CompactAssessmentSchema>, DeepMutable<CompactAssessment>>(true);
