import { describeValue, makeIssue, ValidationError, vm, type ValidationIssue } from '../errors/validation-error.js';
import { defaultCompiled } from '../rules/bundled.js';
import { OVERLAPS } from '../rules/overlaps.js';
import { rulesetVersionOf } from '../rules/version.js';
import { assessmentOf, catalogueFor, GENERAL, type SafeAssessResult } from './assess.js';
import { validateWith } from '../errors/from-zod.js';
import type { MessageRef } from '../messages/message.js';
import { localize, type Messages } from './localize.js';
import { ReferencedAssessmentSchema } from './output-schema.js';
import { citationOf, dutyResult, noteOf, presumptionNote } from './duties.js';
import { guidanceFromRefs } from './guidance.js';
import { english, englishMessages, versionKey } from './messages.js';
import type {
  Assessment,
  DutyResult,
  InterpretationNote,
  MissingFact,
  Overlap,
  Reason,
  ReferencedAssessment,
  ReferencedDuty,
  ReferencedMissingFact,
  ReferencedOverlap,
  ReferencedReason,
} from './types.js';

/*
 * "Each text once": an assessment with its texts left out and referred to. What comes whole from the
 * rule files, the guidance files and the message catalogue (statute text, citations, forms,
 * offences, notes, guidance, helplines, every text that carries a message) is carried by id; what
 * the case decided (statuses, reasons' facts and values, missing facts, presumptions, deadlines,
 * overlaps, the guidance's people) is carried whole. `expandTexts` gives back the assessment, the
 * same JSON byte for byte, from the rules of the same `rulesetVersion`.
 */

function referencedReason(r: Reason): ReferencedReason {
  const out: { -readonly [K in keyof ReferencedReason]: ReferencedReason[K] } = {
    fact: r.fact,
    value: r.value,
    result: r.result,
    msg: r.msg,
  };
  if (r.within !== undefined) out.within = r.within;
  if (r.concern !== undefined) out.concern = r.concern;
  return out;
}

function referencedMissing(m: MissingFact): ReferencedMissingFact {
  return { fact: m.fact, about: m.about, inputs: m.inputs, msg: m.msg };
}

function referencedDuty(d: DutyResult): ReferencedDuty {
  const c = d.citation;
  const out: { -readonly [K in keyof ReferencedDuty]: ReferencedDuty[K] } = {
    duty: d.duty,
    person: d.person,
    status: d.status,
    modality: d.modality,
    law: versionKey(c.inForceFrom),
    reasons: d.reasons.map(referencedReason),
    missing: d.missing.map(referencedMissing),
    notes: d.notes.map((n) => n.id),
    concerns: d.concerns,
  };
  const version = defaultCompiled()
    .rules.get(d.duty)
    ?.versions.find((v) => v.version.inForce.from === c.inForceFrom);
  if (version === undefined || version.version.provision !== c.provision) out.provision = c.provision;
  if (d.deadline !== undefined) out.deadline = d.deadline;
  if (d.presumed !== undefined) out.presumed = d.presumed.map((p) => ({ id: p.id, fact: p.fact, about: p.about }));
  if (d.strictStatus !== undefined) out.strictStatus = d.strictStatus;
  return out;
}

/**
 * The assessment with each text referred to instead of carried: what the case decided, whole; the
 * statute texts, citations, forms, notes, guidance, helplines and every text that carries a
 * message, by id. About a sixth of the full JSON. {@link expandTexts} gives the assessment back,
 * byte for byte, with the same `rulesetVersion`.
 *
 * @param a - An assessment (`standard` or `full` detail, either mode).
 * @returns The referenced assessment (`texts: "referenced"`).
 * @example
 * ```ts
 * const a = assess(myCase, { detail: 'full' });
 * const r = referenceTexts(a);
 * JSON.stringify(expandTexts(r)) === JSON.stringify(a); //=> true
 * ```
 * @category Assessment
 */
export function referenceTexts(a: Assessment): ReferencedAssessment {
  const head: { caseId?: string } = {};
  if (a.caseId !== undefined) head.caseId = a.caseId;
  return Object.assign(head, {
    assessmentDate: a.assessmentDate,
    lawAsAt: a.lawAsAt,
    mode: a.mode,
    rulesetVersion: a.rulesetVersion,
    texts: 'referenced' as const,
    duties: a.duties.map(referencedDuty),
    overlaps: a.overlaps.map((o) => ({ id: o.id, person: o.person, duties: o.duties, status: o.status, msg: o.msg })),
    guidance: { items: a.guidance.items.map((g) => ({ id: g.id, persons: g.persons })) },
  });
}

/** A reason with its texts, its keys in the order the evaluator writes them (a condition's label after `msg`). */
function expandedReason(r: ReferencedReason): Reason {
  const { test, label } = r.msg;
  const afterMsg = label?.id.startsWith('condition.') === true;
  const out: { -readonly [K in keyof Reason]: Reason[K] } =
    label === undefined || afterMsg
      ? { fact: r.fact, value: r.value, test: english(test), result: r.result, msg: r.msg }
      : { fact: r.fact, value: r.value, test: english(test), result: r.result, label: english(label), msg: r.msg };
  if (label !== undefined && afterMsg) out.label = english(label);
  if (r.within !== undefined) out.within = r.within;
  if (r.concern !== undefined) out.concern = r.concern;
  return out;
}

function expandedDuty(d: ReferencedDuty, at: (string | number)[], problems: ValidationIssue[]): DutyResult | undefined {
  const compiled = defaultCompiled().rules.get(d.duty);
  const cv = compiled?.versions.find((v) => versionKey(v.version.inForce.from) === d.law);
  if (compiled === undefined || cv === undefined) {
    const versions = (compiled?.versions ?? []).map((v) => versionKey(v.version.inForce.from));
    problems.push(
      makeIssue(
        'unknown_reference',
        [...at, 'law'],
        vm('validation.expected.ruleVersion', { duty: d.duty, versions }),
        describeValue(d.law),
      ),
    );
    return undefined;
  }
  const rule = compiled.rule;
  const notes: InterpretationNote[] = [];
  for (const [i, id] of d.notes.entries()) {
    const found = compiled.versions.flatMap((v) => v.notes).find((n) => n.note.id === id)?.note;
    const note = found !== undefined ? noteOf(found) : [GENERAL.continuingKnowledge, GENERAL.leapDayBirthday].find((n) => n.id === id);
    if (note === undefined) {
      problems.push(
        makeIssue('unknown_reference', [...at, 'notes', i], vm('validation.expected.ruleNote', { duty: d.duty }), describeValue(id)),
      );
      return undefined;
    }
    notes.push(note);
  }
  // A limb's own provision, or none: a provision the version does not have is not cited (nor kept).
  const provisions = [cv.version.provision, ...cv.limbs.map((l) => l.provision)];
  if (d.provision !== undefined && !provisions.includes(d.provision)) {
    problems.push(
      makeIssue(
        'unknown_reference',
        [...at, 'provision'],
        vm('validation.expected.ruleProvision', { duty: d.duty, provisions: [...new Set(provisions)] }),
        describeValue(d.provision),
      ),
    );
    return undefined;
  }
  for (const [i, p] of (d.presumed ?? []).entries())
    if (englishMessages[`presumption.${p.id}`] === undefined) {
      problems.push(
        makeIssue('unknown_reference', [...at, 'presumed', i, 'id'], vm('validation.expected.presumptionId'), describeValue(p.id)),
      );
      return undefined;
    }
  for (const [i, x] of d.reasons.entries()) unknownMessages(x.msg, [...at, 'reasons', i, 'msg'], problems);
  for (const [i, m] of d.missing.entries()) unknownMessages(m.msg, [...at, 'missing', i, 'msg'], problems);
  const missing = d.missing.map(
    (m): MissingFact => ({ fact: m.fact, about: m.about, question: english(m.msg.question), inputs: m.inputs, msg: m.msg }),
  );
  const out = dutyResult(
    rule,
    d.person,
    d.status,
    d.modality,
    citationOf(rule, cv.version, d.provision ?? cv.version.provision),
    d.reasons.map(expandedReason),
    missing,
    notes,
    [...d.concerns],
  );
  if (d.deadline !== undefined) out.deadline = d.deadline;
  if (d.presumed !== undefined) out.presumed = d.presumed.map((u) => presumptionNote(u as Parameters<typeof presumptionNote>[0], GENERAL));
  if (d.strictStatus !== undefined) out.strictStatus = d.strictStatus;
  return out;
}

/** Each message a referenced text names (and each one nested in its parameters) must be in the catalogue. */
function unknownRef(ref: MessageRef, at: (string | number)[], problems: ValidationIssue[]): void {
  if (englishMessages[ref.id] === undefined)
    problems.push(makeIssue('unknown_reference', [...at, 'id'], vm('validation.expected.messageId'), describeValue(ref.id)));
  for (const [name, p] of Object.entries(ref.params ?? {})) {
    if (Array.isArray(p)) {
      const list = p as readonly (string | number | MessageRef)[];
      for (const [i, x] of list.entries()) if (typeof x === 'object') unknownRef(x, [...at, 'params', name, i], problems);
    } else if (typeof p === 'object') unknownRef(p as MessageRef, [...at, 'params', name], problems);
  }
}

/** The messages of an object's texts (`msg`: field to message). */
function unknownMessages(
  msg: Readonly<Record<string, MessageRef | undefined>>,
  at: (string | number)[],
  problems: ValidationIssue[],
): void {
  for (const [field, ref] of Object.entries(msg)) if (ref !== undefined) unknownRef(ref, [...at, field], problems);
}

function expandedOverlap(o: ReferencedOverlap, at: (string | number)[], problems: ValidationIssue[]): Overlap | undefined {
  unknownMessages(o.msg, [...at, 'msg'], problems);
  const file = OVERLAPS.find((x) => x.id === o.id);
  if (file === undefined) {
    const ids = OVERLAPS.map((x) => x.id);
    problems.push(makeIssue('unknown_reference', [...at, 'id'], vm('validation.expected.overlapId', { ids }), describeValue(o.id)));
    return undefined;
  }
  return {
    id: o.id,
    kind: file.kind,
    title: file.title,
    person: o.person,
    duties: o.duties,
    status: o.status,
    text: english(o.msg.text),
    msg: o.msg,
  };
}

/** Expands a referenced assessment that fits its type; the issues where the rules do not have what it refers to. */
export function expandReferenced(r: ReferencedAssessment): SafeAssessResult {
  const problems: ValidationIssue[] = [];
  if (r.rulesetVersion !== rulesetVersionOf())
    problems.push(
      makeIssue(
        'other_ruleset',
        ['rulesetVersion'],
        vm('validation.expected.sameRuleset', { version: rulesetVersionOf() }),
        describeValue(r.rulesetVersion),
      ),
    );
  const duties: DutyResult[] = [];
  const overlaps: Overlap[] = [];
  if (problems.length === 0) {
    for (const [i, d] of r.duties.entries()) {
      const x = expandedDuty(d, ['duties', i], problems);
      if (x !== undefined) duties.push(x);
    }
    for (const [i, o] of r.overlaps.entries()) {
      const x = expandedOverlap(o, ['overlaps', i], problems);
      if (x !== undefined) overlaps.push(x);
    }
  }
  const guidance =
    problems.length === 0
      ? guidanceFromRefs(r.guidance.items, (i, id) =>
          problems.push(
            makeIssue('unknown_reference', ['guidance', 'items', i, 'id'], vm('validation.expected.guidanceItemId'), describeValue(id)),
          ),
        )
      : undefined;
  if (problems.length > 0 || guidance === undefined)
    return { success: false, error: new ValidationError('referenced assessment', problems) };
  return {
    success: true,
    data: assessmentOf(r.caseId, r.assessmentDate, r.lawAsAt, r.mode, r.rulesetVersion, duties, overlaps, guidance),
  };
}

/** Options of {@link expandTexts}. */
export interface ExpandOptions {
  /** The texts in other words, as `assess()` takes them: give the catalogue the assessment was made with. */
  readonly messages?: Messages;
}

/**
 * {@link expandTexts} without throwing: `{ success: true, data }` with the assessment, or
 * `{ success: false, error }` naming each path that does not fit {@link ReferencedAssessmentSchema}
 * (`za-duties schema referenced`) or that these rules do not have (code `unknown_reference`), or a
 * record made with other rules (`other_ruleset`).
 *
 * @param input - A referenced assessment, typically parsed JSON (validated here).
 * @param options - {@link ExpandOptions}.
 * @returns The assessment, or the validation error.
 * @example
 * ```ts
 * const r = safeExpandTexts(JSON.parse(line) as unknown);
 * if (!r.success) console.log(r.error.issues.map((i) => i.message));
 * ```
 * @category Assessment
 */
export function safeExpandTexts(input: unknown, options: ExpandOptions = {}): SafeAssessResult {
  const cat = options.messages === undefined ? undefined : catalogueFor(options.messages);
  if (cat instanceof ValidationError) return { success: false, error: cat };
  const v = validateWith(ReferencedAssessmentSchema, input, 'referenced assessment');
  if (!v.success) return v;
  const r = expandReferenced(v.data);
  return !r.success || cat === undefined ? r : { success: true, data: localize(r.data, cat) };
}

/**
 * The assessment a {@link referenceTexts} result (or `za-duties assess --referenced`) stands
 * for: every text put back from the rules, the guidance files and the message catalogue of this
 * version. The JSON is the same, byte for byte, as the assessment it was made from.
 *
 * @param input - A referenced assessment, typically parsed JSON (validated here).
 * @param options - {@link ExpandOptions}.
 * @returns The {@link Assessment}.
 * @throws {@link ValidationError} when the input does not fit {@link ReferencedAssessmentSchema}, was made with other rules (`rulesetVersion`), or refers to what these rules do not have.
 * @example
 * ```ts
 * const full = assess(myCase, { detail: 'full' });
 * const stored = JSON.stringify(referenceTexts(full)); // about a sixth of the size
 * expandTexts(JSON.parse(stored) as unknown).duties[0]?.citation.text === full.duties[0]?.citation.text; //=> true
 * ```
 * @category Assessment
 */
export function expandTexts(input: unknown, options: ExpandOptions = {}): Assessment {
  const r = safeExpandTexts(input, options);
  if (!r.success) throw r.error;
  return r.data;
}
