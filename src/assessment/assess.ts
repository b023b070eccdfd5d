import { z } from 'zod';
import { todayInSouthAfrica } from '../case/ages.js';
import { deriveCase, type DerivedCase } from '../case/derive.js';
import { FACTS, type FactDefinition } from '../case/facts.js';
import { CaseInputSchema, IsoDate, type CaseInput, type ValidatedCase } from '../case/schema.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { compileRuleSet, type CompiledRuleSet } from '../engine/duties.js';
import { compile, type Compiled } from '../engine/evaluate.js';
import { issuesFromZod } from '../errors/from-zod.js';
import { makeIssue, ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { buildRuleSet, RULE_SOURCES, CONDITION_SOURCES } from '../rules/catalogue.js';
import { alternativesStatus, decideDuty, type InputIndex } from './duties.js';
import { buildGuidance } from './guidance.js';
import { rulesetVersionOf } from './version.js';
import type { Assessment, DutyResult, Overlap, Question } from './types.js';

/** Options for {@link assess}. */
export interface AssessOptions {
  /**
   * The date to use when the case gives no `assessmentDate` (YYYY-MM-DD). Without either, today in
   * Africa/Johannesburg is used: the only clock read.
   */
  readonly today?: string;
}

/** The result of {@link safeAssess}: the assessment, or the validation error. */
export type SafeAssessResult = { readonly success: true; readonly data: Assessment } | { readonly success: false; readonly error: ValidationError };

let compiledDefault: CompiledRuleSet | undefined;
const classTests = new WeakMap<CompiledRuleSet, { child: Compiled; older: Compiled; dvaClass: Compiled }>();
function classTestsOf(cs: CompiledRuleSet) {
  let t = classTests.get(cs);
  if (!t) {
    const named = cs.ruleSet.named;
    t = {
      child: compile({ condition: 'victimIsChildNow' }, named),
      older: compile({ condition: 'victimIsOlderPersonNow' }, named),
      dvaClass: compile({ condition: 'dvaVictimClassNow' }, named),
    };
    classTests.set(cs, t);
  }
  return t;
}
/** The bundled rule set, validated and compiled once. */
export function defaultCompiled(): CompiledRuleSet {
  compiledDefault ??= compileRuleSet(buildRuleSet(RULE_SOURCES, CONDITION_SOURCES, undefined, { trustBundled: true }));
  return compiledDefault;
}

export const DISCLAIMER =
  'This assessment applies South African law as encoded in za-reporting-duties, from public copies of the statutes, regulations and secondary sources, each labelled with how well it is verified. It is not legal advice. Items marked unverified or secondary have not been checked against the Government Gazette. Where a duty may apply, report if in doubt; in an emergency call the police on 10111, or 112 from a cellphone.';

function dateIssues(c: ValidatedCase, assessmentDate: string, knowledgeDate: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (knowledgeDate > assessmentDate) {
    out.push(makeIssue('custom', ['reporter', 'knowledgeDate'], `a date on or before the assessment date (${assessmentDate})`, JSON.stringify(knowledgeDate)));
  }
  c.concerns.forEach((k, i) => {
    if (k.incidentDate && k.incidentDate > knowledgeDate) {
      out.push(makeIssue('custom', ['concerns', i, 'incidentDate'], `a date on or before the knowledge date (${knowledgeDate})`, JSON.stringify(k.incidentDate)));
    }
  });
  const born = (dob: string | undefined, path: (string | number)[]) => {
    if (dob && dob > assessmentDate) out.push(makeIssue('custom', path, `a date of birth on or before the assessment date (${assessmentDate})`, JSON.stringify(dob)));
  };
  born(c.reporter.dateOfBirth, ['reporter', 'dateOfBirth']);
  c.people.forEach((p, i) => born(p.dateOfBirth, ['people', i, 'dateOfBirth']));
  return out;
}

let fastSchema: typeof CaseInputSchema | undefined;
/**
 * The input schema compiled ahead of use by zod (`z.compile`: same results and issues, several
 * times faster). Where code generation is not allowed (a strict Content-Security-Policy), the
 * plain schema is used.
 */
function fastCaseSchema(): typeof CaseInputSchema {
  if (!fastSchema) {
    try {
      fastSchema = z.compile(CaseInputSchema);
    } catch {
      fastSchema = CaseInputSchema;
    }
  }
  return fastSchema;
}

const OptionsSchema = z.object({ options: z.strictObject({ today: IsoDate.optional() }) });

/** Validates a case and resolves its dates; never throws. */
export function validateCase(
  input: unknown,
  options: AssessOptions = {},
): { success: true; data: ValidatedCase; assessmentDate: string; knowledgeDate: string } | { success: false; error: ValidationError } {
  // The options go through a schema too: `today: 'garbage'` or a Date is a ValidationError at `options.today`.
  const o = OptionsSchema.safeParse({ options }, { reportInput: true });
  const r = fastCaseSchema().safeParse(input, { reportInput: true });
  const optionIssues = o.success ? [] : issuesFromZod(o.error.issues);
  if (!r.success || !o.success) return { success: false, error: new ValidationError(o.success ? 'case' : r.success ? 'options' : 'case and options', [...optionIssues, ...(r.success ? [] : issuesFromZod(r.error.issues))]) };
  const c = r.data;
  const assessmentDate = c.assessmentDate ?? o.data.options.today ?? todayInSouthAfrica();
  const knowledgeDate = c.reporter.knowledgeDate ?? assessmentDate;
  const issues = dateIssues(c, assessmentDate, knowledgeDate);
  if (issues.length > 0) return { success: false, error: new ValidationError('case', issues) };
  return { success: true, data: c, assessmentDate, knowledgeDate };
}

function overlapsFor(person: string, duties: readonly DutyResult[], derived: DerivedCase, compiled: CompiledRuleSet): Overlap[] {
  const out: Overlap[] = [];
  const s2A = compiled.rules.get('dva-s2A');
  const s2B = compiled.rules.get('dva-s2B');
  const mine = duties.filter((d) => d.person === person);
  const statusOf = (id: DutyId) => mine.find((d) => d.duty === id)?.status;
  if (s2A && s2B && (statusOf('dva-s2A') !== 'does_not_apply' || statusOf('dva-s2B') !== 'does_not_apply')) {
    const status = alternativesStatus(s2A, s2B, ['reporterIsFunctionary', 'inCourseOfDuties'], derived.byPerson.get(person) ?? [], derived.dates.knowledgeDate);
    if (status) {
      const text =
        status === 'applies'
          ? 'A Domestic Violence Act report is required either way: s2A (functionary, in the course of duties) and s2B (any other adult) are alternatives, and whichever applies, one report on the prescribed form with your reasons, to a social worker or SAPS, is due. Report without delay (s2A) — that also meets "as soon as possible" (s2B).'
          : status === 'may_apply'
            ? 'A Domestic Violence Act report may be required: s2A and s2B are alternatives, and whether either applies depends on facts still missing (see the questions).'
            : 'No Domestic Violence Act report is required on these facts.';
      out.push({ id: 'dva-report', person, duties: ['dva-s2A', 'dva-s2B'], status, text });
    }
  }
  const policeMust = mine.filter((d) => d.status === 'applies' && d.modality === 'must' && d.recipients.includes('police'));
  if (policeMust.length >= 2) {
    const policeOnly = policeMust.filter((d) => d.recipients.length === 1).map((d) => d.duty);
    out.push({
      id: 'one-police-report',
      person,
      duties: policeMust.map((d) => d.duty),
      status: 'applies',
      text:
        `One report to SAPS can meet ${policeMust.map((d) => d.duty).join(', ')} at once, if it carries what each Act requires (reasons, substantiation, the prescribed form where there is one).` +
        (policeOnly.length > 0 ? ` ${policeOnly.join(', ')} can only be met by reporting to the police: a report to a social worker does not meet ${policeOnly.length === 1 ? 'it' : 'them'}.` : ''),
    });
  }
  return out;
}

function questionsOf(duties: readonly DutyResult[]): Question[] {
  const byKey = new Map<string, { q: Question; settles: { duty: DutyId; person: string }[]; order: number }>();
  let order = 0;
  for (const d of duties) {
    if (d.status !== 'may_apply') continue;
    for (const m of d.missing) {
      const key = `${m.fact}|${m.about}`;
      let e = byKey.get(key);
      if (!e) {
        e = { q: { fact: m.fact, about: m.about, question: m.question, inputs: m.inputs, settles: [] }, settles: [], order: order++ };
        byKey.set(key, e);
      }
      if (!e.settles.some((s) => s.duty === d.duty && s.person === d.person)) e.settles.push({ duty: d.duty, person: d.person });
    }
  }
  const prio = (f: string) => (FACTS as Record<string, FactDefinition>)[f]?.priority ?? 9;
  return [...byKey.values()]
    .sort((a, b) => b.settles.length - a.settles.length || prio(a.q.fact) - prio(b.q.fact) || a.order - b.order)
    .map((e) => ({ fact: e.q.fact, about: e.q.about, question: e.q.question, inputs: e.q.inputs, settles: e.settles }));
}

/** Assesses a validated case (internal: the public entry points validate first). */
export function assessValidated(c: ValidatedCase, assessmentDate: string, knowledgeDate: string, compiled: CompiledRuleSet = defaultCompiled()): Assessment {
  const derived = deriveCase(c, { assessmentDate, knowledgeDate });
  const idx: InputIndex = {
    personIndex: new Map(c.people.map((p, i) => [p.id, i] as const)),
    concernIndex: new Map(c.concerns.map((k, i) => [k.id, i] as const)),
  };
  const duties: DutyResult[] = [];
  for (const [person, concerns] of derived.byPerson) {
    for (const id of DUTY_IDS) {
      const rule = compiled.rules.get(id);
      if (rule) duties.push(decideDuty(rule, person, concerns, derived, idx));
    }
  }
  const overlaps = [...derived.byPerson.keys()].flatMap((p) => overlapsFor(p, duties, derived, compiled));
  const tests = classTestsOf(compiled);
  const guidance = buildGuidance(c, derived, duties, overlaps, (person) => {
    const facts = derived.byPerson.get(person)?.[0]?.facts ?? {};
    return { child: tests.child.tri(facts), older: tests.older.tri(facts), dvaClass: tests.dvaClass.tri(facts) };
  });
  const head: { caseId?: string } = {};
  if (c.id !== undefined) head.caseId = c.id;
  const a: Assessment = Object.assign(head, {
    assessmentDate,
    lawAsAt: knowledgeDate,
    rulesetVersion: rulesetVersionOf(),
    duties,
    overlaps,
    guidance,
    questions: questionsOf(duties),
    disclaimer: DISCLAIMER,
  });
  return a;
}

/**
 * Assesses a case without throwing: `{ success: true, data }` with the {@link Assessment}, or
 * `{ success: false, error }` with a {@link ValidationError} naming every bad path.
 *
 * @param input - A case (see {@link CaseInputSchema}); anything else yields an error result.
 * @param options - {@link AssessOptions}.
 * @returns The assessment, or the validation error.
 * @example
 * ```ts
 * const r = safeAssess({ assessmentDate: '2026-11-28', people: [{ id: 'c', ageYears: 5 }],
 *   concerns: [{ id: 'k', victim: 'nobody', harm: 'neglect' }] });
 * r.success; //=> false
 * r.success || r.error.issues[0].at; //=> 'concerns[0].victim'
 * ```
 * @category Assessment
 */
export function safeAssess(input: unknown, options: AssessOptions = {}): SafeAssessResult {
  const v = validateCase(input, options);
  if (!v.success) return v;
  return { success: true, data: assessValidated(v.data, v.assessmentDate, v.knowledgeDate) };
}

/**
 * Decides every reporting duty for every person at risk in a case, with citations, reasons and
 * honest unknowns, plus survivor-centred guidance and the questions still to ask. Synchronous.
 *
 * @param input - A case: reporter, people (no names needed) and concerns.
 * @param options - {@link AssessOptions}.
 * @returns The {@link Assessment}.
 * @throws {@link ValidationError} when the input or the options (`options.today`) do not fit their schema; nothing else on bad input.
 * @example
 * ```ts
 * import { assess } from 'za-reporting-duties';
 * const a = assess({
 *   assessmentDate: '2026-11-28',
 *   reporter: { role: 'member_of_public', ageYears: 40 },
 *   people: [{ id: 'child-a', ageYears: 5 }, { id: 'partner', ageYears: 35 }],
 *   concerns: [{ id: 'c1', victim: 'child-a', allegedBy: 'partner', relationship: 'parent',
 *     harm: 'exposure_to_domestic_violence', basis: 'reasonable_suspicion' }],
 * });
 * a.duties.find((d) => d.duty === 'dva-s2B')?.status; //=> 'applies'
 * ```
 * @category Assessment
 */
export function assess(input: CaseInput | unknown, options: AssessOptions = {}): Assessment {
  const r = safeAssess(input, options);
  if (!r.success) throw r.error;
  return r.data;
}
