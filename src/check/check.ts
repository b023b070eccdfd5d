import { assessValidated, catalogueFor, DISCLAIMER, validateCase } from '../assessment/assess.js';
import { localize, localizeError, type Messages } from '../assessment/localize.js';
import { english } from '../assessment/messages.js';
import { constantRef, type MessageParam, type MessageRef } from '../messages/message.js';
import type { Assessment, DutyResult, MissingFact } from '../assessment/types.js';
import { daysBetween } from '../case/ages.js';
import type { Untrusted } from '../case/input.js';
import type { DutyId } from '../case/vocabulary.js';
import { validateWith } from '../errors/from-zod.js';
import { makeIssue, ValidationError, vm, type ValidationIssue } from '../errors/validation-error.js';
import { OVERLAPS, type AlternativesOverlap } from '../rules/overlaps.js';
import { VERIFICATIONS, type Recipient, type Verification } from '../rules/schema.js';
import * as z from 'zod';
import { ActionSchema, ClockTime, type Action, type CheckInput } from './schema.js';
import type { ComplianceCheck, ComplianceDeadline, ComplianceItem, ComplianceStatus, NotCounted } from './output-schema.js';

/**
 * Options of {@link checkCompliance}: `messages`, a partial catalogue over `englishMessages` for the
 * texts (as for `assess`).
 *
 * @example
 * ```ts
 * checkCompliance(input, { messages: { 'check.met': 'Nagekom: {label} vir {person}, deur {actions}.' } });
 * ```
 */
export interface CheckOptions {
  readonly messages?: Messages;
}

/** The result of {@link safeCheckCompliance}: the check, or the validation error. */
export type SafeCheckResult =
  | { readonly success: true; readonly data: ComplianceCheck }
  | { readonly success: false; readonly error: ValidationError };

// The envelope is validated on its own, and the case by the library's own case validation (which
// also checks its dates), so that every issue of both comes back at once with paths from the root.
const Envelope = z.strictObject({
  case: z.unknown().optional(),
  knowledgeTime: ClockTime.optional(),
  actions: z.array(ActionSchema).max(1000),
});

/** A recipient in words (`recipient.<value>`). */
const recipientRef = (r: Recipient): MessageRef => constantRef(`recipient.${r}`);

/** Items as one phrase: `a`, `a or b`, `a, b or c`. */
function orList(items: readonly MessageParam[]): MessageParam {
  if (items.length <= 1) return items[0] ?? '';
  return {
    id: 'list.or',
    params: { init: items.slice(0, -1) as (string | number | MessageRef)[], last: items[items.length - 1] as MessageParam },
  };
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Whether a report was made within `hours` of the moment the duty bound (`from`, at `fromTime` where
 * known): `true`, `false`, or `null` when only the times could tell (dates alone leave up to a day
 * either way).
 */
function inTime(hours: number, from: string, fromTime: string | undefined, a: Action): boolean | null {
  const days = daysBetween(a.date, from);
  if (fromTime !== undefined && a.time !== undefined) {
    return days * 1440 + minutes(a.time) - minutes(fromTime) <= hours * 60;
  }
  if ((days + 1) * 24 <= hours) return true;
  if (fromTime === '00:00') {
    // The duty bound at the start of the day: at least `days` days have passed.
    if (days * 24 > hours) return false;
  } else if ((days - 1) * 24 >= hours) {
    // Elapsed time lies strictly between (days - 1) and (days + 1) days.
    return false;
  }
  return null;
}

interface Obligation {
  /** A duty id, or the id of an alternatives overlap (rules/overlaps/, e.g. `dva-report`). */
  readonly id: string;
  /** How the obligation is named in sentences. */
  readonly label: MessageParam;
  readonly duties: readonly DutyId[];
  /** The duty labels of reports that may count for it. */
  readonly accepts: readonly DutyId[];
  readonly person: string;
  readonly dutyStatus: ComplianceItem['dutyStatus'];
  readonly recipients: readonly Recipient[];
  readonly timing: ComplianceItem['timing'];
  readonly deadline: DutyResult['deadline'];
  /** The form named for the duty, in words and as a message, with the verification of what names it (the least verified, for several). */
  readonly form: { readonly text: string; readonly ref: MessageRef; readonly verification: Verification } | null;
  readonly questions: readonly MissingFact[];
}

const ALTERNATIVES: readonly AlternativesOverlap[] = OVERLAPS.filter((o): o is AlternativesOverlap => o.kind === 'alternatives');

function obligationsOf(a: Assessment): Obligation[] {
  const out: Obligation[] = [];
  const persons = [...new Set(a.duties.map((d) => d.person))];
  const single = (d: DutyResult, accepts: readonly DutyId[]): Obligation => ({
    id: d.duty,
    label: accepts.length > 1 ? { id: 'check.label.alternatives', params: { duty: d.duty, accepts: orList(accepts) } } : d.duty,
    duties: [d.duty],
    accepts,
    person: d.person,
    dutyStatus: d.status === 'applies' ? 'applies' : 'may_apply',
    recipients: d.recipients,
    timing: { phrase: d.timing.phrase, deadlineHours: d.timing.deadlineHours, msg: d.timing.msg },
    deadline: d.deadline,
    form: d.form ? { text: d.form.name, ref: d.form.msg.name, verification: d.form.verification } : null,
    questions: d.status === 'may_apply' ? d.missing : [],
  });
  for (const person of persons) {
    const mine = a.duties.filter((d) => d.person === person);
    // Alternatives by the Act's own words (rules/overlaps/): one report meets whichever applies,
    // whatever the report was labelled; listed once per person.
    const handled = new Set<DutyId>();
    for (const o of ALTERNATIVES) {
      const overlap = a.overlaps.find((x) => x.id === o.id && x.person === person && x.status === 'applies');
      if (!overlap) continue;
      const accepts: readonly DutyId[] = o.duties;
      const pair = mine.filter((x) => accepts.includes(x.duty));
      for (const x of pair) handled.add(x.duty);
      const applying = pair.filter((x) => x.status === 'applies' && x.modality === 'must');
      if (applying.length === 1) {
        out.push(single(applying[0] as DutyResult, accepts));
        continue;
      }
      const forms: MessageRef[] = [];
      let verification: Verification = 'exact';
      for (const x of pair)
        if (x.status !== 'does_not_apply' && x.form && !forms.some((f) => f.id === x.form?.msg.name.id)) {
          forms.push(x.form.msg.name);
          if (VERIFICATIONS.indexOf(x.form.verification) > VERIFICATIONS.indexOf(verification)) verification = x.form.verification;
        }
      const formRef = forms.length > 0 ? orList(forms) : null;
      const phrase = constantRef(`overlap.${o.id}.timing`);
      out.push({
        id: o.id,
        label: constantRef(`overlap.${o.id}.label`),
        duties: overlap.duties,
        accepts,
        person,
        dutyStatus: 'applies',
        recipients: [...new Set(pair.flatMap((x) => x.recipients))],
        timing: { phrase: english(phrase), deadlineHours: null, msg: { phrase } },
        deadline: undefined,
        form: formRef === null ? null : { text: english(formRef as MessageRef), ref: formRef as MessageRef, verification },
        questions: [],
      });
    }
    for (const d of mine) {
      if (handled.has(d.duty) || d.modality !== 'must' || d.status === 'does_not_apply') continue;
      out.push(single(d, [d.duty]));
    }
  }
  return out;
}

/** Which reports count for an obligation (by index), and why each other report about it does not. */
function countReports(
  o: Obligation,
  actions: readonly Action[],
  knowledgeDate: string,
  knowledgeTime: string | undefined,
): { metBy: number[]; notCounted: NotCounted[] } {
  const metBy: number[] = [];
  const notCounted: NotCounted[] = [];
  const not = (action: number, ref: MessageRef) => notCounted.push({ action, reason: english(ref), msg: { reason: ref } });
  actions.forEach((a, i) => {
    if (a.person !== undefined && a.person !== o.person) return;
    if (a.duty !== undefined && !o.accepts.includes(a.duty)) return;
    if (!o.recipients.includes(a.recipient)) {
      not(i, {
        id: 'check.notCounted.recipient',
        params: { recipient: recipientRef(a.recipient), label: o.label, recipients: orList(o.recipients.map(recipientRef)) },
      });
    } else if (a.date < knowledgeDate) {
      not(i, { id: 'check.notCounted.beforeKnowledgeDate', params: { date: a.date, knowledgeDate } });
    } else if (a.date === knowledgeDate && a.time !== undefined && knowledgeTime !== undefined && a.time < knowledgeTime) {
      not(i, { id: 'check.notCounted.beforeKnowledgeTime', params: { time: a.time, date: a.date, knowledgeTime } });
    } else {
      metBy.push(i);
    }
  });
  return { metBy, notCounted };
}

/** The obligation's outcome in a sentence, as a message. */
function outcomeText(
  o: Obligation,
  status: ComplianceStatus,
  actions: readonly Action[],
  metBy: readonly number[],
  counted: number,
  notCounted: number,
  knowledgeDate: string,
): MessageRef {
  const to = orList(o.recipients.map(recipientRef));
  const when: MessageParam =
    o.timing.deadlineHours !== null
      ? o.deadline !== undefined && o.deadline.from !== knowledgeDate
        ? { id: 'check.withinFrom', params: { hours: o.timing.deadlineHours, date: o.deadline.from } }
        : { id: 'check.within', params: { hours: o.timing.deadlineHours, date: knowledgeDate } }
      : o.timing.msg.phrase;
  const list = metBy.map((i): MessageRef => {
    const a = actions[i] as Action;
    return a.time
      ? { id: 'check.actionAt', params: { index: i, date: a.date, time: a.time, recipient: recipientRef(a.recipient) } }
      : { id: 'check.action', params: { index: i, date: a.date, recipient: recipientRef(a.recipient) } };
  });
  const base = { label: o.label, person: o.person };
  switch (status) {
    case 'met':
      return { id: 'check.met', params: { ...base, actions: list } };
    case 'overdue':
      return counted > 0
        ? { id: 'check.overdue.late', params: { ...base, when, actions: list } }
        : { id: 'check.overdue.none', params: { ...base, to, when } };
    case 'unmet':
      return { id: notCounted > 0 ? 'check.unmet.notCounted' : 'check.unmet', params: { ...base, to, when } };
    case 'open':
      return metBy.length > 0
        ? { id: 'check.open.metBy', params: { ...base, to, when, actions: list } }
        : { id: 'check.open', params: { ...base, to, when } };
  }
}

function assessObligation(
  o: Obligation,
  actions: readonly Action[],
  knowledgeDate: string,
  knowledgeTime: string | undefined,
): ComplianceItem {
  const { metBy, notCounted } = countReports(o, actions, knowledgeDate, knowledgeTime);
  const notes: MessageRef[] = [];
  let deadline: ComplianceDeadline | null = null;
  let status: ComplianceStatus;
  const counted = metBy.map((i) => actions[i] as Action);
  if (o.dutyStatus === 'may_apply') {
    status = 'open';
  } else if (o.deadline) {
    const hours = o.deadline.hours;
    // The hours run from when the duty bound: the moment of coming to know, or (a provision that
    // commenced, an age reached, while the reporter still knew) the start of that later day.
    const from = o.deadline.from;
    const fromTime = from === knowledgeDate ? knowledgeTime : '00:00';
    const verdicts = counted.map((a) => inTime(hours, from, fromTime, a));
    const reportedInTime = verdicts.includes(true) ? true : verdicts.includes(null) ? null : verdicts.length > 0 ? false : null;
    deadline = { ...o.deadline, reportedInTime };
    if (counted.length === 0) status = o.deadline.passed ? 'overdue' : 'unmet';
    else if (reportedInTime === false) status = 'overdue';
    else status = 'met';
    if (counted.length > 0 && reportedInTime === null)
      notes.push({ id: 'check.note.lastDay', params: { date: o.deadline.latestDate, hours } });
  } else {
    status = counted.length > 0 ? 'met' : 'unmet';
    // No hours to measure ("immediately", "as soon as possible"): the delay is said, not judged.
    const first = counted.reduce<string | undefined>((d, a) => (d === undefined || a.date < d ? a.date : d), undefined);
    const days = first === undefined ? 0 : daysBetween(first, knowledgeDate);
    if (days >= 2) notes.push({ id: 'check.note.daysAfter', params: { days, date: knowledgeDate, phrase: o.timing.msg.phrase } });
  }
  // A form is said to be required by law only where the words that require it are statute text; a
  // form named by a secondary source, or one not verified at all, is said to be so.
  if (o.form && status !== 'open' && counted.length > 0 && counted.every((a) => a.form === undefined)) {
    const v = o.form.verification;
    const id = v === 'secondary' ? 'check.note.noFormSecondary' : v === 'unverified' ? 'check.note.noFormUnverified' : 'check.note.noForm';
    notes.push({ id, params: { form: o.form.ref } });
  }
  const text = outcomeText(o, status, actions, metBy, counted.length, notCounted.length, knowledgeDate);
  return {
    id: o.id,
    duties: o.duties,
    person: o.person,
    status,
    dutyStatus: o.dutyStatus,
    recipients: o.recipients,
    timing: o.timing,
    deadline,
    metBy,
    notCounted,
    questions: o.questions,
    form: o.form?.text ?? null,
    notes: notes.map(english),
    text: english(text),
    msg: o.form ? { form: o.form.ref, notes, text } : { notes, text },
  };
}

function prefixed(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => makeIssue(i.code, [prefix, ...i.path], i.msg.expected, i.msg.received ?? i.received, i.params));
}

/**
 * Checks a case and the reports made against the duties that apply, without throwing:
 * `{ success: true, data }` with the {@link ComplianceCheck}, or `{ success: false, error }` with
 * a {@link ValidationError} naming every bad path (case paths start with `case`).
 *
 * @param input - `{ case, actions, knowledgeTime? }` (see {@link CheckInputSchema}).
 * @returns The compliance check, or the validation error.
 * @example
 * ```ts
 * const r = safeCheckCompliance({ case: myCase, actions: [{ recipient: 'fax', date: '2026-11-21' }] });
 * r.success || r.error.issues[0].at; //=> 'actions[0].recipient'
 * ```
 * @category Compliance
 */
export function safeCheckCompliance(input: CheckInput, options?: CheckOptions): SafeCheckResult;
/**
 * Checks untrusted input (a value typed `unknown`, `any` or `Record<string, unknown>`), validating
 * it at run time; see the typed overload for the rest.
 *
 * @param input - Untrusted input (see {@link Untrusted}).
 * @returns The compliance check, or the validation error.
 * @example
 * ```ts
 * const r = safeCheckCompliance(JSON.parse(body) as unknown);
 * ```
 */
export function safeCheckCompliance<T>(input: Untrusted<T>, options?: CheckOptions): SafeCheckResult;
export function safeCheckCompliance(input: unknown, options: CheckOptions = {}): SafeCheckResult {
  const r = checkInEnglish(input);
  if (options.messages === undefined) return r;
  const cat = catalogueFor(options.messages);
  if (cat instanceof ValidationError) return { success: false, error: cat };
  return r.success ? { success: true, data: localize(r.data, cat) } : { success: false, error: localizeError(r.error, cat) };
}

function checkInEnglish(input: unknown): SafeCheckResult {
  const env = validateWith(Envelope, input, 'check input');
  const caseData = typeof input === 'object' && input !== null && 'case' in input ? (input as { case: unknown }).case : undefined;
  const v = validateCase(caseData);
  const issues: ValidationIssue[] = [];
  if (!env.success) issues.push(...env.error.issues);
  if (!v.success) issues.push(...prefixed(v.error.issues, 'case'));
  if (env.success && v.success) {
    const ids = new Set(v.data.people.map((p) => p.id));
    env.data.actions.forEach((a, i) => {
      if (a.person !== undefined && !ids.has(a.person)) {
        issues.push(
          makeIssue(
            'unknown_person_id',
            ['actions', i, 'person'],
            vm('validation.expected.personId', { ids: [...ids].slice(0, 8) }),
            JSON.stringify(a.person),
            { ids: [...ids] },
          ),
        );
      }
      if (a.date > v.assessmentDate) {
        issues.push(
          makeIssue(
            'after_assessment_date',
            ['actions', i, 'date'],
            vm('validation.expected.onOrBeforeAssessmentDate', { date: v.assessmentDate }),
            JSON.stringify(a.date),
            { date: v.assessmentDate },
          ),
        );
      }
    });
  }
  if (issues.length > 0 || !env.success || !v.success) return { success: false, error: new ValidationError('check input', issues) };

  const a = assessValidated(v);
  const items = obligationsOf(a).map((o) => assessObligation(o, env.data.actions, v.knowledgeDate, env.data.knowledgeTime));
  const count = (s: ComplianceStatus) => items.filter((i) => i.status === s).length;
  const summary = { met: count('met'), overdue: count('overdue'), unmet: count('unmet'), open: count('open') };
  return {
    success: true,
    data: {
      ...(a.caseId !== undefined ? { caseId: a.caseId } : {}),
      assessmentDate: a.assessmentDate,
      lawAsAt: a.lawAsAt,
      rulesetVersion: a.rulesetVersion,
      compliant: summary.overdue === 0 && summary.unmet === 0,
      summary,
      items,
      disclaimer: DISCLAIMER,
      msg: { disclaimer: constantRef('disclaimer') },
    },
  };
}

/**
 * Checks whether the reports made meet the reporting duties of a case. Each must-duty that
 * applies, per person at risk, comes back `met`, `overdue` (only where the law gives hours, as
 * for Children's Act s110(4)) or `unmet`; each must-duty that may apply comes back `open` with its
 * questions. A report counts when it went to one of the duty's recipients, about that person
 * (or everyone), on or after the knowledge date; one report to SAPS can meet several duties, a
 * report to a social worker never meets a police-only duty, and one DVA report meets the s2A/s2B
 * pair where the `dva-report` overlap applies.
 *
 * @param input - `{ case, actions, knowledgeTime? }` (see {@link CheckInputSchema}).
 * @returns The {@link ComplianceCheck}; `compliant` is true when every must-duty that applies is met.
 * @throws {@link ValidationError} when the input does not fit the schema.
 * @example
 * ```ts
 * import { checkCompliance } from 'za-reporting-duties';
 * const r = checkCompliance({
 *   case: {
 *     assessmentDate: '2026-11-28',
 *     reporter: { role: 'member_of_public', ageYears: 40, knowledgeDate: '2026-11-20' },
 *     people: [{ id: 'child-a', ageYears: 5 }, { id: 'partner', ageYears: 35 }],
 *     concerns: [{ id: 'c1', victim: 'child-a', allegedBy: 'partner', relationship: 'parent',
 *       harm: 'exposure_to_domestic_violence', basis: 'reasonable_suspicion' }],
 *   },
 *   actions: [{ recipient: 'social_worker', date: '2026-11-21', form: 'DVA reg 5 form' }],
 * });
 * r.compliant; //=> true
 * r.items[0].status; //=> 'met'
 * ```
 * @category Compliance
 */
export function checkCompliance(input: CheckInput, options?: CheckOptions): ComplianceCheck;
/**
 * Checks untrusted input (a value typed `unknown`, `any` or `Record<string, unknown>`), validating
 * it at run time; see the typed overload for the rest.
 *
 * @param input - Untrusted input (see {@link Untrusted}).
 * @returns The {@link ComplianceCheck}.
 * @throws {@link ValidationError} when the input does not fit the schema.
 * @example
 * ```ts
 * const c = checkCompliance(JSON.parse(body) as unknown);
 * ```
 */
export function checkCompliance<T>(input: Untrusted<T>, options?: CheckOptions): ComplianceCheck;
export function checkCompliance(input: unknown, options: CheckOptions = {}): ComplianceCheck {
  const r = safeCheckCompliance(input as CheckInput, options);
  if (!r.success) throw r.error;
  return r.data;
}
