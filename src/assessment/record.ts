import * as z from 'zod';
import { FACT_NAMES, type FactName, type FactValue } from '../case/facts.js';
import type { CaseInput, Untrusted } from '../case/input.js';
import type { ValidatedCase } from '../case/schema.js';
import { DUTY_IDS, DUTY_STATUSES, MODALITIES, type DutyId } from '../case/vocabulary.js';
import { versionsInWindow, type VersionInWindow } from '../rules/compiled.js';
import { defaultCompiled } from '../rules/bundled.js';
import { OVERLAPS } from '../rules/overlaps.js';
import { custom, validateWith } from '../errors/from-zod.js';
import type { ValidationError } from '../errors/validation-error.js';
import { assessValidated, deriveValid, validateCase, type AssessOptions } from './assess.js';
import { overlapsOf, statusOnFacts, type DatedFacts } from './duties.js';
import { ASSESSMENT_MODES, type Assessment, type DutyStatus } from './types.js';
import { rulesHash, rulesetVersionOf } from '../rules/version.js';

/*
 * Decision records, made to be kept: for an audit (which rules, which version of each provision,
 * what was decided, replayable) and for POPIA (no names, no dates of birth, no exact dates). A
 * record keeps what the decision used, not the case: the derived facts per person at risk and
 * concern (ages in whole years or ranges, roles, relationships, yes/no facts) and the version of
 * each provision applied, identified by its public commencement date. Replaying evaluates the
 * current rules on those facts.
 */

const Status = z.enum(DUTY_STATUSES);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const FactValueSchema = z.union([
  z.boolean(),
  z.number(),
  z.string().refine((s) => !ISO_DATE.test(s), custom('exact_date_in_record', 'validation.expected.notADate')),
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
    rulesHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({ description: 'SHA-256 (hex) of the bundled rule files, computed when the library was built.' }),
    mode: z.enum(ASSESSMENT_MODES).meta({ description: 'Whether the ordinary presumptions were used; the recorded facts include them.' }),
    law: z
      .array(
        z.strictObject({
          duty: z.enum(DUTY_IDS),
          versions: z
            .array(
              z.strictObject({
                provision: z.string(),
                inForceFrom: z.string().regex(ISO_DATE).nullable(),
                mode: z.enum(['at-knowledge', 'later', 'uncertain']),
                bindsFrom: z.string().regex(ISO_DATE).optional().meta({
                  description:
                    'For a version that binds only later: its commencement (or, unverified commencement, the date it was in force by). A date of the law, not of the case.',
                }),
                certain: z
                  .boolean()
                  .meta({ description: 'For an unverified commencement: whether it was certainly in force by the assessment date.' }),
                atAssessment: z.boolean().meta({ description: 'Still in force on the assessment date.' }),
              }),
            )
            .meta({ description: 'The versions of the provision in force while the reporter knew (empty: none).' }),
        }),
      )
      .meta({ description: 'For each duty, the versions of the provision the decision applied.' }),
    presumed: z
      .array(z.strictObject({ person: z.string(), concern: z.string(), ids: z.array(z.string()) }))
      .meta({ description: 'The presumptions in the recorded facts, per person and concern.' }),
    facts: z
      .array(
        z.strictObject({
          person: z.string(),
          concern: z.string(),
          facts: z.partialRecord(z.enum(FACT_NAMES as [FactName, ...FactName[]]), FactValueSchema),
          dated: z
            .array(
              z.strictObject({
                at: z.union([z.string().regex(ISO_DATE), z.literal('assessment'), z.literal('age')]),
                after: z.string().regex(ISO_DATE).optional().meta({
                  description:
                    "With at 'age': the last commencement in the record's law (bindsFrom) on or before that day, if any. A date of the law, not of the case.",
                }),
                facts: z.partialRecord(z.enum(FACT_NAMES as [FactName, ...FactName[]]), FactValueSchema),
              }),
            )
            .meta({
              description:
                "The facts that move with the date a duty is looked at (ages then), on each later date the decision looked at: a provision's commencement; 'age' for a day an age the rules compare was reached while the reporter still knew (its date is not kept), in order; or 'assessment' for an ongoing act on the assessment date.",
            }),
        }),
      )
      .meta({
        description:
          'The derived facts the rules read, per person at risk and concern (unknown facts absent); the rules are replayed on these.',
      }),
    outcome: z.array(z.strictObject({ duty: z.enum(DUTY_IDS), person: z.string(), status: Status, modality: z.enum(MODALITIES) })),
    overlaps: z.array(z.strictObject({ id: z.string(), person: z.string(), status: Status })),
  })
  .meta({
    title: 'DecisionRecord',
    description: 'A replayable record of one decision, with no names, no dates of birth and no exact dates (za-reporting-duties).',
  });

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
  readonly differences: readonly {
    readonly duty: string;
    readonly person: string;
    readonly recorded: DutyStatus | 'absent';
    readonly now: DutyStatus | 'absent';
  }[];
}

/** Replaces every person and concern id with a neutral one, so no label survives into the record. */
function pseudonymise(c: ValidatedCase): { anon: ValidatedCase; ids: IdMapping } {
  const people = new Map(c.people.map((p, i) => [p.id, `person-${i + 1}`] as const));
  const id = (x: string) => people.get(x) ?? x;
  const anon: ValidatedCase = {
    ...(c.assessmentDate !== undefined ? { assessmentDate: c.assessmentDate } : {}),
    reporter: c.reporter,
    people: c.people.map((p) => ({ ...p, id: id(p.id), ...(p.caregiverOf ? { caregiverOf: p.caregiverOf.map(id) } : {}) })),
    concerns: c.concerns.map((concern, i) => ({
      ...concern,
      id: `concern-${i + 1}`,
      victim: id(concern.victim),
      ...(concern.allegedBy ? { allegedBy: id(concern.allegedBy) } : {}),
    })),
  };
  return {
    anon,
    ids: {
      people: c.people.map((p) => ({ id: p.id, recordId: id(p.id) })),
      concerns: c.concerns.map((concern, i) => ({ id: concern.id, recordId: `concern-${i + 1}` })),
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

/** The facts a record keeps: definite values only, copied, never a date. */
function keptFacts(facts: Readonly<Record<string, FactValue>>): DecisionRecord['facts'][number]['facts'] {
  const out: Partial<Record<FactName, Exclude<FactValue, undefined>>> = {};
  for (const name of FACT_NAMES) {
    const val = facts[name];
    if (!kept(val)) continue;
    out[name] = isList(val) ? [...val] : typeof val === 'object' ? { min: val.min, max: val.max } : val;
  }
  return out as DecisionRecord['facts'][number]['facts'];
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
  const valid = { data: anon, assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate, presumptions: v.presumptions };
  const a = assessValidated(valid);
  const derived = deriveValid(valid);
  const compiled = defaultCompiled();
  const law = DUTY_IDS.map((duty) => {
    const rule = compiled.rules.get(duty);
    const windows = rule ? versionsInWindow(rule, v.knowledgeDate, v.assessmentDate) : [];
    return {
      duty,
      versions: windows.map((w) => {
        const e: DecisionRecord['law'][number]['versions'][number] = {
          provision: w.cv.version.provision,
          inForceFrom: w.cv.version.inForce.from,
          mode: w.mode,
          certain: w.certainInWindow,
          atAssessment: w.inForceAtEnd,
        };
        // The knowledge date is the case's; only a date of the law (a commencement) is kept.
        if (w.mode !== 'at-knowledge') e.bindsFrom = w.start;
        return e;
      }),
    };
  });
  const laterDates = [...new Set(law.flatMap((l) => l.versions.flatMap((x) => (x.bindsFrom !== undefined ? [x.bindsFrom] : []))))].sort();
  const facts: DecisionRecord['facts'] = [];
  const presumed: DecisionRecord['presumed'] = [];
  for (const [person, list] of derived.byPerson) {
    for (const cf of list) {
      // The ages on each later date the decision looked at (commencements; the assessment, for an ongoing act).
      const dated: DecisionRecord['facts'][number]['dated'] = [];
      for (const at of laterDates) dated.push({ at, facts: keptFacts(cf.datedFacts(at, !valid.presumptions)) });
      // The days an age was reached, in order, each placed among the commencements only (no case date is kept).
      for (const day of cf.dated.ageDays) {
        const after = laterDates.filter((d) => d <= day).pop();
        const e: DecisionRecord['facts'][number]['dated'][number] = {
          at: 'age',
          facts: keptFacts(cf.datedFacts(day, !valid.presumptions)),
        };
        if (after !== undefined) e.after = after;
        dated.push(e);
      }
      if (cf.ongoing && v.assessmentDate > v.knowledgeDate)
        dated.push({ at: 'assessment', facts: keptFacts(cf.datedFacts(v.assessmentDate, !valid.presumptions)) });
      facts.push({ person, concern: cf.concern.id, facts: keptFacts(cf.facts), dated });
      if (cf.presumed.length > 0) presumed.push({ person, concern: cf.concern.id, ids: [...new Set(cf.presumed.map((p) => p.id))] });
    }
  }
  return {
    success: true,
    data: {
      recordVersion: 2,
      rulesetVersion: rulesetVersionOf(),
      rulesHash: rulesHash(),
      mode: a.mode,
      law,
      presumed,
      facts,
      ...outcomeOf(a),
    },
    ids,
  };
}

/**
 * Re-decides the recorded duties and overlaps on the recorded facts with the current rules: the
 * same decision functions `assess` uses (`statusOnFacts`, `overlapsOf`), on the recorded versions.
 */
function replayOutcome(rec: DecisionRecord): Pick<DecisionRecord, 'outcome' | 'overlaps'> {
  const compiled = defaultCompiled();
  const byPerson = new Map<string, { facts: Readonly<Record<string, FactValue>>; dated: DatedFacts }[]>();
  // The assessment date is not kept: a date after every commencement stands for it.
  const END = '9999-12-31';
  for (const e of rec.facts) {
    // A day an age was reached stands as a key just after the last commencement before it (or before
    // every date), which compares with the commencements as that day does; the record keeps the order.
    const ageDays: string[] = [];
    const at = new Map(
      e.dated.map((d, i) => {
        if (d.at !== 'age') return [d.at === 'assessment' ? END : d.at, d.facts] as const;
        const key = `${d.after ?? '0000-00-00'}~${i}`;
        ageDays.push(key);
        return [key, d.facts] as const;
      }),
    );
    const dated: DatedFacts = { over: (date) => at.get(date) ?? {}, ongoingUntil: at.has(END) ? END : undefined, ageDays };
    byPerson.set(e.person, [...(byPerson.get(e.person) ?? []), { facts: e.facts, dated }]);
  }
  const windows = new Map<DutyId, VersionInWindow[]>();
  for (const { duty, versions } of rec.law) {
    const rule = compiled.rules.get(duty);
    if (!rule) continue;
    const ws: VersionInWindow[] = [];
    for (const v of versions) {
      const cv = rule.versions.find((x) => x.version.provision === v.provision && x.version.inForce.from === v.inForceFrom);
      if (cv) ws.push({ cv, mode: v.mode, start: v.bindsFrom ?? '', certainInWindow: v.certain, inForceAtEnd: v.atAssessment });
    }
    windows.set(duty, ws);
  }
  const outcome: DecisionRecord['outcome'] = [];
  const overlaps: DecisionRecord['overlaps'] = [];
  for (const [person, list] of byPerson) {
    const mine = [];
    for (const duty of DUTY_IDS) {
      const rule = compiled.rules.get(duty);
      const ws = windows.get(duty);
      if (!rule || !ws) continue;
      const first = rule.versions[0]?.limbs[0]?.modality ?? 'must';
      const d = statusOnFacts(
        ws,
        list.map((x) => x.facts),
        first,
        list.map((x) => x.dated),
      );
      mine.push({ duty, status: d.status, modality: d.modality, recipients: rule.rule.recipients });
      outcome.push({ duty, person, status: d.status, modality: d.modality });
    }
    const overlapsNow = overlapsOf(
      person,
      mine,
      list.map((x) => x.facts),
      (duty) => windows.get(duty),
      OVERLAPS,
      list.map((x) => x.dated),
    );
    for (const o of overlapsNow) overlaps.push({ id: o.id, person, status: o.status });
  }
  return { outcome, overlaps };
}

type StatusDifference = { duty: string; person: string; recorded: DutyStatus | 'absent'; now: DutyStatus | 'absent' };

/** Adds each `duty|person` key whose status differs between the record and now (absent on one side counts), recorded keys first. */
function statusDifferences(
  recorded: ReadonlyMap<string, DutyStatus>,
  current: ReadonlyMap<string, DutyStatus>,
  out: StatusDifference[],
): void {
  for (const key of new Set([...recorded.keys(), ...current.keys()])) {
    const a = recorded.get(key) ?? 'absent';
    const b = current.get(key) ?? 'absent';
    if (a !== b) {
      const [duty = '', person = ''] = key.split('|');
      out.push({ duty, person, recorded: a, now: b });
    }
  }
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
  const differences: StatusDifference[] = [];
  statusDifferences(recorded, current, differences);
  const okey = (o: { id: string; person: string }) => `${o.id}|${o.person}`;
  const nowOverlaps = new Map(now.overlaps.map((o) => [okey(o), o.status] as const));
  const recOverlaps = new Map(rec.overlaps.map((o) => [okey(o), o.status] as const));
  statusDifferences(recOverlaps, nowOverlaps, differences);
  return { success: true, data: { sameRules: rec.rulesHash === rulesHash(), identical: differences.length === 0, differences } };
}
