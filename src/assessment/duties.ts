import { nextDay } from '../case/ages.js';
import type { ConcernFacts, DatedFacts, DerivedCase } from '../case/derive.js';
import { FACTS, copyFacts, type FactDefinition, type FactName, type FactValue } from '../case/facts.js';
import type { DutyId } from '../case/vocabulary.js';
import type { PresumptionUse } from '../case/derive.js';
import type { Facts } from '../case/facts.js';
import {
  and3,
  evaluateVersion,
  leavesOf,
  versionsInWindow,
  type CompiledRule,
  type CompiledVersion,
  type LimbOutcome,
  type VersionInWindow,
} from '../rules/compiled.js';
import { type Compiled, LeafBuffer, type DecidingLeaf, type LeafTest, type Tri } from '../engine/evaluate.js';
import type { Operator } from '../engine/condition.js';
import type { RuleFile, RuleVersion } from '../rules/schema.js';
import type { OverlapFile } from '../rules/overlaps.js';
import type {
  Citation,
  DutyResult,
  DutyStatus,
  InterpretationNote,
  MissingFact,
  Overlap,
  PresumptionNote,
  Reason,
  ReasonFact,
  ReasonValue,
} from './types.js';
import type { CompactDuty, CompactReason } from './compact-types.js';
import { constantRef, placeholdersOf, type MessageParam, type MessageRef } from '../messages/message.js';
import { conditionMessageId, english, englishMessages, versionKey } from './messages.js';

const OP_TEXT: Record<Operator, string> = {
  equal: '=',
  notEqual: '≠',
  lessThan: '<',
  lessThanInclusive: '≤',
  greaterThan: '>',
  greaterThanInclusive: '≥',
  in: 'one of',
  notIn: 'none of',
  contains: 'contains',
  doesNotContain: 'does not contain',
};

const listTexts = new WeakMap<object, string>();
function valueText(value: unknown): string {
  if (Array.isArray(value)) {
    let v = listTexts.get(value);
    if (v === undefined) listTexts.set(value, (v = value.join(', ')));
    return v;
  }
  return String(value);
}
function testText(op: Operator, value: unknown): string {
  return `${OP_TEXT[op]} ${valueText(value)}`;
}

interface TestText {
  readonly text: string;
  readonly ref: MessageRef;
}
const listTests = new WeakMap<object, Map<Operator, TestText>>();
const valueTests = new Map<Operator, Map<unknown, TestText>>();
/** A reason's test in words and as a message, built once per operator and value and shared (frozen). */
function testOf(op: Operator, value: unknown): TestText {
  const build = (): TestText =>
    Object.freeze({
      text: testText(op, value),
      ref: Object.freeze({ id: `test.${op}`, params: Object.freeze({ value: valueText(value) }) }),
    });
  if (Array.isArray(value)) {
    let byOp = listTests.get(value);
    if (byOp === undefined) listTests.set(value, (byOp = new Map()));
    let t = byOp.get(op);
    if (t === undefined) byOp.set(op, (t = build()));
    return t;
  }
  // A primitive value is its own key (a Map tells 1 from '1'); no key string is built per reason.
  let byValue = valueTests.get(op);
  if (byValue === undefined) valueTests.set(op, (byValue = new Map()));
  let t = byValue.get(value);
  if (t === undefined) {
    // Rule files hold a few hundred distinct tests: the cache stays small.
    if (byValue.size > 10_000) byValue.clear();
    byValue.set(value, (t = build()));
  }
  return t;
}

/** The message of a condition's name in a rule file (a reason's `label` or `within`), one shared object per name. */
const conditionRefs = new Map<string, MessageRef>();
function conditionRef(name: string): MessageRef {
  let r = conditionRefs.get(name);
  if (r === undefined) conditionRefs.set(name, (r = constantRef(conditionMessageId(name))));
  return r;
}

const usedParams = new Map<string, readonly string[]>();
/** The parameters a template of the English catalogue uses (each template read once). */
function paramsOf(id: string): readonly string[] {
  let p = usedParams.get(id);
  if (p === undefined) usedParams.set(id, (p = placeholdersOf(englishMessages[id] ?? '')));
  return p;
}

function shown(v: FactValue): ReasonValue {
  return v === undefined ? null : (v as ReasonValue);
}

/** Where the answers to a fact go in the input, for a concern. */
export interface InputIndex {
  readonly personIndex: ReadonlyMap<string, number>;
  readonly concernIndex: ReadonlyMap<string, number>;
}

function missingOf(fact: string, cf: ConcernFacts, idx: InputIndex): MissingFact {
  const def = (FACTS as Record<string, FactDefinition>)[fact];
  if (!def) {
    const ref: MessageRef = { id: 'question.unknownFact', params: { fact } };
    return { fact: fact as FactName, about: cf.concern.id, question: english(ref), inputs: [], msg: { question: ref } };
  }
  // A question never asks for what the case already gives: with the age given, only the date is asked.
  const subjectPerson = fact === 'perpetratorAgeAtIncident' ? cf.perpetrator : cf.victim;
  const ageGiven =
    subjectPerson !== undefined &&
    (subjectPerson.dateOfBirth !== undefined || subjectPerson.ageYears !== undefined || subjectPerson.ageRange !== undefined);
  const onlyDate = def.questionWhenAgeGiven !== undefined && ageGiven;
  const id = onlyDate ? `fact.${fact}.questionWhenAgeGiven` : `fact.${fact}.question`;
  const victim = cf.victim.id;
  let params: Record<string, MessageParam> | undefined;
  for (const name of paramsOf(id)) {
    params ??= {};
    if (name === 'victim') params[name] = victim;
    else if (name === 'perpetrator') params[name] = cf.perpetrator?.id ?? constantRef('person.theOtherPerson');
    else {
      // An age threshold (rules/parameters/ages.json), on the assessment date.
      const age =
        name === 'oldestChildAge' ? cf.textAges.child - 1 : (cf.textAges as unknown as Readonly<Record<string, number | undefined>>)[name];
      if (age !== undefined) params[name] = age;
    }
  }
  const askedRef: MessageRef = params === undefined ? constantRef(id) : { id, params };
  // A question about one concern says which, so two concerns' questions are told apart.
  const ref: MessageRef =
    def.subject === 'concern' ? { id: 'question.concern', params: { concern: cf.concern.id, question: askedRef } } : askedRef;
  const question = english(ref);
  const msg = { question: ref };
  const concernPath = `concerns[${idx.concernIndex.get(cf.concern.id) ?? 0}]`;
  let about: string;
  let base: string;
  switch (def.subject) {
    case 'reporter':
      about = 'reporter';
      base = 'reporter';
      break;
    case 'victim':
      about = victim;
      base = `people[${idx.personIndex.get(victim) ?? 0}]`;
      break;
    case 'perpetrator':
      about = cf.perpetrator?.id ?? cf.concern.id;
      base = cf.perpetrator ? `people[${idx.personIndex.get(cf.perpetrator.id) ?? 0}]` : `${concernPath}.allegedBy`;
      break;
    case 'law':
      return { fact: fact as FactName, about: 'law', question, inputs: [], msg };
    default:
      about = cf.concern.id;
      base = concernPath;
  }
  if (onlyDate)
    return { fact: fact as FactName, about: subjectPerson?.id ?? about, question, inputs: [`${concernPath}.incidentDate`], msg };
  const inputs = def.inputs.map((f) =>
    f === 'incidentDate' ? `${concernPath}.incidentDate` : def.subject === 'perpetrator' && !cf.perpetrator ? base : `${base}.${f}`,
  );
  return { fact: fact as FactName, about, question, inputs: [...new Set(inputs)], msg };
}

function reasonsOf(leaves: readonly DecidingLeaf[], concern: string | undefined): Reason[] {
  return leaves.map(({ leaf, within }) => {
    const t = testOf(leaf.operator, leaf.expected);
    const testRef = t.ref;
    const msg: { test: MessageRef; label?: MessageRef } = { test: testRef };
    const r: { -readonly [K in keyof Reason]: Reason[K] } = {
      fact: leaf.fact as FactName, // rule files name only catalogued facts (checked by the rule-file tests)
      value: shown(leaf.value),
      test: t.text,
      result: leaf.result === null ? 'unknown' : leaf.result,
      msg,
    };
    if (leaf.label !== undefined) {
      r.label = leaf.label;
      msg.label = conditionRef(leaf.label);
    }
    if (within !== undefined) r.within = within;
    if (concern !== undefined) r.concern = concern;
    return r;
  });
}

const citations = new WeakMap<RuleVersion, Map<string, Citation>>();
/** The citation of a rule version (for a limb's own provision), built once and shared. */
export function citationOf(rule: RuleFile, version: RuleVersion, provision: string = version.provision): Citation {
  let byProvision = citations.get(version);
  if (!byProvision) citations.set(version, (byProvision = new Map()));
  let c = byProvision.get(provision);
  if (!c) {
    const vk = `duty.${rule.id}@${versionKey(version.inForce.from)}`;
    const msg: { textNote?: MessageRef; amendedBy?: MessageRef } = {};
    const built: { -readonly [K in keyof Citation]: Citation[K] } = {
      act: rule.act,
      provision,
      text: version.text,
      source: version.source,
      inForceFrom: version.inForce.from,
      inForceTo: version.inForce.to,
      verification: version.verification,
      msg,
    };
    if (version.textNote) {
      built.textNote = version.textNote;
      msg.textNote = constantRef(`${vk}.textNote`);
    }
    if (version.amendedBy) {
      built.amendedBy = version.amendedBy;
      msg.amendedBy = constantRef(`${vk}.amendedBy`);
    }
    Object.freeze(msg);
    c = Object.freeze(built);
    byProvision.set(provision, c);
  }
  return c;
}

/** The parts of a duty's output that come whole from its rule file, with their messages: built once per rule and shared (frozen). */
interface LawParts {
  readonly timing: DutyResult['timing'];
  readonly form: DutyResult['form'];
  readonly offence: NonNullable<DutyResult['offence']> | null;
  readonly msg: DutyResult['msg'];
}
const lawPartsCache = new WeakMap<RuleFile, LawParts>();
function lawParts(rule: RuleFile): LawParts {
  let p = lawPartsCache.get(rule);
  if (p === undefined) {
    const d = `duty.${rule.id}`;
    const { form, offence, timing } = rule;
    p = Object.freeze({
      timing: Object.freeze({
        phrase: timing.phrase,
        deadlineHours: timing.deadlineHours,
        verification: timing.verification,
        msg: Object.freeze({ phrase: constantRef(`${d}.timing`) }),
      }),
      form:
        form === null
          ? null
          : Object.freeze({
              name: form.name,
              number: form.number,
              verification: form.verification,
              note: form.note,
              msg: Object.freeze({ name: constantRef(`${d}.form.name`), note: constantRef(`${d}.form.note`) }),
            }),
      offence:
        offence === null
          ? null
          : Object.freeze({
              provision: offence.provision,
              text: offence.text,
              verification: offence.verification,
              penalty: Object.freeze({
                text: offence.penalty.text,
                verification: offence.penalty.verification,
                note: offence.penalty.note,
                msg: Object.freeze({ note: constantRef(`${d}.offence.penaltyNote`) }),
              }),
            }),
      msg: Object.freeze({ title: constantRef(`${d}.title`), recipientsText: constantRef(`${d}.recipients`) }),
    });
    lawPartsCache.set(rule, p);
  }
  return p;
}

const noteCache = new WeakMap<object, InterpretationNote>();
/** An interpretation note of a rule file as output, with its message: built once per note and shared (frozen). */
export function noteOf(note: {
  readonly id: string;
  readonly text: string;
  readonly verification: InterpretationNote['verification'];
}): InterpretationNote {
  let n = noteCache.get(note);
  if (n === undefined) {
    n = Object.freeze({
      id: note.id,
      text: note.text,
      verification: note.verification,
      msg: Object.freeze({ text: constantRef(`note.${note.id}`) }),
    });
    noteCache.set(note, n);
  }
  return n;
}

/** What the evaluator adds beyond the rule files: the continuing-knowledge note and the presumptions' texts. */
export interface GeneralNotes {
  readonly continuingKnowledge: InterpretationNote;
  readonly leapDayBirthday: InterpretationNote;
  readonly presumptionText: (id: string) => string;
}

interface Deciding extends Strongest {
  readonly cf: ConcernFacts;
}

const isLeapDayBirth = (dob: string | undefined): boolean => dob?.endsWith('-02-29') === true;

const RANK = (r: Tri): number => (r === true ? 2 : r === null ? 1 : 0);

export type { DatedFacts };

/** The facts with some values replaced: a copy of the one shape (copyFacts), then the new values. */
function withFacts(facts: Facts, over: Readonly<Record<string, FactValue>>): Facts {
  const out = copyFacts(facts);
  for (const k in over) out[k] = over[k];
  return out;
}

/** The strongest result of a duty's versions on one concern's facts (`cf`: the concern, where one is in hand). */
interface Strongest {
  readonly cf: ConcernFacts | undefined;
  readonly facts: Facts;
  readonly lo: LimbOutcome;
  readonly w: VersionInWindow;
  readonly result: Tri;
  /** The later date the duty was looked at (a version that binds later; an ongoing act), if any. */
  readonly point: string | undefined;
}

/**
 * The strongest result so far while {@link strongestVersion} runs: one object, reused (the search
 * is synchronous and never nested), so that looking at a version makes no object.
 */
class Best {
  rank = -1;
  lo: LimbOutcome | undefined = undefined;
  w: VersionInWindow | undefined = undefined;
  result: Tri = false;
  facts: Facts | undefined = undefined;
  point: string | undefined = undefined;
  reset(): void {
    this.rank = -1;
    this.result = false;
  }
  /** A candidate replaces the best so far only with a stronger result (the oldest version wins a tie). */
  consider(lo: LimbOutcome, w: VersionInWindow, result: Tri, facts: Facts, point: string | undefined): void {
    const rank = RANK(result);
    if (rank <= this.rank) return;
    this.rank = rank;
    this.lo = lo;
    this.w = w;
    this.result = result;
    this.facts = facts;
    this.point = point;
  }
  /** The best as a result, and nothing of it kept here. */
  take(cf: ConcernFacts | undefined): Strongest {
    const out: Strongest = {
      cf,
      facts: this.facts as Facts,
      lo: this.lo as LimbOutcome,
      w: this.w as VersionInWindow,
      result: this.result,
      point: this.point,
    };
    this.lo = undefined;
    this.w = undefined;
    this.facts = undefined;
    return out;
  }
}
const BEST = new Best();

/**
 * On one concern's facts, the version (oldest first) that gives the strongest result, and that
 * result. While the knowledge continues, a duty is looked at on later days too (ages then): a
 * version that binds only later on the day it binds; a version in force on the assessment date on
 * each day an age "now" reaches an age the rules compare (`ageDays`, earliest first: the earliest
 * day wins a tie); an ongoing act on the assessment date. One object made, at the end
 * (this runs for every duty, concern and case: the best so far is kept in one reused {@link Best}).
 */
function strongestVersion(windows: readonly VersionInWindow[], facts: Facts, dated: DatedFacts | undefined, cf?: ConcernFacts): Strongest {
  const kc = facts['knowledgeContinues'];
  const kcTri: Tri = kc === undefined ? null : kc === true;
  const until = dated?.ongoingUntil;
  const ageDays = dated !== undefined && dated.ageDays.length > 0 ? dated.ageDays : undefined;
  const best = BEST;
  best.reset();
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i] as VersionInWindow;
    if (w.mode === 'uncertain') {
      // Whether it was in force on the knowledge date is open; from the date it was in force by, it binds while the knowledge continues.
      const lo = evaluateVersion(w.cv, facts);
      best.consider(lo, w, lo.result === false ? false : null, facts, undefined);
      if (w.certainInWindow) {
        const f = factsOn(facts, dated, w.start);
        const loS = evaluateVersion(w.cv, f);
        best.consider(loS, w, and3(loS.result, kcTri), f, w.start);
      }
    } else {
      const later = w.mode === 'later' ? w.start : undefined;
      const f0 = later === undefined ? facts : factsOn(facts, dated, later);
      const lo = evaluateVersion(w.cv, f0);
      best.consider(lo, w, later === undefined ? lo.result : and3(lo.result, kcTri), f0, later);
    }
    if (ageDays !== undefined && w.inForceAtEnd) {
      // An age "now" reached while the knowledge continues: the duty binds from that day, if its conditions hold then.
      for (let j = 0; j < ageDays.length && best.result !== true; j++) {
        const day = ageDays[j] as string;
        if (w.mode === 'later' && day < w.start) continue;
        const fD = factsOn(facts, dated, day);
        const loD = evaluateVersion(w.cv, fD);
        const open = w.mode === 'uncertain' && day < w.start;
        best.consider(loD, w, open ? (loD.result === false ? false : null) : and3(loD.result, kcTri), fD, day);
      }
    }
    if (until !== undefined && w.inForceAtEnd && best.result !== true) {
      // The act goes on at the assessment date: the duty binds then too, if the knowledge continued.
      const fA = factsOn(facts, dated, until);
      const loA = evaluateVersion(w.cv, fA);
      const open = w.mode === 'uncertain' && !w.certainInWindow;
      best.consider(loA, w, open ? (loA.result === false ? false : null) : and3(loA.result, kcTri), fA, until);
    }
    if (best.result === true) break;
  }
  return best.take(cf);
}

/**
 * The facts on a later date, built once per base facts, dated facts and date (the last few kept):
 * the same object each time, so what is known of it (withMemo) is reused from duty to duty.
 */
const AT_SLOTS = 16;
const atBase: (Facts | undefined)[] = new Array(AT_SLOTS).fill(undefined);
const atDated: (DatedFacts | undefined)[] = new Array(AT_SLOTS).fill(undefined);
const atDate: (string | undefined)[] = new Array(AT_SLOTS).fill(undefined);
const atFacts: (Facts | undefined)[] = new Array(AT_SLOTS).fill(undefined);
let atNext = 0;
function factsAt(facts: Facts, dated: DatedFacts, date: string): Facts {
  for (let i = 0; i < AT_SLOTS; i++) if (atBase[i] === facts && atDated[i] === dated && atDate[i] === date) return atFacts[i] as Facts;
  const f = withFacts(facts, dated.over(date));
  const i = atNext;
  atNext = (atNext + 1) % AT_SLOTS;
  atBase[i] = facts;
  atDated[i] = dated;
  atDate[i] = date;
  atFacts[i] = f;
  return f;
}

/** The facts on a later date: the dated facts over a copy of the base (the base is never made a prototype). */
function factsOn(facts: Facts, dated: DatedFacts | undefined, date: string): Facts {
  return dated !== undefined ? factsAt(facts, dated, date) : facts;
}

function bestVersion(windows: readonly VersionInWindow[], cf: ConcernFacts, facts: Facts, dated: DatedFacts | undefined): Deciding {
  return strongestVersion(windows, facts, dated, cf) as Deciding;
}

/**
 * A duty's status and modality for one person on the facts of each of their concerns, over the
 * versions in the knowledge window: what `decideDuty` decides, without the explanation (decision
 * records replay with it). No version in the window: does not apply.
 */
export function statusOnFacts(
  windows: readonly VersionInWindow[],
  factsList: readonly Facts[],
  firstModality: 'must' | 'may',
  datedList: readonly (DatedFacts | undefined)[] = [],
): { status: DutyStatus; modality: 'must' | 'may' } {
  if (windows.length === 0) return { status: 'does_not_apply', modality: firstModality };
  const results = factsList.map((f, i) => strongestVersion(windows, f, datedList[i]));
  const pick = (r: Tri) => results.find((x) => x.result === r);
  const deciding = pick(true) ?? pick(null) ?? results[0];
  const status: DutyStatus =
    deciding === undefined || deciding.result === false ? 'does_not_apply' : deciding.result === true ? 'applies' : 'may_apply';
  return { status, modality: deciding?.lo.limb.modality ?? firstModality };
}

function statusOf(decided: readonly Deciding[]): { status: DutyStatus; deciding: Deciding[] } {
  const yes = decided.filter((d) => d.result === true);
  if (yes.length > 0) return { status: 'applies', deciding: yes };
  const open = decided.filter((d) => d.result === null);
  if (open.length > 0) return { status: 'may_apply', deciding: open };
  return { status: 'does_not_apply', deciding: [...decided] };
}

/** The reasons and missing facts of the deciding concerns, with the knowledge-window reasons. */
function explainDecision(
  status: DutyStatus,
  deciding: readonly Deciding[],
  tagConcern: boolean,
  idx: InputIndex,
  wantMissing: boolean,
): { reasons: Reason[]; missing: MissingFact[] } {
  const reasons: Reason[] = [];
  const missing: MissingFact[] = [];
  const seenMissing = new Set<string>();
  const addMissing = (m: MissingFact) => {
    const key = `${m.fact}|${m.about}`;
    if (!seenMissing.has(key)) {
      seenMissing.add(key);
      missing.push(m);
    }
  };
  for (const d of status === 'applies' ? deciding.slice(0, 1) : deciding) {
    const leaves = leavesOf(d.lo, d.facts);
    const concern = tagConcern ? d.cf.concern.id : undefined;
    reasons.push(...reasonsOf(leaves, concern));
    const windowReason = windowReasonOf(d, concern);
    if (windowReason) reasons.push(windowReason);
    if (wantMissing && status === 'may_apply') {
      for (const { leaf } of leaves) if (leaf.result === null) addMissing(missingOf(leaf.fact, d.cf, idx));
      if (windowReason && windowReason.result === 'unknown') addMissing(missingOf(windowReason.fact, d.cf, idx));
    }
  }
  return { reasons, missing };
}

const TEST_TRUE: MessageRef = Object.freeze({ id: 'test.equal', params: Object.freeze({ value: 'true' }) });

/**
 * Which knowledge-window reason a decision has, without its words: `lawInForce` (a version whose
 * commencement is unverified), `knowledgeContinues` (a version that binds later; an ongoing act),
 * or none. The full level words it ({@link windowReasonOf}); the compact level takes the fact, value and result.
 */
function windowFactOf(d: Deciding): 'lawInForce' | 'knowledgeContinues' | undefined {
  if (d.lo.result === false) return undefined;
  if (d.w.mode === 'uncertain' && d.result !== true) return 'lawInForce';
  return d.point === undefined ? undefined : 'knowledgeContinues';
}

/** The value and result of the continuing-knowledge reason. */
function knowledgeValue(d: Deciding): { value: boolean | null; result: boolean | 'unknown' } {
  const v = d.facts['knowledgeContinues'];
  return v === undefined ? { value: null, result: 'unknown' } : { value: v as boolean, result: v === true };
}

/** The reason a version binds only from a later date, or only perhaps: continuing knowledge, unverified commencement. */
function windowReasonOf(d: Deciding, concern: string | undefined): Reason | undefined {
  const fact = windowFactOf(d);
  if (fact === undefined) return undefined;
  const provision = d.w.cv.version.provision;
  if (fact === 'lawInForce') {
    const test: MessageRef = { id: 'reason.lawInForce.test', params: { date: d.w.start } };
    const label: MessageRef = { id: 'reason.lawInForce.label', params: { provision } };
    const r: { -readonly [K in keyof Reason]: Reason[K] } = {
      fact: 'lawInForce' as const,
      value: null,
      test: english(test),
      result: 'unknown',
      label: english(label),
      msg: { test, label },
    };
    if (concern !== undefined) r.concern = concern;
    return r;
  }
  const point = d.point as string;
  const { value, result } = knowledgeValue(d);
  const test = TEST_TRUE;
  // Why that day: a version bound then, the act went on to then, or an age the duty turns on was reached then.
  const label: MessageRef =
    point === d.w.start && d.w.mode !== 'at-knowledge'
      ? { id: 'reason.knowledgeContinues.binds', params: { date: point, provision } }
      : point === d.cf.dated.ongoingUntil
        ? { id: 'reason.knowledgeContinues.ongoing', params: { date: point } }
        : { id: 'reason.knowledgeContinues.ageReached', params: { date: point } };
  const r: { -readonly [K in keyof Reason]: Reason[K] } = {
    fact: 'knowledgeContinues' as const,
    value,
    test: english(test),
    result,
    label: english(label),
    msg: { test, label },
  };
  if (concern !== undefined) r.concern = concern;
  return r;
}

/**
 * How much an assessment explains: `'decisions'`, `'standard'` (the default) or `'full'` (see
 * `AssessOptions.detail`).
 *
 * @example
 * ```ts
 * const detail: Detail = process.env.DETAIL === 'decisions' ? 'decisions' : 'full';
 * const a = assess(myCase, { detail }); // Assessment | CompactAssessment
 * 'guidance' in a; //=> true at 'standard' and 'full'
 * ```
 */
export type Detail = 'decisions' | 'standard' | 'full';

/** A duty decided on a person's concerns, over the versions in the knowledge window, before any explanation. */
interface Decided {
  readonly windows: readonly VersionInWindow[];
  readonly status: DutyStatus;
  readonly deciding: Deciding[];
  /** Where presumptions changed the status: the strict decision and the presumptions it turns on. */
  readonly presumptions?: { readonly strict: { status: DutyStatus; deciding: Deciding[] }; readonly uses: readonly PresumptionUse[] };
}

/** Decides (no explanation): the status, the deciding concerns and the presumptions it rests on. Undefined: no version in the window. */
function decide(compiled: CompiledRule, concerns: readonly ConcernFacts[], derived: DerivedCase): Decided | undefined {
  const { knowledgeDate, assessmentDate } = derived.dates;
  const windows = versionsInWindow(compiled, knowledgeDate, assessmentDate);
  if (windows.length === 0) return undefined;
  const decided = concerns.map((cf) => bestVersion(windows, cf, cf.facts, cf.dated));
  const { status, deciding } = statusOf(decided);
  // Presumptions: where the strict three-valued status differs, say which presumptions decided it.
  if (!concerns.some((cf) => cf.presumed.length > 0)) return { windows, status, deciding };
  // A presumption only settles what strict mode leaves unknown (each presumed fact refines its
  // strict value), and three-valued logic is monotone: a duty that may apply on the presumed facts
  // may apply on the strict ones too, so the strict decision cannot differ.
  if (status === 'may_apply') return { windows, status, deciding };
  // A presumption this rule never reads cannot change its status: only the presumed facts differ
  // between the two sets of facts (knowledgeContinues is read only for a version that binds later).
  // Continuing knowledge is read for a version that binds later, for an ongoing act looked at on the assessment date, and on a day an age is reached.
  const later =
    windows.some((w) => w.mode !== 'at-knowledge') ||
    (derived.dates.assessmentDate > derived.dates.knowledgeDate && concerns.some((cf) => cf.ongoing || cf.dated.ageDays.length > 0));
  const reads = (u: PresumptionUse) => compiled.facts.has(u.fact) || (later && u.fact === 'knowledgeContinues');
  if (!concerns.some((cf) => cf.presumed.some(reads))) return { windows, status, deciding };
  const strictOf = (cf: ConcernFacts) => bestVersion(windows, cf, cf.strictFacts, cf.strictDated);
  // The same monotony: only a concern where the duty applies on the presumed facts can apply on the
  // strict ones, and where it applies for none, it does not apply on the strict facts only if none is open.
  if (status === 'applies' ? deciding.some((d) => strictOf(d.cf).result === true) : concerns.every((cf) => strictOf(cf).result === false))
    return { windows, status, deciding };
  const strict = statusOf(concerns.map(strictOf));
  if (strict.status === status) return { windows, status, deciding };
  // Each presumption once (a handful: a scan beats a keyed set).
  const candidates: PresumptionUse[] = [];
  for (const cf of concerns) {
    for (const u of cf.presumed) {
      if (!reads(u) || candidates.some((x) => x.id === u.id && x.fact === u.fact && x.about === u.about)) continue;
      candidates.push(u);
    }
  }
  // List the presumptions the status turns on: each one whose removal alone changes it (all, if only together).
  const without = (u: PresumptionUse) =>
    statusOf(
      concerns.map((cf) => {
        if (!cf.presumed.some((x) => x.id === u.id && x.fact === u.fact && x.about === u.about))
          return bestVersion(windows, cf, cf.facts, cf.dated);
        // The facts with this one presumption undone.
        const facts = copyFacts(cf.facts);
        facts[u.fact] = cf.strictFacts[u.fact];
        return bestVersion(windows, cf, facts, cf.dated);
      }),
    ).status;
  const decisive = candidates.filter((u) => without(u) !== status);
  return { windows, status, deciding, presumptions: { strict, uses: decisive.length > 0 ? decisive : candidates } };
}

/**
 * Decides one duty for one person at risk over that person's concerns: `applies` if it applies
 * for some concern, `does_not_apply` if for none, otherwise `may_apply`. Every version in force
 * from the knowledge date to the assessment date is considered (knowing is a continuing state).
 * In the default mode the facts carry presumptions; where they change the status, the presumptions
 * are listed and the strict mode's questions kept. With `detail: 'standard'`, a duty that does not
 * apply carries no reasons (`full` has them; {@link explainDuty} gives them on request).
 */
export function decideDuty(
  compiled: CompiledRule,
  person: string,
  concerns: readonly ConcernFacts[],
  derived: DerivedCase,
  idx: InputIndex,
  general: GeneralNotes,
  detail: 'standard' | 'full' = 'full',
): DutyResult {
  const rule = compiled.rule;
  const { knowledgeDate, assessmentDate } = derived.dates;
  const d = decide(compiled, concerns, derived);
  if (d === undefined) {
    const { cv, next } = outOfWindow(compiled, assessmentDate);
    const version = cv.version;
    const reasons = detail === 'full' ? [outOfWindowReason(cv, next, knowledgeDate)] : [];
    const modality = (version.limbs[0] as { modality: 'must' | 'may' }).modality;
    return dutyResult(rule, person, 'does_not_apply', modality, citationOf(rule, version), reasons, [], [], []);
  }
  const { status, deciding } = d;
  const tagConcern = concerns.length > 1;
  const { reasons, missing } =
    detail === 'standard' && status === 'does_not_apply'
      ? { reasons: [], missing: [] }
      : explainDecision(status, deciding, tagConcern, idx, true);
  const first = deciding[0] as Deciding;
  const limb = first.lo.limb;
  const notes = notesOf(status, deciding, concerns, derived, general);
  const cite = citationOf(rule, first.w.cv.version, limb.provision);
  const decidedBy = deciding.map((x) => x.cf.concern.id);
  const result = dutyResult(rule, person, status, limb.modality, cite, reasons, missing, notes, decidedBy);
  if (rule.timing.deadlineHours !== null && status !== 'does_not_apply') {
    const from = first.point ?? knowledgeDate;
    const latestDate = nextDay(from);
    result.deadline = { hours: rule.timing.deadlineHours, from, latestDate, passed: assessmentDate > latestDate };
  }
  if (d.presumptions) {
    const { strict, uses } = d.presumptions;
    result.presumed = uses.map((u) => presumptionNote(u, general));
    result.strictStatus = strict.status;
    // What would replace the presumptions: the strict mode's open questions.
    if (status !== 'may_apply') result.missing = explainDecision(strict.status, strict.deciding, tagConcern, idx, true).missing;
  }
  return result;
}

/** A duty's result: one literal with a fixed key order (stable JSON), built without object spread. */
export function dutyResult(
  rule: RuleFile,
  person: string,
  status: DutyStatus,
  modality: 'must' | 'may',
  citation: Citation,
  reasons: Reason[],
  missing: MissingFact[],
  notes: InterpretationNote[],
  decidedBy: string[],
): { -readonly [K in keyof DutyResult]: DutyResult[K] } {
  const law = lawParts(rule);
  return {
    duty: rule.id,
    person,
    status,
    modality,
    title: rule.title,
    citation,
    recipients: rule.recipients,
    recipientsText: rule.recipientsText,
    timing: law.timing,
    form: law.form,
    contents: rule.contents,
    offence: modality === 'must' ? law.offence : null,
    protections: rule.protections,
    reasons,
    missing,
    notes,
    concerns: decidedBy,
    msg: law.msg,
  };
}

/**
 * The interpretation notes of a decision: the deciding versions' notes (where the duty does not
 * apply, only those this case triggers: general ones would be noise), continuing knowledge where a
 * version bound later, and the leap-day reading where a birthday is 29 February.
 */
function notesOf(
  status: DutyStatus,
  deciding: readonly Deciding[],
  concerns: readonly ConcernFacts[],
  derived: DerivedCase,
  general: GeneralNotes,
): InterpretationNote[] {
  const notes: InterpretationNote[] = [];
  // The deciding versions, each once, in order (a handful: a scan beats a set).
  const noteVersions: CompiledVersion[] = [];
  for (let i = 0; i < deciding.length; i++) {
    const cv = (deciding[i] as Deciding).w.cv;
    if (!noteVersions.includes(cv)) noteVersions.push(cv);
  }
  for (let i = 0; i < noteVersions.length; i++) {
    const vn = (noteVersions[i] as CompiledVersion).notes;
    for (let j = 0; j < vn.length; j++) {
      const { note, test } = vn[j] as CompiledVersion['notes'][number];
      if (test === undefined ? status === 'does_not_apply' : !holdsForSome(test, concerns)) continue;
      if (!hasNote(notes, note.id)) notes.push(noteOf(note));
    }
  }
  if (status !== 'does_not_apply' && deciding.some((x) => x.point !== undefined)) notes.push(general.continuingKnowledge);
  if (
    concerns.some((cf) => isLeapDayBirth(cf.victim.dateOfBirth) || isLeapDayBirth(cf.perpetrator?.dateOfBirth)) ||
    isLeapDayBirth(derived.reporterDateOfBirth)
  ) {
    notes.push(general.leapDayBirthday);
  }
  return notes;
}

/** True when a note's test holds on the facts of one of the concerns. */
function holdsForSome(test: Compiled, concerns: readonly ConcernFacts[]): boolean {
  for (let i = 0; i < concerns.length; i++) if (test.tri((concerns[i] as ConcernFacts).facts) === true) return true;
  return false;
}

function hasNote(notes: readonly InterpretationNote[], id: string): boolean {
  for (let i = 0; i < notes.length; i++) if ((notes[i] as InterpretationNote).id === id) return true;
  return false;
}

/** A presumption a status rests on, in words, with its message. */
export function presumptionNote(u: PresumptionUse, general: GeneralNotes): PresumptionNote {
  return {
    id: u.id,
    fact: u.fact,
    about: u.about,
    text: general.presumptionText(u.id),
    msg: { text: constantRef(`presumption.${u.id}`) },
  };
}

/** With no version in the knowledge window: the next version (not yet in force) or the last one (no longer in force). */
function outOfWindow(compiled: CompiledRule, assessmentDate: string): { cv: CompiledVersion; next: boolean } {
  const next = compiled.versions.find((v) => v.version.inForce.from !== null && v.version.inForce.from > assessmentDate);
  return { cv: next ?? (compiled.versions[compiled.versions.length - 1] as CompiledVersion), next: next !== undefined };
}

function outOfWindowReason(cv: CompiledVersion, next: boolean, knowledgeDate: string): Reason {
  const from = cv.version.inForce.from;
  const test: MessageRef =
    next && from !== null
      ? { id: 'reason.notYetInForce.test', params: { date: from } }
      : { id: 'reason.noLongerInForce.test', params: { date: cv.version.inForce.to ?? '' } };
  const label = constantRef(next ? 'reason.notYetInForce.label' : 'reason.noLongerInForce.label');
  return {
    fact: 'knowledgeDate',
    value: knowledgeDate,
    test: english(test),
    result: false,
    label: english(label),
    msg: { test, label },
  };
}

/**
 * The reasons the `full` level gives for one duty and person, whatever its status (what
 * `standard` leaves out where a duty does not apply).
 */
export function explainDuty(compiled: CompiledRule, concerns: readonly ConcernFacts[], derived: DerivedCase, idx: InputIndex): Reason[] {
  const d = decide(compiled, concerns, derived);
  if (d === undefined) {
    const { cv, next } = outOfWindow(compiled, derived.dates.assessmentDate);
    return [outOfWindowReason(cv, next, derived.dates.knowledgeDate)];
  }
  return explainDecision(d.status, d.deciding, concerns.length > 1, idx, false).reasons;
}

/** A buffer reused by the compact explanations (synchronous, so never shared between two calls). */
const SCRATCH = new LeafBuffer();

/** The deciding facts of a decision, compactly (fact, value, result; each fact and result once), without any text. */
function compactReasonsOf(status: DutyStatus, deciding: readonly Deciding[]): CompactReason[] {
  const out: CompactReason[] = [];
  if (status === 'may_apply') return out;
  // Each fact and result once (a handful of entries: a scan beats a keyed set).
  const add = (fact: ReasonFact, value: ReasonValue, result: boolean | 'unknown') => {
    for (let i = 0; i < out.length; i++) {
      const x = out[i] as CompactReason;
      if (x.fact === fact && x.result === result) return;
    }
    out.push({ fact, value, result });
  };
  const leaves = SCRATCH;
  const n = status === 'applies' ? 1 : deciding.length;
  for (let i = 0; i < n; i++) {
    const d = deciding[i] as Deciding;
    leaves.reset();
    d.lo.limb.test.explain(d.facts, leaves);
    for (let j = 0; j < leaves.length; j++) {
      const r = leaves.results[j] as Tri;
      add((leaves.tests[j] as LeafTest).fact as FactName, shown(leaves.values[j]), r === null ? 'unknown' : r);
    }
    // The same knowledge-window reason the full level gives (continuing knowledge, unverified commencement), without its words.
    const wf = windowFactOf(d);
    if (wf === 'lawInForce') add(wf, null, 'unknown');
    else if (wf !== undefined) {
      const k = knowledgeValue(d);
      add(wf, k.value, k.result);
    }
  }
  return out;
}

/** The facts that would settle a `may_apply` (each once, in the order the questions ask them). */
function missingFactsOf(status: DutyStatus, deciding: readonly Deciding[]): FactName[] {
  if (status !== 'may_apply') return [];
  const out: FactName[] = [];
  const leaves = SCRATCH;
  for (const d of deciding) {
    leaves.reset();
    d.lo.limb.test.explain(d.facts, leaves);
    for (let j = 0; j < leaves.length; j++) {
      const fact = (leaves.tests[j] as LeafTest).fact as FactName;
      if (leaves.results[j] === null && !out.includes(fact)) out.push(fact);
    }
    const wf = windowFactOf(d);
    if (wf !== undefined && (wf === 'lawInForce' || knowledgeValue(d).result === 'unknown') && !out.includes(wf)) out.push(wf);
  }
  return out;
}

/**
 * One duty for one person at the `decisions` level: status, modality, the deciding facts (no
 * text), the missing facts by name, the presumptions by id and the deadline. The same decision as
 * {@link decideDuty}, shaped as the compact output.
 */
export function decideDutyCompact(
  compiled: CompiledRule,
  person: string,
  concerns: readonly ConcernFacts[],
  derived: DerivedCase,
): CompactDuty {
  const rule = compiled.rule;
  const d = decide(compiled, concerns, derived);
  if (d === undefined) {
    const { cv } = outOfWindow(compiled, derived.dates.assessmentDate);
    const modality = (cv.version.limbs[0] as { modality: 'must' | 'may' }).modality;
    return {
      duty: rule.id,
      person,
      status: 'does_not_apply',
      modality,
      reasons: [{ fact: 'knowledgeDate', value: derived.dates.knowledgeDate, result: false }],
      missing: [],
    };
  }
  const { status, deciding } = d;
  const first = deciding[0] as Deciding;
  const missing =
    d.presumptions && status !== 'may_apply'
      ? missingFactsOf(d.presumptions.strict.status, d.presumptions.strict.deciding)
      : missingFactsOf(status, deciding);
  const out: { -readonly [K in keyof CompactDuty]: CompactDuty[K] } = {
    duty: rule.id,
    person,
    status,
    modality: first.lo.limb.modality,
    reasons: compactReasonsOf(status, deciding),
    missing,
  };
  if (d.presumptions) out.presumed = [...new Set(d.presumptions.uses.map((u) => u.id))];
  if (rule.timing.deadlineHours !== null && status !== 'does_not_apply') {
    const { knowledgeDate, assessmentDate } = derived.dates;
    const latestDate = nextDay(first.point ?? knowledgeDate);
    out.deadline = { hours: rule.timing.deadlineHours, latestDate, passed: assessmentDate > latestDate };
  }
  return out;
}

/**
 * Whether, for every way the given pivot facts could turn out, one of two duties holds: the status
 * of "one of them applies" over the unknown pivots, on each concern's facts, each version in the
 * knowledge window considered (`wa`, `wb`).
 */
export function alternativesStatus(
  wa: readonly VersionInWindow[],
  wb: readonly VersionInWindow[],
  pivots: readonly string[],
  factsList: readonly Facts[],
  datedList: readonly (DatedFacts | undefined)[] = [],
): DutyStatus | undefined {
  if (wa.length === 0 || wb.length === 0) return undefined;
  let best: DutyStatus = 'does_not_apply';
  for (const [j, base] of factsList.entries()) {
    const dated = datedList[j];
    const open = pivots.filter((p) => base[p] === undefined);
    let anyTrue = false;
    let allTrue = true;
    let anyUnknown = false;
    const n = 1 << open.length;
    for (let mask = 0; mask < n; mask++) {
      // The base facts with the pivots set (a copy of the one shape: copyFacts).
      const facts = copyFacts(base);
      for (let i = 0; i < open.length; i++) facts[open[i] as string] = (mask & (1 << i)) !== 0;
      const ra = strongestVersion(wa, facts, dated).result;
      const rb = strongestVersion(wb, facts, dated).result;
      const r = ra === true || rb === true ? true : ra === null || rb === null ? null : false;
      if (r === true) anyTrue = true;
      else allTrue = false;
      if (r === null) anyUnknown = true;
    }
    const s: DutyStatus = allTrue ? 'applies' : anyTrue || anyUnknown ? 'may_apply' : 'does_not_apply';
    if (s === 'applies') return 'applies';
    if (s === 'may_apply') best = 'may_apply';
  }
  return best;
}

/** A duty's outcome as the overlaps read it. */
export interface OverlapInput {
  readonly duty: DutyId;
  readonly status: DutyStatus;
  readonly modality: 'must' | 'may';
  readonly recipients: readonly string[];
}

/** Where duties meet for one person, decided without words: the overlap, its status and the duties it names. */
export interface OverlapDecision {
  readonly overlap: OverlapFile;
  readonly status: DutyStatus;
  readonly duties: readonly DutyId[];
  /** For one report to one recipient: the duties that recipient alone can receive. */
  readonly only: readonly DutyId[];
}

/**
 * Where duties meet for one person, read from `rules/overlaps/`: alternatives met by one report
 * (status over the unknown pivots), and one report to one recipient meeting several duties.
 * Decided only; {@link overlapsOf} words them (the `decisions` level needs no words).
 */
export function overlapDecisions(
  mine: readonly OverlapInput[],
  factsList: readonly Facts[],
  windowsOf: (duty: DutyId) => readonly VersionInWindow[] | undefined,
  overlaps: readonly OverlapFile[],
  datedList: readonly (DatedFacts | undefined)[] = [],
): OverlapDecision[] {
  const out: OverlapDecision[] = [];
  for (const o of overlaps) {
    if (o.kind === 'alternatives') {
      const [a, b] = o.duties;
      const wa = windowsOf(a);
      const wb = windowsOf(b);
      const inPlay = mine.some((d) => (d.duty === a || d.duty === b) && d.status !== 'does_not_apply');
      if (!wa || !wb || !inPlay) continue;
      // Three-valued logic is monotone: a duty that applies with the pivots unknown applies for
      // every way they turn out, so "one of them applies" holds without trying each.
      const status = mine.some((d) => (d.duty === a || d.duty === b) && d.status === 'applies')
        ? 'applies'
        : alternativesStatus(wa, wb, o.pivots, factsList, datedList);
      if (status) out.push({ overlap: o, status, duties: [a, b], only: [] });
    } else {
      const must = mine.filter((d) => d.status === 'applies' && d.modality === 'must' && d.recipients.includes(o.recipient));
      if (must.length < o.minDuties) continue;
      const ids = must.map((d) => d.duty);
      const only = must.filter((d) => d.recipients.length === 1).map((d) => d.duty);
      out.push({ overlap: o, status: 'applies', duties: ids, only });
    }
  }
  return out;
}

/** The overlaps of one person (see {@link overlapDecisions}), in words. */
export function overlapsOf(
  person: string,
  mine: readonly OverlapInput[],
  factsList: readonly Facts[],
  windowsOf: (duty: DutyId) => readonly VersionInWindow[] | undefined,
  overlaps: readonly OverlapFile[],
  datedList: readonly (DatedFacts | undefined)[] = [],
): Overlap[] {
  return overlapDecisions(mine, factsList, windowsOf, overlaps, datedList).map(({ overlap: o, status, duties, only }): Overlap => {
    let text: string;
    let ref: MessageRef;
    if (o.kind === 'alternatives') {
      text = o.texts[status];
      ref = constantRef(`overlap.${o.id}.${status}`);
    } else {
      const applies = fill(`overlap.${o.id}.applies`, duties);
      ref = only.length > 0 ? { id: 'sentences.two', params: { first: applies, second: fill(`overlap.${o.id}.only`, only) } } : applies;
      text = english(ref);
    }
    return {
      id: o.id,
      kind: o.kind,
      title: o.title,
      person,
      duties,
      status,
      text,
      msg: { title: constantRef(`overlap.${o.id}.title`), text: ref },
    };
  });
}

/** An overlap's text naming duties: `{duties}` lists them, `{them}` refers back to them. */
function fill(id: string, duties: readonly string[]): MessageRef {
  return paramsOf(id).includes('them')
    ? { id, params: { duties, them: constantRef(duties.length === 1 ? 'word.it' : 'word.them') } }
    : { id, params: { duties } };
}

export type { DutyId };
