import * as z from 'zod';
import { todayInSouthAfrica } from '../case/ages.js';
import { ageAt, birthWindow } from '../case/ages.js';
import { deriveCase, type DerivedCase } from '../case/derive.js';
import { FACTS, type FactDefinition } from '../case/facts.js';
import type { Untrusted } from '../case/input.js';
import { parseCase } from '../case/parse-case.js';
import { defaultConcernIds, IsoDate, type CaseInput, type CaseInputSchema, type Concern, type ValidatedCase } from '../case/schema.js';
import type { DutyId, Modality } from '../case/vocabulary.js';
import { versionsInWindow, type CompiledRule, type CompiledRuleSet } from '../rules/compiled.js';
import { defaultCompiled } from '../rules/bundled.js';
import { withMemo, type Compiled } from '../engine/evaluate.js';
import { issuesFromZod } from '../errors/from-zod.js';
import { makeIssue, ValidationError, vm, type ValidationIssue } from '../errors/validation-error.js';
import { OVERLAPS, GENERAL_NOTES } from '../rules/overlaps.js';
import { CLASSIFICATIONS, presumptions as presumptionsFile } from '../rules/parameters.js';
import { CODE_MESSAGES } from '../messages/english.js';
import { constantRef, type MessageCatalogue } from '../messages/message.js';
import { catalogueOf, localize, localizeError, type Messages } from './localize.js';
import type { englishMessages } from './messages.js';
import {
  noteOf,
  decideDuty,
  decideDutyCompact,
  explainDuty,
  overlapDecisions,
  overlapsOf,
  type Detail,
  type InputIndex,
} from './duties.js';
import type { CompactAssessment, CompactDuty } from './compact-types.js';
import { buildGuidance } from './guidance.js';
import { rulesetVersionOf } from '../rules/version.js';
import type { Assessment, DutyResult, Guidance, InterpretationNote, Overlap, Question, Reason } from './types.js';

export type { Detail };

/** Options for {@link assess}. */
export interface AssessOptions {
  /**
   * The date to use when the case gives no `assessmentDate` (YYYY-MM-DD). Without either, today in
   * Africa/Johannesburg is used: the only clock read.
   */
  readonly today?: string;
  /**
   * Use the ordinary presumptions (default `true`): an act with no date is recent, capacity to
   * consent, no disability unless recorded, an adult reporter, continuing knowledge. Each one used is
   * listed beside the duty it decided. `false` is strict three-valued mode: every unknown stays open.
   */
  readonly presumptions?: boolean;
  /**
   * How much to explain (default `'standard'`):
   * - `'decisions'`: statuses, modalities, the deciding facts and the missing facts by name, the
   *   presumptions by id, deadlines and overlaps: a {@link CompactAssessment}, no text, no guidance,
   *   no questions (for batch audits and a form's live check);
   * - `'standard'`: the {@link Assessment} with reasons for the duties that apply or may apply,
   *   questions and guidance; a duty that does not apply carries no reasons ({@link explain} gives them);
   * - `'full'`: everything, including why each duty does not apply (for trainers and audits).
   */
  readonly detail?: Detail;
  /**
   * Other words for the texts: a partial catalogue of message id to template (`{name}` marks a
   * parameter) over {@link englishMessages}. Every text that carries a message (`msg`) is rendered
   * with it; statute text stays as enacted. An unknown id or parameter is a validation error
   * (`unknown_message_id`, `unknown_placeholder`).
   */
  readonly messages?: Messages;
}

/** A case that passed validation, with its dates resolved and the mode chosen. */
export interface ValidCase {
  readonly data: ValidatedCase;
  readonly assessmentDate: string;
  readonly knowledgeDate: string;
  readonly presumptions: boolean;
}

/** The result of {@link safeAssess}: the assessment, or the validation error. */
export type SafeAssessResult<T = Assessment> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: ValidationError };

/**
 * {@link AssessOptions} asking for the `decisions` level: the result is a {@link CompactAssessment}.
 *
 * @example
 * ```ts
 * const options: DecisionsOptions = { detail: 'decisions', presumptions: false };
 * assess(myCase, options).duties[0]?.missing; //=> e.g. ['victimAgeAtKnowledge']
 * ```
 */
export type DecisionsOptions = AssessOptions & { readonly detail: 'decisions' };

/**
 * {@link AssessOptions} at the `standard` (default) or `full` level: the result is an {@link Assessment}.
 *
 * @example
 * ```ts
 * const options: ExplainedOptions = { detail: 'full' };
 * assess(myCase, options).guidance.items.length; //=> e.g. 4
 * ```
 */
export type ExplainedOptions = AssessOptions & { readonly detail?: 'standard' | 'full' };

const classTests = new WeakMap<CompiledRuleSet, { child: Compiled; older: Compiled; dvaClass: Compiled; sexualOffence: Compiled }>();
function classTestsOf(cs: CompiledRuleSet) {
  let t = classTests.get(cs);
  if (!t) {
    // Compiled with the rules: on a person's facts, decided once with the duties.
    t = {
      child: cs.named('victimIsChildNow'),
      older: cs.named('victimIsOlderPersonNow'),
      dvaClass: cs.named('dvaVictimClassNow'),
      sexualOffence: cs.named('sexualOffence'),
    };
    classTests.set(cs, t);
  }
  return t;
}
export { defaultCompiled };

export const DISCLAIMER = CODE_MESSAGES.disclaimer;
const DISCLAIMER_MSG = Object.freeze({ disclaimer: constantRef('disclaimer') });

function dateIssues(c: ValidatedCase, assessmentDate: string, knowledgeDate: string): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  if (knowledgeDate > assessmentDate) {
    out.push(
      makeIssue(
        'after_assessment_date',
        ['reporter', 'knowledgeDate'],
        vm('validation.expected.onOrBeforeAssessmentDate', { date: assessmentDate }),
        JSON.stringify(knowledgeDate),
        { date: assessmentDate },
      ),
    );
  }
  c.concerns.forEach((concern, i) => {
    if (concern.incidentDate && concern.incidentDate !== 'ongoing' && concern.incidentDate > knowledgeDate) {
      out.push(
        makeIssue(
          'after_knowledge_date',
          ['concerns', i, 'incidentDate'],
          vm('validation.expected.onOrBeforeKnowledgeDate', { date: knowledgeDate }),
          JSON.stringify(concern.incidentDate),
          { date: knowledgeDate },
        ),
      );
    }
  });
  const born = (dob: string | undefined, path: (string | number)[]) => {
    if (dob && dob > assessmentDate)
      out.push(
        makeIssue(
          'born_after_assessment_date',
          path,
          vm('validation.expected.bornOnOrBeforeAssessmentDate', { date: assessmentDate }),
          JSON.stringify(dob),
          { date: assessmentDate },
        ),
      );
  };
  born(c.reporter.dateOfBirth, ['reporter', 'dateOfBirth']);
  c.people.forEach((p, i) => born(p.dateOfBirth, ['people', i, 'dateOfBirth']));
  // Conflicting ages are an error, never silently settled: each given age must fit the others.
  const agree = (
    p: { dateOfBirth?: string | undefined; ageYears?: number | undefined; ageRange?: { min: number; max: number } | undefined },
    path: (string | number)[],
  ) => {
    if (p.ageYears !== undefined && p.dateOfBirth !== undefined && !(p.dateOfBirth > assessmentDate)) {
      const age = ageAt(birthWindow({ dateOfBirth: p.dateOfBirth }, assessmentDate), assessmentDate, assessmentDate);
      if (age !== p.ageYears) {
        out.push(
          makeIssue(
            'conflicting_facts',
            [...path, 'ageYears'],
            vm('validation.expected.ageFromDateOfBirth', { date: assessmentDate, age: String(age) }),
            String(p.ageYears),
            { date: assessmentDate, age: typeof age === 'number' ? age : null },
          ),
        );
      }
    }
    if (p.ageRange !== undefined) {
      const { min, max } = p.ageRange;
      const age =
        p.dateOfBirth !== undefined && !(p.dateOfBirth > assessmentDate)
          ? ageAt(birthWindow({ dateOfBirth: p.dateOfBirth }, assessmentDate), assessmentDate, assessmentDate)
          : p.ageYears;
      if (typeof age === 'number' && (age < min || age > max)) {
        out.push(
          makeIssue(
            'conflicting_facts',
            [...path, 'ageRange'],
            vm('validation.expected.rangeWithAge', { age }),
            vm('validation.received.range', { min, max }),
            { age },
          ),
        );
      }
    }
  };
  agree(c.reporter, ['reporter']);
  c.people.forEach((p, i) => agree(p, ['people', i]));
  return out;
}

const OptionsSchema = z.object({
  options: z.strictObject({
    today: IsoDate.optional(),
    presumptions: z.boolean().optional(),
    detail: z.enum(['decisions', 'standard', 'full']).optional(),
    messages: z.record(z.string(), z.string()).optional(),
  }),
});

/** Whether options are a plain object with only known keys, each undefined or valid (OptionsSchema accepts them unchanged). */
function plainOptions(options: AssessOptions): boolean {
  if (typeof options !== 'object' || options === null || Object.getPrototypeOf(options) !== Object.prototype) return false;
  for (const k in options) {
    if (!Object.hasOwn(options, k)) return false;
    const v = (options as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (k === 'today') {
      if (typeof v !== 'string' || !IsoDate.safeParse(v).success) return false;
    } else if (k === 'presumptions') {
      if (typeof v !== 'boolean') return false;
    } else if (k === 'detail') {
      if (v !== 'decisions' && v !== 'standard' && v !== 'full') return false;
    } else return false;
  }
  return true;
}

/** Validates a case and resolves its dates; never throws. */
export function validateCase(
  input: unknown,
  options: AssessOptions = {},
): ({ success: true } & ValidCase) | { success: false; error: ValidationError } {
  const r = validateInEnglish(input, options);
  if (r.success || options.messages === undefined) return r;
  const cat = catalogueFor(options.messages);
  return cat instanceof ValidationError ? { success: false, error: cat } : { success: false, error: localizeError(r.error, cat) };
}

function validateInEnglish(
  input: unknown,
  options: AssessOptions,
): ({ success: true } & ValidCase) | { success: false; error: ValidationError } {
  // The options go through a schema too: `today: 'garbage'` or a Date is a ValidationError at `options.today`.
  // Plain options that fit it are taken as they are (what the schema would give; it reports the rest).
  const o = plainOptions(options)
    ? { success: true as const, data: { options } }
    : OptionsSchema.safeParse({ options }, { reportInput: true });
  // zod's compiled fast path for the fields, the checks across them as plain code; a case that fails
  // is parsed again by the whole schema, for issues that show what came in (parse-case.ts).
  const r = parseCase(input);
  const optionIssues = o.success ? [] : issuesFromZod(o.error.issues);
  if (!r.success || !o.success)
    return {
      success: false,
      error: new ValidationError(o.success ? 'case' : r.success ? 'options' : 'case and options', [
        ...optionIssues,
        ...(r.success ? [] : issuesFromZod(r.error.issues)),
      ]),
    };
  if (options.messages !== undefined) {
    const cat = catalogueFor(options.messages);
    if (cat instanceof ValidationError) return { success: false, error: cat };
  }
  const c = withConcernIds(r.data);
  const assessmentDate = c.assessmentDate ?? o.data.options.today ?? todayInSouthAfrica();
  const knowledgeDate = c.reporter.knowledgeDate ?? assessmentDate;
  const issues = dateIssues(c, assessmentDate, knowledgeDate);
  if (issues.length > 0) return { success: false, error: new ValidationError('case', issues) };
  return { success: true, data: c, assessmentDate, knowledgeDate, presumptions: options.presumptions !== false };
}

const catalogues = new WeakMap<object, MessageCatalogue | ValidationError>();
/** The whole catalogue a partial one makes with the English (checked once per catalogue object). */
export function catalogueFor(messages: Messages): MessageCatalogue | ValidationError {
  // Anything but an object (from JavaScript or a JSON file) is checked each time: it cannot be a key.
  if (typeof messages !== 'object' || messages === null) return catalogueOf(messages, ['options', 'messages']);
  let c = catalogues.get(messages);
  if (c === undefined) catalogues.set(messages, (c = catalogueOf(messages, ['options', 'messages'])));
  return c;
}

/** The parsed case with every concern's id resolved (its own, or c1, c2, ... by position). */
function withConcernIds(c: z.output<typeof CaseInputSchema>): ValidatedCase {
  if (c.concerns.every((concern) => concern.id !== undefined)) return c as ValidatedCase;
  const ids = defaultConcernIds(c.concerns);
  const concerns: Concern[] = c.concerns.map((concern, i) =>
    concern.id !== undefined ? (concern as Concern) : Object.assign({ id: ids[i] as string }, concern),
  );
  return Object.assign({}, c, { concerns });
}

/** Derives the facts of a valid case with the bundled classifications, in its mode. */
export function deriveValid(v: ValidCase): DerivedCase {
  return deriveCase(v.data, { assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate }, CLASSIFICATIONS, {
    presumptions: v.presumptions,
  });
}

/** A duty's versions in force between the knowledge date and the assessment date, by duty id (none for a duty not in the rule set). */
function windowsIn(compiled: CompiledRuleSet, dates: { readonly knowledgeDate: string; readonly assessmentDate: string }) {
  return (duty: DutyId) => {
    const r = compiled.rules.get(duty);
    return r ? versionsInWindow(r, dates.knowledgeDate, dates.assessmentDate) : undefined;
  };
}

/** Where duties meet, from `rules/overlaps/`, on the person's concerns over the knowledge window. */
function overlapsFor(person: string, duties: readonly DutyResult[], derived: DerivedCase, compiled: CompiledRuleSet): Overlap[] {
  const windowsOf = windowsIn(compiled, derived.dates);
  const concerns = derived.byPerson.get(person) ?? [];
  const facts = concerns.map((cf) => cf.facts);
  const dated = concerns.map((cf) => cf.dated);
  return overlapsOf(
    person,
    duties.filter((d) => d.person === person),
    facts,
    windowsOf,
    OVERLAPS,
    dated,
  );
}

function questionsOf(duties: readonly DutyResult[]): Question[] {
  const byKey = new Map<string, { q: Question; settles: { duty: DutyId; person: string }[]; order: number; presumed: boolean }>();
  let order = 0;
  for (const d of duties) {
    // A presumed status keeps its strict questions (what would replace the presumption), asked last.
    const presumed = d.presumed !== undefined;
    if (d.status !== 'may_apply' && !presumed) continue;
    for (const m of d.missing) {
      const key = `${m.fact}|${m.about}`;
      let e = byKey.get(key);
      if (!e) {
        e = {
          q: { fact: m.fact, about: m.about, question: m.question, inputs: m.inputs, settles: [], msg: m.msg },
          settles: [],
          order: order++,
          presumed,
        };
        byKey.set(key, e);
      }
      if (!presumed) e.presumed = false;
      if (!e.settles.some((s) => s.duty === d.duty && s.person === d.person)) e.settles.push({ duty: d.duty, person: d.person });
    }
  }
  const prio = (f: string) => (FACTS as Record<string, FactDefinition>)[f]?.priority ?? 9;
  return [...byKey.values()]
    .sort(
      (a, b) =>
        Number(a.presumed) - Number(b.presumed) ||
        b.settles.length - a.settles.length ||
        prio(a.q.fact) - prio(b.q.fact) ||
        a.order - b.order,
    )
    .map((e) =>
      e.presumed
        ? { fact: e.q.fact, about: e.q.about, question: e.q.question, inputs: e.q.inputs, settles: e.settles, presumed: true, msg: e.q.msg }
        : { fact: e.q.fact, about: e.q.about, question: e.q.question, inputs: e.q.inputs, settles: e.settles, msg: e.q.msg },
    );
}

const presumptionTexts = new Map(presumptionsFile.presumptions.map((p) => [p.id, p.text] as const));
export const GENERAL = {
  continuingKnowledge: noteOf(GENERAL_NOTES.get('continuing-knowledge') as InterpretationNote),
  leapDayBirthday: noteOf(GENERAL_NOTES.get('leap-day-birthday') as InterpretationNote),
  presumptionText: (id: string) => presumptionTexts.get(id) ?? id,
};

/** The input positions of people and concerns, for the questions' input paths. */
function inputIndex(c: ValidatedCase): InputIndex {
  return {
    personIndex: new Map(c.people.map((p, i) => [p.id, i] as const)),
    concernIndex: new Map(c.concerns.map((concern, i) => [concern.id, i] as const)),
  };
}

/** Assesses a validated case (internal: the public entry points validate first). */
export function assessValidated(
  v: ValidCase,
  compiled: CompiledRuleSet = defaultCompiled(),
  detail: 'standard' | 'full' = 'full',
): Assessment {
  return withMemo(() => assessNow(v, compiled, detail));
}

function assessNow(v: ValidCase, compiled: CompiledRuleSet, detail: 'standard' | 'full'): Assessment {
  const c = v.data;
  const { assessmentDate, knowledgeDate } = v;
  const derived = deriveValid(v);
  const idx = inputIndex(c);
  const duties: DutyResult[] = [];
  const rules = compiled.ruleList;
  for (const [person, concerns] of derived.byPerson) {
    for (let i = 0; i < rules.length; i++)
      duties.push(decideDuty(rules[i] as CompiledRule, person, concerns, derived, idx, GENERAL, detail));
  }
  const overlaps = [...derived.byPerson.keys()].flatMap((p) => overlapsFor(p, duties, derived, compiled));
  const tests = classTestsOf(compiled);
  const guidance = buildGuidance(c, derived, duties, overlaps, (person) => {
    const concerns = derived.byPerson.get(person) ?? [];
    const facts = concerns[0]?.facts ?? {};
    // No sexual offence against the person: the rules' condition is false on every concern.
    let noSexualOffence = concerns.length > 0;
    for (let i = 0; i < concerns.length && noSexualOffence; i++)
      if (tests.sexualOffence.tri((concerns[i] as (typeof concerns)[number]).facts) !== false) noSexualOffence = false;
    return { child: tests.child.tri(facts), older: tests.older.tri(facts), dvaClass: tests.dvaClass.tri(facts), noSexualOffence };
  });
  const mode = v.presumptions ? ('presumptive' as const) : ('strict' as const);
  return assessmentOf(c.id, assessmentDate, knowledgeDate, mode, rulesetVersionOf(), duties, overlaps, guidance);
}

/**
 * An assessment from its parts, with its questions (made from the duties' missing facts) and the
 * disclaimer: one key order for `assess` and `expandTexts`.
 */
export function assessmentOf(
  caseId: string | undefined,
  assessmentDate: string,
  lawAsAt: string,
  mode: Assessment['mode'],
  rulesetVersion: string,
  duties: DutyResult[],
  overlaps: Overlap[],
  guidance: Guidance,
): Assessment {
  const head: { caseId?: string } = {};
  if (caseId !== undefined) head.caseId = caseId;
  return Object.assign(head, {
    assessmentDate,
    lawAsAt,
    mode,
    rulesetVersion,
    duties,
    overlaps,
    guidance,
    questions: questionsOf(duties),
    disclaimer: DISCLAIMER,
    msg: DISCLAIMER_MSG,
  });
}

/** Decides a validated case at the `decisions` level: the compact assessment, built from the decisions without any text. */
export function decideValidated(v: ValidCase, compiled: CompiledRuleSet = defaultCompiled()): CompactAssessment {
  return withMemo(() => decideNow(v, compiled));
}

function decideNow(v: ValidCase, compiled: CompiledRuleSet): CompactAssessment {
  const derived = deriveValid(v);
  const rules = compiled.ruleList;
  const duties: CompactDuty[] = [];
  const overlaps: { id: string; person: string; status: DutyResult['status'] }[] = [];
  for (const [person, concerns] of derived.byPerson) {
    const mine: { duty: DutyId; status: DutyResult['status']; modality: Modality; recipients: readonly string[] }[] = [];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as CompiledRule;
      const d = decideDutyCompact(rule, person, concerns, derived);
      duties.push(d);
      mine.push({ duty: d.duty, status: d.status, modality: d.modality, recipients: rule.rule.recipients });
    }
    const windowsOf = windowsIn(compiled, derived.dates);
    const dated = concerns.map((cf) => cf.dated);
    for (const o of overlapDecisions(
      mine,
      concerns.map((cf) => cf.facts),
      windowsOf,
      OVERLAPS,
      dated,
    ))
      overlaps.push({ id: o.overlap.id, person, status: o.status });
  }
  const mode = v.presumptions ? ('presumptive' as const) : ('strict' as const);
  return v.data.id !== undefined
    ? {
        caseId: v.data.id,
        assessmentDate: v.assessmentDate,
        lawAsAt: v.knowledgeDate,
        mode,
        rulesetVersion: rulesetVersionOf(),
        duties,
        overlaps,
      }
    : { assessmentDate: v.assessmentDate, lawAsAt: v.knowledgeDate, mode, rulesetVersion: rulesetVersionOf(), duties, overlaps };
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
export function safeAssess(input: CaseInput, options: DecisionsOptions): SafeAssessResult<CompactAssessment>;
export function safeAssess(input: CaseInput, options?: ExplainedOptions): SafeAssessResult;
export function safeAssess(input: CaseInput, options: AssessOptions): SafeAssessResult<Assessment | CompactAssessment>;
/**
 * Assesses untrusted input (parsed JSON, a request body: a value typed `unknown` or `any`),
 * validating it at run time; see the typed overload for the rest.
 *
 * @param input - A value of static type `unknown` (see {@link Untrusted}).
 * @param options - {@link AssessOptions}.
 * @returns The assessment, or the validation error.
 * @example
 * ```ts
 * const r = safeAssess(JSON.parse(body) as unknown);
 * if (!r.success) console.log(r.error.issues.map((i) => i.message));
 * ```
 */
export function safeAssess<T>(input: Untrusted<T>, options: DecisionsOptions): SafeAssessResult<CompactAssessment>;
export function safeAssess<T>(input: Untrusted<T>, options?: ExplainedOptions): SafeAssessResult;
export function safeAssess<T>(input: Untrusted<T>, options: AssessOptions): SafeAssessResult<Assessment | CompactAssessment>;
export function safeAssess(input: unknown, options: AssessOptions = {}): SafeAssessResult<Assessment | CompactAssessment> {
  const v = validateCase(input, options);
  if (!v.success) return v;
  const detail = options.detail ?? 'standard';
  if (detail === 'decisions') return { success: true, data: decideValidated(v) };
  const a = assessValidated(v, defaultCompiled(), detail);
  return { success: true, data: options.messages === undefined ? a : localize(a, catalogueFor(options.messages) as MessageCatalogue) };
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
export function assess(input: CaseInput, options: DecisionsOptions): CompactAssessment;
export function assess(input: CaseInput, options?: ExplainedOptions): Assessment;
export function assess(input: CaseInput, options: AssessOptions): Assessment | CompactAssessment;
/**
 * Assesses untrusted input (parsed JSON, a request body: a value typed `unknown` or `any`),
 * validating it at run time; see the typed overload for the rest.
 *
 * @param input - A value of static type `unknown` (see {@link Untrusted}).
 * @param options - {@link AssessOptions}.
 * @returns The {@link Assessment}.
 * @throws {@link ValidationError} when the input does not fit the schema.
 * @example
 * ```ts
 * const a = assess(JSON.parse(fs.readFileSync('case.json', 'utf8')) as unknown);
 * ```
 */
export function assess<T>(input: Untrusted<T>, options: DecisionsOptions): CompactAssessment;
export function assess<T>(input: Untrusted<T>, options?: ExplainedOptions): Assessment;
export function assess<T>(input: Untrusted<T>, options: AssessOptions): Assessment | CompactAssessment;
export function assess(input: unknown, options: AssessOptions = {}): Assessment | CompactAssessment {
  const r = safeAssess(input as Untrusted<unknown>, options);
  if (!r.success) throw r.error;
  return r.data;
}

/**
 * The reasons of one duty for one person at risk, exactly as `assess(input, { detail: 'full' })`
 * gives them: what the default level leaves out where a duty does not apply. Pass the same case
 * and options as to `assess` (the explanation is computed again from the case; nothing is kept).
 *
 * @param input - The case that was assessed.
 * @param duty - A duty id.
 * @param person - A person at risk (a `people[].id` who is the victim of a concern).
 * @param options - The options given to `assess` (`today`, `presumptions`; `detail` is ignored).
 * @returns The reasons, or `undefined` when the case has no such duty for that person.
 * @throws {@link ValidationError} when the input does not fit the schema.
 * @example
 * ```ts
 * import { assess, explain } from 'za-reporting-duties';
 * const a = assess(myCase);                       // default detail: 'standard'
 * const d = a.duties.find((x) => x.status === 'does_not_apply');
 * d?.reasons; //=> []
 * explain(myCase, d.duty, d.person)?.map((r) => r.label ?? r.fact); // why it does not apply
 * ```
 * @category Assessment
 */
export function explain(input: CaseInput, duty: DutyId, person: string, options?: AssessOptions): readonly Reason[] | undefined;
/**
 * Explains one duty of untrusted input (parsed JSON); see the typed overload.
 *
 * @param input - A value of static type `unknown` (see {@link Untrusted}).
 * @param duty - A duty id.
 * @param person - A person at risk.
 * @param options - The options given to `assess`.
 * @returns The reasons, or `undefined` when the case has no such duty for that person.
 * @example
 * ```ts
 * explain(JSON.parse(body) as unknown, 'ca-s110-1', 'child-a');
 * ```
 */
export function explain<T>(input: Untrusted<T>, duty: DutyId, person: string, options?: AssessOptions): readonly Reason[] | undefined;
export function explain(input: unknown, duty: DutyId, person: string, options: AssessOptions = {}): readonly Reason[] | undefined {
  const v = validateCase(input, options);
  if (!v.success) throw v.error;
  const compiled = defaultCompiled();
  const rule = compiled.rules.get(duty);
  const derived = deriveValid(v);
  const concerns = derived.byPerson.get(person);
  if (!rule || !concerns) return undefined;
  const reasons = withMemo(() => explainDuty(rule, concerns, derived, inputIndex(v.data)));
  return options.messages === undefined ? reasons : localize(reasons, catalogueFor(options.messages) as MessageCatalogue);
}
