import { formatMessage, type MessageParam, type MessageRef } from '../messages/message.js';
import { VALIDATION_MESSAGES, type ValidationMessageId } from '../messages/english.js';

/**
 * Every code a {@link ValidationIssue} can carry: zod's issue codes for input that does not fit a
 * schema, and the rule-file checks' own codes. A closed list: switch on it exhaustively.
 *
 * @example
 * ```ts
 * VALIDATION_ISSUE_CODES.includes('unrecognized_keys'); //=> true
 * ```
 * @category Errors
 */
export const VALIDATION_ISSUE_CODES = [
  'invalid_type',
  'invalid_value',
  'invalid_format',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'unrecognized_keys',
  'too_small',
  'too_big',
  'not_multiple_of',
  'duplicate',
  'cycle',
  'missing_duty',
  'unknown_condition',
  'unknown_fact',
  'unknown_value',
  'unknown_parameter',
  'conflicting_facts',
  'unknown_message_id',
  'unknown_placeholder',
  'duplicate_id',
  'unknown_person_id',
  'same_person',
  'not_a_calendar_date',
  'date_out_of_range',
  'min_above_max',
  'after_assessment_date',
  'after_knowledge_date',
  'born_after_assessment_date',
  'exact_date_in_record',
  'invalid_in_force_window',
  'no_dated_value',
  'placeholder_without_dates',
  'missing_when',
  'other_ruleset',
  'unknown_reference',
] as const;
/** The code of a {@link ValidationIssue} (a closed union). */
export type ValidationIssueCode = (typeof VALIDATION_ISSUE_CODES)[number];

/** One problem found in an input: where it is, what was expected, what came in. */
export interface ValidationIssue {
  /** A literal code: `invalid_type`, `invalid_value`, `unrecognized_keys`, `too_small`, `too_big`, `custom`, … (see {@link VALIDATION_ISSUE_CODES}). */
  readonly code: ValidationIssueCode;
  /** Path from the root of the input, e.g. `["concerns", 0, "victim"]`. */
  readonly path: readonly (string | number)[];
  /** The path written as text, e.g. `concerns[0].victim` (`(root)` for the whole input). */
  readonly at: string;
  /** What was expected, in words. */
  readonly expected: string;
  /** What came in, shown briefly. */
  readonly received: string;
  /** `at <path>: expected <expected>, got <received>`. */
  readonly message: string;
  /**
   * The issue's structured parameters, for a form that places and rewords it: zod's (`expected`,
   * `values`, `minimum`, `maximum`, `inclusive`, `origin`, `format`, `keys`, `divisor`) and the
   * library's own (`ids`, `date`, `age`, ...).
   */
  readonly params?: Readonly<Record<string, ValidationParam>>;
  /**
   * The messages `expected`, `received` (where it is words, not the value shown) and `message`
   * were made from (see `englishMessages`).
   */
  readonly msg: { readonly expected: MessageRef; readonly received?: MessageRef; readonly message: MessageRef };
}

/**
 * A structured parameter of a {@link ValidationIssue}.
 *
 * @example
 * ```ts
 * issue.params?.['ids']; //=> ['mother', 'child-a'] for an unknown_person_id
 * ```
 */
export type ValidationParam = string | number | boolean | null | readonly (string | number | boolean | null)[];

/** Writes a path as `concerns[0].victim`. */
function formatPath(path: readonly (string | number | symbol)[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? cut(String(p)) : `.${cut(String(p))}`;
  }
  return out;
}

/** Cuts a name or value from the input to at most 60 characters, so an error never echoes a huge input whole. */
export function cut(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** Shows an input value briefly: strings quoted, long values cut; words (a message) for what cannot be shown as it is. */
export function describeValue(v: unknown): MessageRef | string {
  if (v === undefined) return vm('validation.received.missing');
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(cut(v));
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return vm('validation.received.arrayOf', { count: v.length });
  if (typeof v === 'object') {
    const keys = Object.keys(v as object);
    if (keys.length === 0) return vm('validation.received.emptyObject');
    const shown = keys.slice(0, 5).map((k) => cut(k, 40));
    return vm(keys.length > 5 ? 'validation.received.objectWithKeysMore' : 'validation.received.objectWithKeys', { keys: shown });
  }
  return typeof v;
}

/**
 * The library's only error for bad input: a case, a rule file or a CLI record that does not fit
 * its schema. Carries every issue found, each with path, expectation and what came in.
 *
 * @example
 * ```ts
 * import { safeAssess } from 'za-reporting-duties';
 * const r = safeAssess({ people: [], concerns: [] });
 * if (!r.success) console.log(r.error.issues[0].message);
 * //=> 'at people: expected at least 1 item, got an array of 0'
 * ```
 * @category Errors
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError' as const;
  /** The error code this error stands for wherever it is reported (CLI, batch, HTTP): always `invalid_input`. */
  readonly code = 'invalid_input' as const;
  /** What was being validated: `case`, `rule file rules/dva/s2B.json`, … */
  readonly subject: string;
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[]) {
    const head = issues.slice(0, 5).map((i) => i.message);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`Invalid ${subject}: ${head.join('; ')}${more}`);
    this.subject = subject;
    this.issues = issues;
  }
}

/**
 * True when `e` is the library's {@link ValidationError} (also across bundle copies).
 *
 * @example
 * ```ts
 * try { assess({}); } catch (e) { if (isValidationError(e)) console.log(e.issues.length); }
 * //=> 2
 * ```
 * @category Errors
 */
export function isValidationError(e: unknown): e is ValidationError {
  return (
    e instanceof ValidationError ||
    (e instanceof Error && e.name === 'ValidationError' && Array.isArray((e as { issues?: unknown }).issues))
  );
}

/** A message of the English catalogue of validation messages, with its parameters. */
export function vm(id: ValidationMessageId, params?: Readonly<Record<string, MessageParam>>): MessageRef {
  return params === undefined ? { id } : { id, params };
}

/**
 * Builds an issue with its message. `received` is the input value shown (a string: no message) or
 * words about it (a message).
 */
export function makeIssue(
  code: ValidationIssueCode,
  path: readonly (string | number)[],
  expected: MessageRef,
  received: MessageRef | string,
  params?: Readonly<Record<string, ValidationParam>>,
): ValidationIssue {
  const at = formatPath(path);
  const expectedText = formatMessage(VALIDATION_MESSAGES, expected);
  const receivedText = typeof received === 'string' ? received : formatMessage(VALIDATION_MESSAGES, received);
  const message: MessageRef = { id: 'validation.issue', params: { at, expected, received } };
  const msg = typeof received === 'string' ? { expected, message } : { expected, received, message };
  const issue: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = {
    code,
    path,
    at,
    expected: expectedText,
    received: receivedText,
    message: `at ${at}: expected ${expectedText}, got ${receivedText}`,
    msg,
  };
  if (params !== undefined) issue.params = params;
  return issue;
}
