import * as z from 'zod';
import { deriveCase } from '../case/derive.js';
import { FACT_NAMES, type FactName, type FactValue } from '../case/facts.js';
import type { CaseInput, Untrusted } from '../case/input.js';
import type { ValidatedCase } from '../case/schema.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { evaluateVersion, versionInForce, type CompiledVersion } from '../engine/duties.js';
import type { Tri } from '../engine/evaluate.js';
import { validateWith } from '../errors/from-zod.js';
import type { ValidationError } from '../errors/validation-error.js';
import { assessValidated, defaultCompiled, validateCase, type AssessOptions } from './assess.js';
import type { Assessment, DutyStatus, Overlap } from './types.js';
import { rulesHash, rulesetVersionOf } from './version.js';

/*
 * Decision records, made to be kept: for an audit (which rules, which version of each provision,
 * what was decided, replayable) and for POPIA (no names, no dates of birth, no exact dates). A
 * record keeps what the decision used, not the case: the derived facts per person at risk and
 * concern (ages in whole years or ranges, roles, relationships, yes/no facts) and the version of
 * each provision applied, identified by its public commencement date. Replaying evaluates the
 * current rules on those facts.
 */

const Status = z.enum(['applies', 'may_apply', 'does_not_apply']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FactValueSchema = z.union([
  z.boolean(),
  z.number(),
  z.string().refine((s) => !ISO_DATE.test(s), { message: 'a value that is not a date (records keep no exact dates)' }),
  z.strictObject({ min: z.number(), max: z.number() }),
  z.array(z.string()),
]);

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
  .strictObject({
    recordVersion: z.literal(2),
    rulesetVersion: z.string().min(1),
    rulesHash: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'SHA-256 (hex) of the bundled rule files, computed when the library was built.' }),
    law: z
      .array(
        z.strictObject({
          duty: z.enum(DUTY_IDS),
          version: z
            .strictObject({ provision: z.string(), inForceFrom: z.string().regex(ISO_DATE).nullable() })
            .nullable()
            .meta({ description: 'The version of the provision applied, by its commencement date (null start: commencement unverified); null: none in force.' }),
        }),
      )
      .meta({ description: 'For each duty, the version of the provision the decision applied.' }),
    facts: z
      .array(
        z.strictObject({
          person: z.string(),
          concern: z.string(),
          facts: z.partialRecord(z.enum(FACT_NAMES as [FactName, ...FactName[]]), FactValueSchema),
        }),
      )
      .meta({ description: 'The derived facts the rules read, per person at risk and concern (unknown facts absent); the rules are replayed on these.' }),
    outcome: z.array(z.strictObject({ duty: z.enum(DUTY_IDS), person: z.string(), status: Status, modality: z.enum(['must', 'may']) })),
    overlaps: z.array(z.strictObject({ id: z.enum(['dva-report', 'one-police-report']), person: z.string(), status: Status })),
  })
  .meta({ title: 'DecisionRecord', description: 'A replayable record of one decision, with no names, no dates of birth and no exact dates (za-reporting-duties).' });

/** A replayable record of one decision: the rules (hash and versions applied), the derived facts per person and concern, the outcome. No names, no dates of birth, no exact dates. */
export type DecisionRecord = z.output<typeof DecisionRecordSchema>;

/** The ids a record uses in place of the case's own: keep it apart from the record (it links the record to the case). */
export interface IdMapping {
  /** Each `people[].id` of the case and the `person-N` that stands for it in the record. */
  readonly people: readonly { readonly id: string; readonly recordId: string }[];
  /** Each `concerns[].id` of the case and the `concern-N` that stands for it in the record. */
  readonly concerns: readonly { readonly id: string; readonly recordId: string }[];
}

/** The result of {@link decisionRecord}: the record and the id mapping it applied, or the validation error. */
export type DecisionRecordResult =
  | { readonly success: true; readonly data: DecisionRecord; readonly ids: IdMapping }
  | { readonly success: false; readonly error: ValidationError };

/** What replaying a record found. */
export interface ReplayResult {
  /** The same ruleset (by hash) as when the record was made. */
  readonly sameRules: boolean;
  /** Every duty status and overlap came out the same. */
  readonly identical: boolean;
  readonly differences: readonly { readonly duty: string; readonly person: string; readonly recorded: DutyStatus | 'absent'; readonly now: DutyStatus | 'absent' }[];
}

/** Replaces every person and concern id with a neutral one, so no label survives into the record. */
function pseudonymise(c: ValidatedCase): { anon: ValidatedCase; ids: IdMapping } {
  const people = new Map(c.people.map((p, i) => [p.id, `person-${i + 1}`] as const));
  const id = (x: string) => people.get(x) ?? x;
  const anon: ValidatedCase = {
    ...(c.assessmentDate !== undefined ? { assessmentDate: c.assessmentDate } : {}),
    reporter: c.reporter,
    people: c.people.map((p) => ({ ...p, id: id(p.id), ...(p.caregiverOf ? { caregiverOf: p.caregiverOf.map(id) } : {}) })),
    concerns: c.concerns.map((k, i) => ({ ...k, id: `concern-${i + 1}`, victim: id(k.victim), ...(k.allegedBy ? { allegedBy: id(k.allegedBy) } : {}) })),
  };
  return {
    anon,
    ids: {
      people: c.people.map((p) => ({ id: p.id, recordId: id(p.id) })),
      concerns: c.concerns.map((k, i) => ({ id: k.id, recordId: `concern-${i + 1}` })),
    },
  };
}

function outcomeOf(a: Assessment): Pick<DecisionRecord, 'outcome' | 'overlaps'> {
  return {
    outcome: a.duties.map((d) => ({ duty: d.duty, person: d.person, status: d.status, modality: d.modality })),
    overlaps: a.overlaps.map((o) => ({ id: o.id, person: o.person, status: o.status })),
  };
}

/** A derived fact as a record keeps it: definite values only, and never a date. */
function kept(v: FactValue): v is Exclude<FactValue, undefined> {
  return v !== undefined && !(typeof v === 'string' && ISO_DATE.test(v));
}

function isList(v: FactValue): v is readonly string[] {
  return Array.isArray(v);
}

/**
 * Makes a replayable decision record of an assessment, fit to be kept: every person and concern
 * id replaced by a neutral one (`person-1`, `concern-1`; the mapping is returned beside the record,
 * to be kept apart from it), no dates of birth and no exact dates — only what the decision used:
 * the derived facts per person at risk and concern, the version of each provision applied, the
 * ruleset version and the SHA-256 of the rule files, and the outcome. Replaying it with the same
 * rules gives the identical outcome.
 *
 * @param input - A case, as for `assess`.
 * @param options - As for `assess`.
 * @returns `{ success: true, data: record, ids }` or the validation error.
 * @example
 * ```ts
 * const r = decisionRecord(myCase);
 * r.success && r.data.outcome[0]; //=> { duty: 'dva-s2A', person: 'person-2', status: 'may_apply', modality: 'must' }
 * r.success && r.ids.people[1];   //=> { id: 'child-a', recordId: 'person-2' }
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
 * @returns `{ success: true, data: record, ids }` or the validation error.
 * @example
 * ```ts
 * const r = decisionRecord(JSON.parse(body) as unknown);
 * ```
 */
export function decisionRecord<T>(input: Untrusted<T>, options?: AssessOptions): DecisionRecordResult;
export function decisionRecord(input: unknown, options: AssessOptions = {}): DecisionRecordResult {
  const v = validateCase(input, options);
  if (!v.success) return v;
  const { anon, ids } = pseudonymise(v.data);
  const a = assessValidated(anon, v.assessmentDate, v.knowledgeDate);
  const derived = deriveCase(anon, { assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate });
  const compiled = defaultCompiled();
  const law = DUTY_IDS.map((duty) => {
    const rule = compiled.rules.get(duty);
    const version = rule ? versionInForce(rule, v.knowledgeDate) : undefined;
    return { duty, version: version ? { provision: version.version.provision, inForceFrom: version.version.inForce.from } : null };
  });
  const facts: DecisionRecord['facts'] = [];
  for (const [person, list] of derived.byPerson) {
    for (const cf of list) {
      const kept_: Partial<Record<FactName, Exclude<FactValue, undefined>>> = {};
      for (const name of FACT_NAMES) {
        const val = cf.facts[name];
        if (!kept(val)) continue;
        kept_[name] = isList(val) ? [...val] : typeof val === 'object' ? { min: val.min, max: val.max } : val;
      }
      facts.push({ person, concern: cf.concern.id, facts: kept_ as DecisionRecord['facts'][number]['facts'] });
    }
  }
  return {
    success: true,
    data: { recordVersion: 2, rulesetVersion: rulesetVersionOf(), rulesHash: rulesHash(), law, facts, ...outcomeOf(a) },
    ids,
  };
}

/** The status of a duty for one person over that person's concerns (any applies: applies; else any open: may apply). */
function statusOver(results: readonly Tri[]): DutyStatus {
  if (results.includes(true)) return 'applies';
  return results.includes(null) ? 'may_apply' : 'does_not_apply';
}

/** Re-decides the recorded duties and overlaps on the recorded facts with the current rules. */
function replayOutcome(rec: DecisionRecord): Pick<DecisionRecord, 'outcome' | 'overlaps'> {
  const compiled = defaultCompiled();
  const byPerson = new Map<string, Readonly<Record<string, FactValue>>[]>();
  for (const e of rec.facts) byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), e.facts]);
  const versions = new Map<DutyId, CompiledVersion | undefined>();
  for (const { duty, version } of rec.law) {
    const rule = compiled.rules.get(duty);
    versions.set(duty, version ? rule?.versions.find((x) => x.version.provision === version.provision && x.version.inForce.from === version.inForceFrom) : undefined);
  }
  const outcome: DecisionRecord['outcome'] = [];
  const overlaps: DecisionRecord['overlaps'] = [];
  for (const [person, list] of byPerson) {
    const mine: { duty: DutyId; status: DutyStatus; modality: 'must' | 'may' }[] = [];
    for (const duty of DUTY_IDS) {
      if (!versions.has(duty)) continue;
      const v = versions.get(duty);
      if (!v) {
        mine.push({ duty, status: 'does_not_apply', modality: 'must' });
        continue;
      }
      const outs = list.map((f) => evaluateVersion(v, f));
      const status = statusOver(outs.map((o) => o.result));
      const deciding = outs.find((o) => o.result === (status === 'applies' ? true : status === 'may_apply' ? null : false)) ?? outs[0];
      mine.push({ duty, status, modality: deciding?.limb.modality ?? 'must' });
    }
    outcome.push(...mine.map((d) => ({ duty: d.duty, person, status: d.status, modality: d.modality })));
    const dva = dvaReport(versions.get('dva-s2A'), versions.get('dva-s2B'), list, mine);
    if (dva) overlaps.push({ id: 'dva-report', person, status: dva });
    const police = mine.filter((d) => d.status === 'applies' && d.modality === 'must' && compiled.rules.get(d.duty)?.rule.recipients.includes('police'));
    if (police.length >= 2) overlaps.push({ id: 'one-police-report', person, status: 'applies' });
  }
  return { outcome, overlaps };
}

/**
 * The `dva-report` overlap on recorded facts: s2A and s2B are alternatives, so a report is due
 * when, for every answer to the functionary and course-of-duties questions, one of them holds.
 */
function dvaReport(
  a: CompiledVersion | undefined,
  b: CompiledVersion | undefined,
  list: readonly Readonly<Record<string, FactValue>>[],
  mine: readonly { duty: DutyId; status: DutyStatus }[],
): Overlap['status'] | undefined {
  if (!a || !b) return undefined;
  if (mine.every((d) => (d.duty !== 'dva-s2A' && d.duty !== 'dva-s2B') || d.status === 'does_not_apply')) return undefined;
  const pivots = ['reporterIsFunctionary', 'inCourseOfDuties'];
  let best: DutyStatus = 'does_not_apply';
  for (const facts of list) {
    const open = pivots.filter((p) => facts[p] === undefined);
    let allTrue = true;
    let anyTrueOrOpen = false;
    for (let mask = 0; mask < 1 << open.length; mask++) {
      const f: Record<string, FactValue> = { ...facts };
      open.forEach((p, i) => (f[p] = (mask & (1 << i)) !== 0));
      const ra = evaluateVersion(a, f).result;
      const rb = evaluateVersion(b, f).result;
      const r = ra === true || rb === true ? true : ra === null || rb === null ? null : false;
      if (r !== true) allTrue = false;
      if (r !== false) anyTrueOrOpen = true;
    }
    if (allTrue) return 'applies';
    if (anyTrueOrOpen) best = 'may_apply';
  }
  return best;
}

/**
 * Replays a decision record with the library's current rules — the same version of each
 * provision, on the recorded facts — and says whether the outcome is identical, and whether the
 * rules are the same as when it was recorded.
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
  const now = replayOutcome(rec);
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
  const okey = (o: { id: string; person: string }) => `${o.id}|${o.person}`;
  const nowOverlaps = new Map(now.overlaps.map((o) => [okey(o), o.status] as const));
  const recOverlaps = new Map(rec.overlaps.map((o) => [okey(o), o.status] as const));
  for (const k of new Set([...recOverlaps.keys(), ...nowOverlaps.keys()])) {
    const a = recOverlaps.get(k) ?? 'absent';
    const b = nowOverlaps.get(k) ?? 'absent';
    if (a !== b) {
      const [duty = '', person = ''] = k.split('|');
      differences.push({ duty, person, recorded: a, now: b });
    }
  }
  return { success: true, data: { sameRules: rec.rulesHash === rulesHash(), identical: differences.length === 0, differences } };
}
