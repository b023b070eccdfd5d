import { assessValidated, DISCLAIMER, validateCase } from '../assessment/assess.js';
import type { Assessment, DutyResult, MissingFact } from '../assessment/types.js';
import { daysBetween } from '../case/ages.js';
import type { Untrusted } from '../case/input.js';
import type { DutyId } from '../case/vocabulary.js';
import { validateWith } from '../errors/from-zod.js';
import { makeIssue, ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { OVERLAPS, type AlternativesOverlap } from '../rules/overlaps.js';
import type { Recipient } from '../rules/schema.js';
import * as z from 'zod';
import { ActionSchema, ClockTime, type Action, type CheckInput } from './schema.js';
import type { ComplianceCheck, ComplianceDeadline, ComplianceItem, ComplianceStatus, NotCounted } from './output-schema.js';

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

const RECIPIENT_TEXT: Record<Recipient, string> = {
  social_worker: 'a social worker',
  police: 'the police (SAPS)',
  designated_child_protection_organisation: 'a designated child protection organisation',
  provincial_department_of_social_development: 'the provincial Department of Social Development',
  dsd_director_general: 'the Director-General of Social Development',
};

function recipientsText(rs: readonly Recipient[]): string {
  const words = rs.map((r) => RECIPIENT_TEXT[r]);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] as string}`;
}

function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * Whether a report was made within `hours` of coming to know: `true`, `false`, or `null` when only
 * the times could tell (dates alone leave up to a day either way).
 */
function inTime(hours: number, knowledgeDate: string, knowledgeTime: string | undefined, a: Action): boolean | null {
  const days = daysBetween(a.date, knowledgeDate);
  if (knowledgeTime !== undefined && a.time !== undefined) {
    return days * 1440 + minutes(a.time) - minutes(knowledgeTime) <= hours * 60;
  }
  // Elapsed time lies strictly between (days - 1) and (days + 1) days.
  if ((days + 1) * 24 <= hours) return true;
  if ((days - 1) * 24 >= hours) return false;
  return null;
}

interface Obligation {
  /** A duty id, or the id of an alternatives overlap (rules/overlaps/, e.g. `dva-report`). */
  readonly id: string;
  /** How the obligation is named in sentences. */
  readonly label: string;
  readonly duties: readonly DutyId[];
  /** The duty labels of reports that may count for it. */
  readonly accepts: readonly DutyId[];
  readonly person: string;
  readonly dutyStatus: 'applies' | 'may_apply';
  readonly recipients: readonly Recipient[];
  readonly timing: { readonly phrase: string; readonly deadlineHours: number | null };
  readonly deadline: DutyResult['deadline'];
  readonly form: string | null;
  readonly questions: readonly MissingFact[];
}

const ALTERNATIVES: readonly AlternativesOverlap[] = OVERLAPS.filter((o): o is AlternativesOverlap => o.kind === 'alternatives');

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function obligationsOf(a: Assessment): Obligation[] {
  const out: Obligation[] = [];
  const persons = [...new Set(a.duties.map((d) => d.person))];
  const single = (d: DutyResult, accepts: readonly DutyId[]): Obligation => ({
    id: d.duty,
    label: accepts.length > 1 ? `${d.duty} (one report meets ${accepts.join(' or ')})` : d.duty,
    duties: [d.duty],
    accepts,
    person: d.person,
    dutyStatus: d.status === 'applies' ? 'applies' : 'may_apply',
    recipients: d.recipients,
    timing: { phrase: d.timing.phrase, deadlineHours: d.timing.deadlineHours },
    deadline: d.deadline,
    form: d.form?.name ?? null,
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
      const forms = [...new Set(pair.filter((x) => x.status !== 'does_not_apply' && x.form).map((x) => x.form?.name as string))];
      out.push({
        id: o.id,
        label: lowerFirst(o.title),
        duties: overlap.duties,
        accepts,
        person,
        dutyStatus: 'applies',
        recipients: [...new Set(pair.flatMap((x) => x.recipients))],
        timing: { phrase: o.timingText, deadlineHours: null },
        deadline: undefined,
        form: forms.length > 0 ? forms.join(' or ') : null,
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

function assessObligation(
  o: Obligation,
  actions: readonly Action[],
  knowledgeDate: string,
  knowledgeTime: string | undefined,
): ComplianceItem {
  const metBy: number[] = [];
  const notCounted: NotCounted[] = [];
  const notes: string[] = [];
  const label = o.label;
  actions.forEach((a, i) => {
    if (a.person !== undefined && a.person !== o.person) return;
    if (a.duty !== undefined && !o.accepts.includes(a.duty)) return;
    if (!o.recipients.includes(a.recipient)) {
      notCounted.push({
        action: i,
        reason: `a report to ${RECIPIENT_TEXT[a.recipient]} does not meet ${label}: it must go to ${recipientsText(o.recipients)}`,
      });
    } else if (a.date < knowledgeDate) {
      notCounted.push({ action: i, reason: `made on ${a.date}, before the knowledge date ${knowledgeDate}` });
    } else if (a.date === knowledgeDate && a.time !== undefined && knowledgeTime !== undefined && a.time < knowledgeTime) {
      notCounted.push({ action: i, reason: `made at ${a.time} on ${a.date}, before the reporter came to know at ${knowledgeTime}` });
    } else {
      metBy.push(i);
    }
  });

  let deadline: ComplianceDeadline | null = null;
  let status: ComplianceStatus;
  const counted = metBy.map((i) => actions[i] as Action);
  if (o.dutyStatus === 'may_apply') {
    status = 'open';
  } else if (o.deadline) {
    const hours = o.deadline.hours;
    const verdicts = counted.map((a) => inTime(hours, knowledgeDate, knowledgeTime, a));
    const reportedInTime = verdicts.includes(true) ? true : verdicts.includes(null) ? null : verdicts.length > 0 ? false : null;
    deadline = { ...o.deadline, reportedInTime };
    if (counted.length === 0) status = o.deadline.passed ? 'overdue' : 'unmet';
    else if (reportedInTime === false) status = 'overdue';
    else status = 'met';
    if (counted.length > 0 && reportedInTime === null) {
      notes.push(
        `Reported on ${o.deadline.latestDate}, the last day the ${hours} hours can end: give knowledgeTime and the report's time to confirm it was in time.`,
      );
    }
  } else {
    status = counted.length > 0 ? 'met' : 'unmet';
  }
  if (o.form && status !== 'open' && counted.length > 0 && counted.every((a) => a.form === undefined)) {
    notes.push(`No form is recorded for the report; the law requires: ${o.form}.`);
  }

  const who = o.person;
  const to = recipientsText(o.recipients);
  const when =
    o.timing.deadlineHours !== null ? `within ${o.timing.deadlineHours} hours of coming to know on ${knowledgeDate}` : o.timing.phrase;
  const list = (ix: readonly number[]) =>
    ix
      .map((i) => {
        const a = actions[i] as Action;
        return `action ${i} (${a.date}${a.time ? ` ${a.time}` : ''}, to ${RECIPIENT_TEXT[a.recipient]})`;
      })
      .join(', ');
  let text: string;
  switch (status) {
    case 'met':
      text = `Met: ${label} for ${who}, by ${list(metBy)}.`;
      break;
    case 'overdue':
      text =
        counted.length > 0
          ? `Overdue: ${label} for ${who} had to be reported ${when}; ${list(metBy)} came after that.`
          : `Overdue: ${label} for ${who} had to be reported to ${to} ${when}, and no report is recorded.`;
      break;
    case 'unmet':
      text = `Not met: ${label} for ${who} must be reported to ${to}, ${when}; no report that counts is recorded${notCounted.length > 0 ? ' (see notCounted)' : ''}.`;
      break;
    case 'open':
      text = `Open: ${label} may apply to ${who}, depending on the questions listed; if it applies, report to ${to}, ${when}.${metBy.length > 0 ? ` ${list(metBy)} would meet it.` : ''}`;
      break;
  }
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
    form: o.form,
    notes,
    text,
  };
}

function prefixed(issues: readonly ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.map((i) => makeIssue(i.code, [prefix, ...i.path], i.expected, i.received));
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
export function safeCheckCompliance(input: CheckInput): SafeCheckResult;
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
export function safeCheckCompliance<T>(input: Untrusted<T>): SafeCheckResult;
export function safeCheckCompliance(input: unknown): SafeCheckResult {
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
            'custom',
            ['actions', i, 'person'],
            `one of the people ids (${[...ids].slice(0, 8).join(', ')})`,
            JSON.stringify(a.person),
          ),
        );
      }
      if (a.date > v.assessmentDate) {
        issues.push(
          makeIssue(
            'custom',
            ['actions', i, 'date'],
            `a date on or before the assessment date (${v.assessmentDate})`,
            JSON.stringify(a.date),
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
export function checkCompliance(input: CheckInput): ComplianceCheck;
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
export function checkCompliance<T>(input: Untrusted<T>): ComplianceCheck;
export function checkCompliance(input: unknown): ComplianceCheck {
  const r = safeCheckCompliance(input as CheckInput);
  if (!r.success) throw r.error;
  return r.data;
}
