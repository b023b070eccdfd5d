import type { z } from 'zod';
import { cut, describeValue, makeIssue, ValidationError, type ValidationIssue } from './validation-error.js';

type ZodIssue = z.core.$ZodIssue & { input?: unknown };

function expectedOf(i: ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return i.expected === 'object' ? 'an object' : i.expected === 'array' ? 'an array' : `a ${i.expected}`;
    case 'invalid_value':
      return i.values.length === 1 ? JSON.stringify(i.values[0]) : `one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'only the known fields';
    case 'too_small': {
      const n = String(i.minimum);
      if (i.origin === 'array') return `at least ${n} item${n === '1' ? '' : 's'}`;
      if (i.origin === 'string') return `at least ${n} character${n === '1' ? '' : 's'}`;
      return i.inclusive === false ? `a number greater than ${n}` : `a number of at least ${n}`;
    }
    case 'too_big': {
      const n = String(i.maximum);
      if (i.origin === 'array') return `at most ${n} items`;
      if (i.origin === 'string') return `at most ${n} characters`;
      return i.inclusive === false ? `a number less than ${n}` : `a number of at most ${n}`;
    }
    case 'invalid_format':
      if (!i.message.startsWith('Invalid')) return i.message; // a schema's own words (zod's defaults start 'Invalid')
      return i.format === 'regex' && 'pattern' in i ? `text matching ${String(i.pattern)}` : `text in the format ${i.format}`;
    case 'not_multiple_of':
      return `a multiple of ${String(i.divisor)}`;
    case 'invalid_union':
      return 'one of the allowed shapes';
    case 'custom':
      return i.message;
    default:
      return i.message;
  }
}

function receivedOf(i: ZodIssue): string {
  if (i.code === 'unrecognized_keys') {
    const shown = i.keys.slice(0, 5).map((k) => JSON.stringify(cut(k, 40)));
    return `unknown field${i.keys.length === 1 ? '' : 's'} ${shown.join(', ')}${i.keys.length > 5 ? ` and ${i.keys.length - 5} more` : ''}`;
  }
  if (i.code === 'invalid_type' && i.input === undefined) return 'nothing (missing)';
  if (i.code === 'too_small' && i.origin === 'number' && i.input === undefined) return 'a smaller number';
  if (i.code === 'invalid_type' && typeof i.input === 'number' && !Number.isInteger(i.input) && i.expected === 'int')
    return String(i.input);
  return describeValue(i.input);
}

/** Converts zod issues to the library's issues. */
export function issuesFromZod(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((raw) => {
    const i = raw as ZodIssue;
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    return makeIssue(i.code, path, expectedOf(i), receivedOf(i));
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
