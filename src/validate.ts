import { validateCase, type AssessOptions } from './assessment/assess.js';
import type { ValidationError } from './errors/validation-error.js';

/** The result of {@link safeValidateCase}: the dates the case would be assessed on, or every issue found. */
export type SafeValidateResult =
  | { readonly success: true; readonly data: { readonly assessmentDate: string; readonly knowledgeDate: string } }
  | { readonly success: false; readonly error: ValidationError };

/**
 * Checks a case without assessing it: everything `assess` checks before it decides, including the
 * cross-field rules a JSON Schema cannot carry (ids unique; `victim`, `allegedBy` and
 * `caregiverOf` name people ids; no date after the assessment date; the knowledge date on or
 * before the assessment date and incidents on or before the knowledge date; ages that agree).
 * The issues are exactly those `safeAssess` would report.
 *
 * @param input - A case, typically untrusted (parsed JSON, a request body).
 * @param options - As for `assess` (`today` fills a missing assessment date).
 * @returns `{ success: true, data: { assessmentDate, knowledgeDate } }` or the validation error.
 * @example
 * ```ts
 * import { safeValidateCase } from 'za-reporting-duties';
 * const r = safeValidateCase({ people: [{ id: 'a' }], concerns: [{ victim: 'b', harm: 'neglect' }] });
 * r.success; //=> false
 * !r.success && r.error.issues[0]?.at; //=> 'concerns[0].victim'
 * ```
 * @category Validation
 */
export function safeValidateCase(input: unknown, options: AssessOptions = {}): SafeValidateResult {
  const v = validateCase(input, options);
  if (!v.success) return v;
  return { success: true, data: { assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate } };
}
