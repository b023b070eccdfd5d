import type { z } from 'zod';
import { VALIDATION_MESSAGES, validationMessageIdOf, type ValidationMessageId } from '../messages/english.js';
import { formatMessage, type MessageRef } from '../messages/message.js';
import {
  cut,
  describeValue,
  makeIssue,
  ValidationError,
  VALIDATION_ISSUE_CODES,
  vm,
  type ValidationIssue,
  type ValidationIssueCode,
  type ValidationParam,
} from './validation-error.js';

type ZodIssue = z.core.$ZodIssue & { input?: unknown; params?: Record<string, unknown> };

/** The library's own issue (code, expected message and its parameters) a schema's custom check names in `params`. */
interface CustomParams {
  readonly code: ValidationIssueCode;
  readonly expected: ValidationMessageId;
  readonly [k: string]: ValidationParam;
}

/**
 * The message and `params` of a custom check (`refine`, `superRefine`) in the library's schemas:
 * the closed issue code, the expected message and its parameters; the message is that message's
 * English (so the words are written once, in the catalogue).
 *
 * @example
 * ```ts
 * z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max, custom('min_above_max', 'validation.expected.minNotAboveMax'));
 * ```
 */
export function custom(
  code: ValidationIssueCode,
  expected: ValidationMessageId,
  params: Readonly<Record<string, ValidationParam>> = {},
): { message: string; params: Record<string, ValidationParam> } {
  const shown = params as Readonly<Record<string, string | number | boolean>>;
  return { message: formatMessage(VALIDATION_MESSAGES, vm(expected, shown)), params: { ...params, code, expected } };
}

function expectedOf(i: ZodIssue): MessageRef {
  switch (i.code) {
    case 'invalid_type':
      return i.expected === 'object'
        ? vm('validation.expected.object')
        : i.expected === 'array'
          ? vm('validation.expected.array')
          : i.expected === 'int'
            ? vm('validation.expected.wholeNumber')
            : vm('validation.expected.type', { type: i.expected });
    case 'invalid_value':
      return i.values.length === 1
        ? vm('validation.expected.value', { value: JSON.stringify(i.values[0]) })
        : vm('validation.expected.oneOf', { values: i.values.map((v) => JSON.stringify(v)) });
    case 'unrecognized_keys':
      return vm('validation.expected.knownFields');
    case 'too_small': {
      const n = Number(i.minimum);
      if (i.origin === 'array')
        return n === 1 ? vm('validation.expected.minItems.one') : vm('validation.expected.minItems', { minimum: n });
      if (i.origin === 'string')
        return n === 1 ? vm('validation.expected.minLength.one') : vm('validation.expected.minLength', { minimum: n });
      return i.inclusive === false
        ? vm('validation.expected.greaterThan', { minimum: n })
        : vm('validation.expected.atLeast', { minimum: n });
    }
    case 'too_big': {
      const n = Number(i.maximum);
      if (i.origin === 'array') return vm('validation.expected.maxItems', { maximum: n });
      if (i.origin === 'string') return vm('validation.expected.maxLength', { maximum: n });
      return i.inclusive === false ? vm('validation.expected.lessThan', { maximum: n }) : vm('validation.expected.atMost', { maximum: n });
    }
    case 'invalid_format': {
      const id = validationMessageIdOf(i.message);
      if (id) return vm(id);
      return i.format === 'regex' && 'pattern' in i
        ? vm('validation.expected.pattern', { pattern: String(i.pattern) })
        : vm('validation.expected.format', { format: i.format });
    }
    case 'not_multiple_of':
      return vm('validation.expected.multipleOf', { divisor: Number(i.divisor) });
    case 'invalid_union':
      return vm('validation.expected.shape');
    default: {
      const p = i.params as Partial<CustomParams> | undefined;
      if (p?.expected !== undefined) {
        const { code: _c, expected, ...rest } = p as CustomParams;
        return vm(expected, rest as Record<string, string | number>);
      }
      const id = validationMessageIdOf(i.message);
      return id ? vm(id) : vm('validation.expected.shape');
    }
  }
}

function receivedOf(i: ZodIssue): MessageRef | string {
  if (i.code === 'unrecognized_keys') {
    const keys = i.keys.slice(0, 5).map((k) => JSON.stringify(cut(k, 40)));
    if (i.keys.length > 5) return vm('validation.received.unknownFieldsMore', { keys, more: i.keys.length - 5 });
    return vm(i.keys.length === 1 ? 'validation.received.unknownField' : 'validation.received.unknownFields', { keys });
  }
  if (i.code === 'invalid_type' && i.input === undefined) return vm('validation.received.missing');
  if (i.code === 'too_small' && i.origin === 'number' && i.input === undefined) return vm('validation.received.smallerNumber');
  if (i.code === 'invalid_type' && typeof i.input === 'number' && !Number.isInteger(i.input) && i.expected === 'int')
    return String(i.input);
  return describeValue(i.input);
}

const ZOD_PARAMS = ['expected', 'values', 'minimum', 'maximum', 'inclusive', 'origin', 'format', 'pattern', 'keys', 'divisor'] as const;

/** zod's structured parameters of an issue (what a form needs to reword it), or the library's own. */
function paramsOf(i: ZodIssue): Record<string, ValidationParam> | undefined {
  if (i.code === 'custom') {
    const p = i.params as Partial<CustomParams> | undefined;
    if (p?.code === undefined) return undefined;
    const { code: _c, expected: _e, ...rest } = p as CustomParams;
    return Object.keys(rest).length > 0 ? rest : undefined;
  }
  let out: Record<string, ValidationParam> | undefined;
  const src = i as unknown as Record<string, unknown>;
  for (const k of ZOD_PARAMS) {
    const v = src[k];
    if (v === undefined) continue;
    out ??= {};
    if (k === 'keys' && Array.isArray(v)) out[k] = v.map((x) => cut(String(x), 40));
    else if (k === 'values' && Array.isArray(v))
      out[k] = v.map((x) => (typeof x === 'bigint' ? String(x) : (x as ValidationParam))) as ValidationParam;
    else out[k] = typeof v === 'bigint' || v instanceof RegExp ? String(v) : (v as ValidationParam);
  }
  return out;
}

const CODES: ReadonlySet<string> = new Set(VALIDATION_ISSUE_CODES);

/** The library's closed code of a zod issue: zod's own code, or the code a custom check names. */
function codeOf(i: ZodIssue): ValidationIssueCode {
  // A date written YYYY-MM-DD that is no day of the calendar (30 February).
  if (i.code === 'invalid_format' && validationMessageIdOf(i.message) === 'validation.expected.calendarDate') return 'not_a_calendar_date';
  if (i.code === 'custom') {
    const c = (i.params as Partial<CustomParams> | undefined)?.code;
    return c !== undefined && CODES.has(c) ? c : 'invalid_value';
  }
  return i.code as ValidationIssueCode;
}

/** Converts zod issues to the library's issues. */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((raw) => {
    const i = raw as ZodIssue;
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return makeIssue(codeOf(i), path, expectedOf(i), receivedOf(i), paramsOf(i));
  });
}

/** Validates `data` with `schema`, returning the data or the library's error. */
export function validateWith<T extends z.ZodType>(
  schema: T,
  data: unknown,
  subject: string,
): { success: true; data: z.output<T> } | { success: false; error: ValidationError } {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return { success: true, data: r.data };
  return { success: false, error: new ValidationError(subject, issuesFromZod(r.error.issues)) };
}
