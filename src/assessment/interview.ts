/**
 * The guided interview as a pure step: given what is known so far (a possibly almost empty case),
 * which questions to ask next, where each answer goes in the case, the answers it can take, and
 * which duty statuses it would help settle. Built only on the public output of `assess()`
 * (`assessment.questions`) and the public input schema, so a new fact or a new input field is
 * asked about without any change here (an input field it cannot classify becomes a typed answer).
 */
import { CaseInputSchema, MAX_CONCERNS, MAX_PEOPLE, type CaseInput } from '../case/schema.js';
import type { DutyId } from '../case/vocabulary.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { catalogueFor, safeAssess, validateCase, type AssessOptions, type ExplainedOptions } from './assess.js';
import type { Assessment, Question } from './types.js';
import { constantRef, type MessageParam, type MessageRef } from '../messages/message.js';
import { english, englishMessages } from './messages.js';
import { localize } from './localize.js';

/**
 * A case still being put together: any field may be missing, including the people, the concerns
 * and a concern's victim or harm. {@link nextQuestions} takes it as it is.
 */
export interface CaseDraft {
  id?: string;
  assessmentDate?: string;
  reporter?: Partial<NonNullable<CaseInput['reporter']>>;
  people?: Partial<CaseInput['people'][number]>[];
  concerns?: Partial<CaseInput['concerns'][number]>[];
}

/** One answer a choice question offers: the value to set and the words to show. */
export interface AnswerOption {
  readonly value: string | boolean;
  readonly label: string;
  /** The message of the label (none for a person of the case, whose label is their id). */
  readonly msg?: { readonly label: MessageRef };
}

/**
 * The kind of answer an input takes: a choice (a vocabulary, or yes/no), a person of the case
 * (or a new label, which adds that person), a date (YYYY-MM-DD), a whole number, or free text
 * (an input the interview does not know how to offer otherwise).
 */
export type AnswerSpec =
  | { readonly kind: 'choice'; readonly options: readonly AnswerOption[] }
  | { readonly kind: 'person'; readonly options: readonly AnswerOption[] }
  | { readonly kind: 'date' }
  | { readonly kind: 'number'; readonly min: number; readonly max: number }
  | { readonly kind: 'text' };

/** Where an answer goes (`people[1].ageYears`) and what it can be. */
export interface InterviewInput {
  readonly input: string;
  readonly answer: AnswerSpec;
}

/** One question of the interview. */
export interface InterviewQuestion {
  /** The fact it settles (a derived fact of the library, or a fact of the case's outline: `victim`, `harm`, `allegedBy`, `anotherVictim`, `knowledgeDate`). */
  readonly fact: string;
  /** Whom it is about: `reporter`, a people[].id or a concern id. */
  readonly about: string;
  /** The question in words. */
  readonly question: string;
  /** Where the answer goes, and what it can be. */
  readonly input: string;
  readonly answer: AnswerSpec;
  /** Other inputs that answer the same question (an age in years or a date of birth). */
  readonly alternatives: readonly InterviewInput[];
  /** The words of the answer that leaves it unknown ("I don't know", "No one else"). */
  readonly skip: string;
  /** The duty statuses the answer would help settle (empty while the case is being outlined). */
  readonly settles: readonly { readonly duty: DutyId; readonly person: string }[];
  /** The messages `question` and `skip` were made from. */
  readonly msg: { readonly question: MessageRef; readonly skip: MessageRef };
}

/** Options of {@link nextQuestions}. */
export interface InterviewOptions {
  /**
   * Inputs the user could not answer ("I don't know"): they stay unset, and no question whose
   * every input is listed here is asked again.
   */
  readonly unanswerable?: readonly string[];
  /** Passed to `assess()`. */
  readonly assess?: AssessOptions;
}

/** One step of the interview. */
export interface InterviewStep {
  /**
   * `outline`: the case's outline is being asked (who you are, who is at risk, what happened);
   * `questions`: the assessment has open questions; `done`: every duty is settled or only
   * unanswerable questions remain.
   */
  readonly stage: 'outline' | 'questions' | 'done';
  /** The questions to ask, most decisive first (ask the first; the rest are for a list view). */
  readonly questions: readonly InterviewQuestion[];
  /** The assessment of the case so far, once it has a person and a harm; null before. */
  readonly assessment: Assessment | null;
  /** Questions left open because the user could not answer them. */
  readonly unanswered: readonly Question[];
  /** Why the draft cannot be assessed, when an answer does not fit the case schema. */
  readonly issues: readonly ValidationIssue[];
}

/** An answer's words (`answer.<value>`), with its message. */
function optionOf(value: string): AnswerOption {
  const id = `answer.${value}`;
  if (englishMessages[id] !== undefined) {
    const ref = constantRef(id);
    return { value, label: english(ref), msg: { label: ref } };
  }
  const words = value.replace(/_/g, ' ');
  return { value, label: words.charAt(0).toUpperCase() + words.slice(1) };
}

const YES: AnswerOption = { value: true, label: english(constantRef('answer.yes')), msg: { label: constantRef('answer.yes') } };
const NO: AnswerOption = { value: false, label: english(constantRef('answer.no')), msg: { label: constantRef('answer.no') } };

// ---- the input schema, read for the kind of answer each field takes ----

interface ZodLike {
  readonly def?: {
    readonly type?: string;
    readonly innerType?: ZodLike;
    readonly element?: ZodLike;
    readonly entries?: Record<string, string>;
    readonly shape?: Record<string, ZodLike>;
    readonly in?: ZodLike;
  };
  readonly shape?: Record<string, ZodLike>;
}

function unwrap(s: ZodLike | undefined): ZodLike | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur?.def; i++) {
    const t = cur.def.type;
    if ((t === 'optional' || t === 'nullable' || t === 'default' || t === 'prefault' || t === 'readonly') && cur.def.innerType)
      cur = cur.def.innerType;
    else if (t === 'pipe' && cur.def.in) cur = cur.def.in;
    else break;
  }
  return cur;
}

function shapeOf(s: ZodLike | undefined): Record<string, ZodLike> {
  const u = unwrap(s);
  return u?.shape ?? u?.def?.shape ?? {};
}

const CASE_SHAPE = shapeOf(CaseInputSchema as unknown as ZodLike);
const SECTION_SHAPES: Record<string, Record<string, ZodLike>> = {
  reporter: shapeOf(CASE_SHAPE['reporter']),
  people: shapeOf(unwrap(CASE_SHAPE['people'])?.def?.element),
  concerns: shapeOf(unwrap(CASE_SHAPE['concerns'])?.def?.element),
};

/** Fields whose value is a people[].id. */
const PERSON_FIELDS = new Set(['victim', 'allegedBy']);

const PATH = /^(?:(reporter)\.|(people|concerns)\[(\d+)\]\.)?([A-Za-z][A-Za-z0-9]*)$/;

function parsePath(input: string): { section: string | null; index: number | null; field: string } | null {
  const m = PATH.exec(input);
  if (!m) return null;
  const section = m[1] ?? m[2] ?? null;
  return { section, index: m[3] !== undefined ? Number(m[3]) : null, field: m[4] as string };
}

function fieldSchema(input: string): ZodLike | undefined {
  const p = parsePath(input);
  if (!p) return undefined;
  // Own fields only: "constructor" is no field of a case.
  const shape = p.section === null ? CASE_SHAPE : SECTION_SHAPES[p.section];
  return shape !== undefined && Object.hasOwn(shape, p.field) ? unwrap(shape[p.field]) : undefined;
}

function personOptions(draft: CaseDraft): AnswerOption[] {
  return (draft.people ?? []).flatMap((p) => (typeof p.id === 'string' && p.id !== '' ? [{ value: p.id, label: p.id }] : []));
}

/** The kind of answer an input takes, read from the case schema; null for one that takes no single value (an age range, a list). */
function answerSpec(input: string, draft: CaseDraft): AnswerSpec | null {
  const p = parsePath(input);
  if (p && PERSON_FIELDS.has(p.field)) {
    // Whoever is said to have done it is someone other than the person harmed, and the other way round.
    const concern = p.section === 'concerns' ? draft.concerns?.[p.index ?? 0] : undefined;
    const other = p.field === 'allegedBy' ? concern?.victim : concern?.allegedBy;
    // Someone else harmed (a concern not yet made): not one of the people already harmed.
    const harmed =
      p.field === 'victim' && concern === undefined ? new Set((draft.concerns ?? []).map((k) => k.victim)) : new Set<unknown>();
    return { kind: 'person', options: personOptions(draft).filter((o) => o.value !== other && !harmed.has(o.value)) };
  }
  const s = fieldSchema(input);
  const t = s?.def?.type;
  if (t === 'boolean')
    return {
      kind: 'choice',
      options: [YES, NO],
    };
  if (t === 'enum' && s?.def?.entries) return { kind: 'choice', options: Object.values(s.def.entries).map(optionOf) };
  if (t === 'number') return { kind: 'number', min: 0, max: 130 };
  if (t === 'string') return p && /date/i.test(p.field) ? { kind: 'date' } : { kind: 'text' };
  if (t === 'object' || t === 'array') return null;
  return { kind: 'text' };
}

// ---- reading and changing a draft by input path ----

function section(draft: CaseDraft, name: string): Record<string, unknown>[] | undefined {
  const v = (draft as Record<string, unknown>)[name];
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : undefined;
}

/** The value at an input path of a draft, or undefined. */
function valueAt(draft: CaseDraft, input: string): unknown {
  const p = parsePath(input);
  if (!p) return undefined;
  if (p.section === null) return (draft as Record<string, unknown>)[p.field];
  if (p.section === 'reporter') return (draft.reporter as Record<string, unknown> | undefined)?.[p.field];
  return section(draft, p.section)?.[p.index ?? 0]?.[p.field];
}

function isSet(draft: CaseDraft, input: string): boolean {
  const v = valueAt(draft, input);
  return v !== undefined && v !== null && v !== '';
}

/** How many items a list of a case can hold (the schema's limits); 1 for a field outside a list. */
function maxItems(section: string | null): number {
  return section === 'people' ? MAX_PEOPLE : section === 'concerns' ? MAX_CONCERNS : 1;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A draft the interview can read: an object whose reporter is an object and whose lists hold objects. */
function isDraftShaped(draft: unknown): draft is CaseDraft {
  if (!isObject(draft)) return false;
  const { reporter, people, concerns } = draft;
  if (reporter !== undefined && !isObject(reporter)) return false;
  for (const list of [people, concerns]) {
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(isObject)) return false;
  }
  return true;
}

function freeConcernId(concerns: readonly Record<string, unknown>[]): string {
  const used = new Set(concerns.map((c) => c['id']));
  let n = concerns.length + 1;
  while (used.has(`c${n}`)) n++;
  return `c${n}`;
}

/**
 * Sets one answer in a copy of a draft: `input` is an input path as {@link nextQuestions} gives it
 * (`reporter.role`, `people[1].ageYears`, `concerns[0].relationship`). `undefined` removes the
 * field (unknown). A concern that does not exist yet is created with the next free id
 * (`c1`, `c2`, …); a victim or alleged perpetrator who is not yet one of the people is added.
 *
 * @param draft - The case so far; not changed.
 * @param input - Where the answer goes.
 * @param value - The answer, or `undefined` to leave the field unknown.
 * @returns The new draft.
 * @throws `RangeError` when `input` is not an input path of a case.
 * @example
 * ```ts
 * import { applyAnswer } from 'za-reporting-duties';
 * applyAnswer({}, 'concerns[0].victim', 'Lerato, 5');
 * //=> { people: [{ id: 'Lerato, 5' }], concerns: [{ id: 'c1', victim: 'Lerato, 5' }] }
 * ```
 * @category Interview
 */
export function applyAnswer(draft: CaseDraft, input: string, value: string | number | boolean | undefined): CaseDraft {
  const p = parsePath(input);
  // A field of the case's schema that takes one value, at an index a case can have.
  if (!p || fieldSchema(input) === undefined || answerSpec(input, {}) === null || (p.index ?? 0) >= maxItems(p.section))
    throw new RangeError(`not an input path of a case: ${JSON.stringify(input.length > 80 ? `${input.slice(0, 77)}...` : input)}`);
  if (!isDraftShaped(draft)) throw new RangeError('not a case draft: expected an object, with people and concerns as lists of objects');
  const out = structuredClone(draft) as Record<string, unknown> & CaseDraft;
  let target: Record<string, unknown>;
  if (p.section === null) target = out;
  else if (p.section === 'reporter') target = (out.reporter ??= {}) as Record<string, unknown>;
  else {
    const list = ((out as Record<string, unknown>)[p.section] ??= []) as Record<string, unknown>[];
    const i = p.index ?? 0;
    // Nothing to remove from a concern or person not made yet: no empty one is made for it.
    if (value === undefined && i >= list.length) return out;
    while (list.length <= i) list.push(p.section === 'concerns' ? { id: freeConcernId(list) } : {});
    target = list[i] as Record<string, unknown>;
  }
  if (value === undefined) delete target[p.field];
  else target[p.field] = value;
  if (PERSON_FIELDS.has(p.field) && typeof value === 'string' && value !== '') {
    const people = (out.people ??= []);
    if (!people.some((x) => x.id === value)) people.push({ id: value });
  }
  return out;
}

// ---- the step ----

function question(
  fact: string,
  about: string,
  text: MessageRef,
  inputs: readonly string[],
  draft: CaseDraft,
  skipped: ReadonlySet<string>,
  settles: InterviewQuestion['settles'],
  skip: MessageRef = constantRef('interview.skip'),
): InterviewQuestion | null {
  // Answerable inputs not yet given, an age in years before a date of birth.
  const open = inputs.filter((i) => !isSet(draft, i) && !skipped.has(i));
  const ranked = [...open.filter((i) => /\.ageYears$/.test(i)), ...open.filter((i) => !/\.ageYears$/.test(i))];
  const usable = ranked.flatMap((i) => {
    const answer = answerSpec(i, draft);
    return answer ? [{ input: i, answer }] : [];
  });
  const first = usable[0];
  if (!first) return null;
  return {
    fact,
    about,
    question: english(text),
    input: first.input,
    answer: first.answer,
    alternatives: usable.slice(1),
    skip: english(skip),
    settles,
    msg: { question: text, skip },
  };
}

function outline(draft: CaseDraft, skipped: ReadonlySet<string>): InterviewQuestion | null {
  const ask = (fact: string, about: string, text: MessageRef, input: string, skip?: MessageRef) =>
    question(fact, about, text, [input], draft, skipped, [], skip);
  const role = ask('reporterRole', 'reporter', constantRef('interview.role'), 'reporter.role');
  if (role) return role;
  const concerns = draft.concerns ?? [];
  if (concerns.length === 0) {
    return ask('victim', 'c1', constantRef('interview.firstVictim'), 'concerns[0].victim');
  }
  for (const [i, concern] of concerns.entries()) {
    const id = typeof concern.id === 'string' ? concern.id : `c${i + 1}`;
    const who = typeof concern.victim === 'string' && concern.victim !== '' ? concern.victim : null;
    const whom: MessageParam = who ?? constantRef('word.them');
    const q =
      (who === null ? ask('victim', id, constantRef('interview.victim'), `concerns[${i}].victim`) : null) ??
      ask('harm', id, { id: 'interview.harm', params: { who: whom } }, `concerns[${i}].harm`) ??
      ask('allegedBy', id, { id: 'interview.allegedBy', params: { who: whom } }, `concerns[${i}].allegedBy`);
    if (q) return q;
  }
  const more = ask(
    'anotherVictim',
    `c${concerns.length + 1}`,
    constantRef('interview.anotherVictim'),
    `concerns[${concerns.length}].victim`,
    constantRef('interview.skip.noOneElse'),
  );
  if (more) return more;
  return ask(
    'knowledgeDate',
    'reporter',
    constantRef('interview.knowledgeDate'),
    'reporter.knowledgeDate',
    constantRef('interview.skip.today'),
  );
}

/** True while the outline still needs an answer that `assess()` cannot do without (a victim and a harm). */
function cannotAssess(draft: CaseDraft): boolean {
  const ks = draft.concerns ?? [];
  return (
    ks.length === 0 || ks.some((concern) => typeof concern.victim !== 'string' || concern.victim === '' || typeof concern.harm !== 'string')
  );
}

/**
 * The next step of a guided interview: the questions to ask next for a case that may be almost
 * empty, most decisive first. It first asks the case's outline (your role, who was harmed, what
 * happened, who did it, whether anyone else is at risk, when you came to know), then the open
 * questions of `assess()`, until every duty is settled or only questions the user could not
 * answer remain. Each question names the input path to set ({@link applyAnswer} sets it), the
 * answers it can take and the duty statuses it would help settle. "I don't know" (the question's
 * `skip`) leaves the field unset: list its inputs in `options.unanswerable`, and it is not asked
 * again. Pure and synchronous: nothing is stored or sent.
 *
 * @param draft - The case so far.
 * @param options - {@link InterviewOptions}.
 * @returns The {@link InterviewStep}.
 * @example
 * ```ts
 * import { nextQuestions } from 'za-reporting-duties';
 * const step = nextQuestions({});
 * step.stage;                //=> 'outline'
 * step.questions[0].input;   //=> 'reporter.role'
 * step.questions[0].answer.kind; //=> 'choice'
 * ```
 * @category Interview
 */
export function nextQuestions(draft: CaseDraft, options: InterviewOptions = {}): InterviewStep {
  const messages = options.assess?.messages;
  if (messages === undefined) return stepInEnglish(draft, options);
  const cat = catalogueFor(messages);
  if (cat instanceof ValidationError) return { stage: 'outline', questions: [], assessment: null, unanswered: [], issues: cat.issues };
  return localize(stepInEnglish(draft, { ...options, assess: { ...options.assess, messages: undefined } }), cat);
}

/** The validation issues of a draft as a case. */
function issuesOf(draft: unknown, options: InterviewOptions): readonly ValidationIssue[] {
  const r = validateCase(draft, options.assess);
  return r.success ? [] : r.error.issues;
}

function stepInEnglish(draft: CaseDraft, options: InterviewOptions): InterviewStep {
  // A draft the interview cannot read (not an object, a list that is not a list of objects):
  // the validation issues of the case, and nothing to ask.
  if (!isDraftShaped(draft)) return { stage: 'done', questions: [], assessment: null, unanswered: [], issues: issuesOf(draft, options) };
  const skipped = new Set(options.unanswerable ?? []);
  const first = outline(draft, skipped);
  if (cannotAssess(draft)) {
    // Nothing left to ask, and still no case to assess (a victim or harm given as something else): say why.
    if (!first) return { stage: 'done', questions: [], assessment: null, unanswered: [], issues: issuesOf(draft, options) };
    return { stage: 'outline', questions: [first], assessment: null, unanswered: [], issues: [] };
  }
  const explained: ExplainedOptions = { ...options.assess, detail: options.assess?.detail === 'full' ? 'full' : 'standard' };
  const r = safeAssess(draft as unknown, explained);
  if (!r.success) {
    return { stage: first ? 'outline' : 'done', questions: first ? [first] : [], assessment: null, unanswered: [], issues: r.error.issues };
  }
  const a = r.data;
  const asked: InterviewQuestion[] = [];
  const unanswered: Question[] = [];
  for (const q of a.questions) {
    const iq = question(q.fact, q.about, q.msg.question, q.inputs, draft, skipped, q.settles);
    if (iq) asked.push(iq);
    else unanswered.push(q);
  }
  if (first) return { stage: 'outline', questions: [first, ...asked], assessment: a, unanswered, issues: [] };
  return { stage: asked.length > 0 ? 'questions' : 'done', questions: asked, assessment: a, unanswered, issues: [] };
}
