import * as z from 'zod';
import type { CaseInput, Untrusted } from '../case/input.js';
import { CaseInputSchema, type ValidatedCase } from '../case/schema.js';
import { DUTY_IDS } from '../case/vocabulary.js';
import { validateWith } from '../errors/from-zod.js';
import type { ValidationError } from '../errors/validation-error.js';
import { assessValidated, validateCase, type AssessOptions } from './assess.js';
import { rulesHash, rulesetVersionOf } from './version.js';
import type { Assessment, DutyStatus } from './types.js';

const Status = z.enum(['applies', 'may_apply', 'does_not_apply']);

/**
 * The zod schema of a decision record (validated again when replayed).
 *
 * @example
 * ```ts
 * DecisionRecordSchema.safeParse({}).success; //=> false
 * ```
 * @category Records
 */
export const DecisionRecordSchema = z
  .object({
    recordVersion: z.literal(1),
    rulesetVersion: z.string().min(1),
    rulesHash: z.string().regex(/^[0-9a-f]{14}$/),
    assessmentDate: z.string(),
    lawAsAt: z.string(),
    input: CaseInputSchema,
    outcome: z.array(z.object({ duty: z.enum(DUTY_IDS), person: z.string(), status: Status, modality: z.enum(['must', 'may']) }).strict()),
    overlaps: z.array(z.object({ id: z.string(), person: z.string(), status: Status }).strict()),
  })
  .strict();

/** A replayable record of one decision: the input without names, the ruleset and its hash, the law-as-at date, the outcome. */
export type DecisionRecord = z.output<typeof DecisionRecordSchema>;

/** The result of {@link decisionRecord}: the record, or the validation error. */
export type DecisionRecordResult = { readonly success: true; readonly data: DecisionRecord } | { readonly success: false; readonly error: ValidationError };

/** What replaying a record found. */
export interface ReplayResult {
  /** The same ruleset (by hash) as when the record was made. */
  readonly sameRules: boolean;
  /** Every duty status and overlap came out the same. */
  readonly identical: boolean;
  readonly differences: readonly { readonly duty: string; readonly person: string; readonly recorded: DutyStatus | 'absent'; readonly now: DutyStatus | 'absent' }[];
}

/** Replaces every person and concern id with a neutral one, so no name survives into the record. */
function pseudonymise(c: ValidatedCase, assessmentDate: string): ValidatedCase {
  const people = new Map(c.people.map((p, i) => [p.id, `person-${i + 1}`] as const));
  const id = (x: string) => people.get(x) ?? x;
  return {
    assessmentDate,
    reporter: c.reporter,
    people: c.people.map((p) => ({ ...p, id: id(p.id), ...(p.caregiverOf ? { caregiverOf: p.caregiverOf.map(id) } : {}) })),
    concerns: c.concerns.map((k, i) => ({ ...k, id: `concern-${i + 1}`, victim: id(k.victim), ...(k.allegedBy ? { allegedBy: id(k.allegedBy) } : {}) })),
  };
}

function outcomeOf(a: Assessment): Pick<DecisionRecord, 'outcome' | 'overlaps'> {
  return {
    outcome: a.duties.map((d) => ({ duty: d.duty, person: d.person, status: d.status, modality: d.modality })),
    overlaps: a.overlaps.map((o) => ({ id: o.id, person: o.person, status: o.status })),
  };
}

/**
 * Makes a replayable decision record of an assessment: the case with every id replaced by a
 * neutral one (no names), the ruleset version and a hash of the rule files, the law-as-at date
 * and the outcome. Replaying it with the same ruleset gives the identical outcome.
 *
 * @param input - A case, as for `assess`.
 * @param options - As for `assess`.
 * @returns `{ success: true, data: record }` or the validation error.
 * @example
 * ```ts
 * const r = decisionRecord(myCase);
 * r.success && r.data.outcome[0]; //=> { duty: 'dva-s2A', person: 'person-2', status: 'may_apply', modality: 'must' }
 * ```
 * @category Records
 */
export function decisionRecord(input: CaseInput, options?: AssessOptions): DecisionRecordResult;
/**
 * Records a decision on untrusted input (a value typed `unknown`, `any` or
 * `Record<string, unknown>`), validating it at run time; see the typed overload for the rest.
 *
 * @param input - Untrusted input (see {@link Untrusted}).
 * @param options - As for `assess`.
 * @returns `{ success: true, data: record }` or the validation error.
 * @example
 * ```ts
 * const r = decisionRecord(JSON.parse(body) as unknown);
 * ```
 */
export function decisionRecord<T>(input: Untrusted<T>, options?: AssessOptions): DecisionRecordResult;
export function decisionRecord(input: unknown, options: AssessOptions = {}): DecisionRecordResult {
  const v = validateCase(input, options);
  if (!v.success) return v;
  const anon = pseudonymise(v.data, v.assessmentDate);
  const a = assessValidated(anon, v.assessmentDate, v.knowledgeDate);
  return {
    success: true,
    data: { recordVersion: 1, rulesetVersion: rulesetVersionOf(), rulesHash: rulesHash(), assessmentDate: v.assessmentDate, lawAsAt: v.knowledgeDate, input: anon, ...outcomeOf(a) },
  };
}

/**
 * Replays a decision record with the library's current rules and says whether the outcome is
 * identical, and whether the rules are the same as when it was recorded.
 *
 * @param record - A record from {@link decisionRecord} (validated here).
 * @returns The replay result, or the validation error.
 * @example
 * ```ts
 * const r = decisionRecord(myCase);
 * r.success && replayDecisionRecord(r.data); //=> { success: true, data: { sameRules: true, identical: true, differences: [] } }
 * ```
 * @category Records
 */
export function replayDecisionRecord(record: unknown): { success: true; data: ReplayResult } | { success: false; error: ValidationError } {
  const r = validateWith(DecisionRecordSchema, record, 'decision record');
  if (!r.success) return r;
  const rec = r.data;
  const v = validateCase(rec.input);
  if (!v.success) return v;
  const now = outcomeOf(assessValidated(v.data, v.assessmentDate, v.knowledgeDate));
  const key = (d: { duty: string; person: string }) => `${d.duty}|${d.person}`;
  const recorded = new Map(rec.outcome.map((d) => [key(d), d.status] as const));
  const current = new Map(now.outcome.map((d) => [key(d), d.status] as const));
  const differences: { duty: string; person: string; recorded: DutyStatus | 'absent'; now: DutyStatus | 'absent' }[] = [];
  for (const k of new Set([...recorded.keys(), ...current.keys()])) {
    const a = recorded.get(k) ?? 'absent';
    const b = current.get(k) ?? 'absent';
    if (a !== b) {
      const [duty = '', person = ''] = k.split('|');
      differences.push({ duty, person, recorded: a, now: b });
    }
  }
  for (const o of rec.overlaps) {
    const n = now.overlaps.find((x) => x.id === o.id && x.person === o.person);
    if (!n || n.status !== o.status) differences.push({ duty: o.id, person: o.person, recorded: o.status, now: n?.status ?? 'absent' });
  }
  return { success: true, data: { sameRules: rec.rulesHash === rulesHash(), identical: differences.length === 0, differences } };
}
