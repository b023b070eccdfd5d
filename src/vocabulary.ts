/**
 * `za-reporting-duties/vocabulary`: the closed vocabularies of the input contract (reporter
 * roles, harms, relationships, bases, disabilities, sexes) and the stable duty ids, on their own:
 * no zod, no rules, a few kilobytes. For forms and pickers that need the values before (or
 * without) loading the assessment.
 *
 * @example
 * ```ts
 * import { HARMS, REPORTER_ROLES } from 'za-reporting-duties/vocabulary';
 * HARMS.includes('neglect'); //=> true
 * ```
 *
 * @packageDocumentation
 */
export {
  DUTY_IDS,
  REPORTER_ROLES,
  HARMS,
  RELATIONSHIPS,
  BASES,
  DISABILITIES,
  SEXES,
  DUTY_STATUSES,
  MODALITIES,
} from './case/vocabulary.js';
export type { DutyId, ReporterRole, Harm, Relationship, Basis, Disability, Sex, DutyStatus, Modality } from './case/vocabulary.js';
