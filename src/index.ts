/**
 * za-reporting-duties: which South African reporting duties apply when you learn of violence in a
 * household — under which Act and section, for whom, to whom, how fast, on which form — with
 * reasons, honest unknowns and survivor-centred guidance.
 *
 * Start with {@link assess}: give it what the reporter knows (no names needed) and read the
 * duties for each person at risk (`applies`, `may_apply` or `does_not_apply`, each with its
 * citation, reasons and verification label), the questions that would settle what is still
 * open, and the guidance. {@link dutyCatalogue} lists every duty with its dated versions.
 *
 * @example
 * ```ts
 * import { assess } from 'za-reporting-duties';
 * const a = assess({
 *   assessmentDate: '2026-11-28',
 *   reporter: { role: 'social_worker', ageYears: 34, inCourseOfDuties: true },
 *   people: [{ id: 'child-a', ageYears: 5 }, { id: 'partner', ageYears: 35 }],
 *   concerns: [{ id: 'c1', victim: 'child-a', allegedBy: 'partner', relationship: 'parent',
 *     harm: 'exposure_to_domestic_violence', basis: 'reasonable_suspicion' }],
 * });
 * a.overlaps.find((o) => o.id === 'dva-report')?.status; //=> 'applies'
 * a.duties.find((d) => d.duty === 'ca-s110-1')?.status;  //=> 'does_not_apply'
 * ```
 *
 * The json-rules-engine interop (`createEngine`, `caseFacts`) is on its own subpath,
 * `za-reporting-duties/json-rules-engine`, and the vocabularies alone on
 * `za-reporting-duties/vocabulary`, so that a browser app bundles only what it uses.
 *
 * The zod schemas exported here (`CaseInputSchema`, …) are zod 4 schemas: compose them with
 * zod 4 (an app on zod 3 cannot nest them in its own schemas), or use them through their
 * Standard Schema interface (`CaseInputSchema['~standard'].validate(value)`), which any Standard
 * Schema consumer accepts whatever its zod version.
 *
 * @packageDocumentation
 */
export { assess, safeAssess, explain } from './assessment/assess.js';
export { englishMessages } from './assessment/messages.js';
export { ASSESSMENT_MODES } from './assessment/types.js';
export { formatMessage } from './messages/message.js';
export { safeValidateCase } from './validate.js';
export { nextQuestions, applyAnswer } from './assessment/interview.js';
export { CaseInputSchema } from './case/schema.js';
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
export { ValidationError, isValidationError, VALIDATION_ISSUE_CODES } from './errors/validation-error.js';
export { ValidationIssueSchema, MessageRefSchema } from './errors/schemas.js';
export { ERROR_CODES } from './errors/error-codes.js';
export type { ErrorCode } from './errors/error-codes.js';
export { dutyCatalogue } from './rules/duty-catalogue.js';
export { decisionRecord, replayDecisionRecord, DecisionRecordSchema } from './assessment/record.js';
export { AssessmentSchema, FactNameSchema, ReferencedAssessmentSchema } from './assessment/output-schema.js';
export { referenceTexts, expandTexts, safeExpandTexts } from './assessment/texts.js';
export { todayInSouthAfrica } from './case/ages.js';
export { checkCompliance, safeCheckCompliance } from './check/check.js';
export { CheckInputSchema, ActionSchema } from './check/schema.js';
export { ComplianceCheckSchema } from './check/output-schema.js';

export type { AssessOptions, DecisionsOptions, Detail, ExplainedOptions, SafeAssessResult } from './assessment/assess.js';
export type { SafeValidateResult } from './validate.js';
export type { MessageRef, MessageParam, MessageCatalogue } from './messages/message.js';
export type { Messages } from './assessment/localize.js';
export type {
  CaseDraft,
  AnswerOption,
  AnswerSpec,
  InterviewInput,
  InterviewQuestion,
  InterviewOptions,
  InterviewStep,
} from './assessment/interview.js';
export type { CaseInput, ReporterInput, PersonInput, ConcernInput, AgeRangeInput, Untrusted } from './case/input.js';
export type { DutyId, ReporterRole, Harm, Relationship, Basis, Disability, Sex, Modality } from './case/vocabulary.js';
export type { ValidationIssue, ValidationIssueCode, ValidationParam } from './errors/validation-error.js';
export type {
  Assessment,
  Citation,
  CitedText,
  Deadline,
  DutyResult,
  DutyStatus,
  FormInfo,
  Guidance,
  GuidanceItem,
  GuidanceSource,
  Helpline,
  InterpretationNote,
  MissingFact,
  Offence,
  Overlap,
  Question,
  Reason,
  ReasonFact,
  ReasonValue,
} from './assessment/types.js';
export type { CompactAssessment, CompactDuty, CompactReason } from './assessment/compact-types.js';
export type { ExpandOptions } from './assessment/texts.js';
export type {
  ReferencedAssessment,
  ReferencedDuty,
  ReferencedMissingFact,
  ReferencedOverlap,
  ReferencedReason,
} from './assessment/types.js';
export type { Recipient, Verification } from './rules/schema.js';
export type { DutyCatalogue, DutyCatalogueEntry } from './rules/duty-catalogue.js';
export type { RuleFile, RuleVersion, RuleNote } from './rules/schema.js';
export { RuleFileSchema, RuleNoteSchema } from './rules/schema.js';
export type {
  Condition,
  FactCondition,
  ConditionReference,
  AllCondition,
  AnyCondition,
  NotCondition,
  Operator,
} from './engine/condition.js';
export type { FactValue, AgeInterval, FactName } from './case/facts.js';
export type { DecisionRecord, DecisionRecordResult, IdMapping, ReplayResult } from './assessment/record.js';
export type { SafeCheckResult, CheckOptions } from './check/check.js';
export type { Action, ActionInput, CheckInput } from './check/schema.js';
export type { ComplianceCheck, ComplianceDeadline, ComplianceItem, ComplianceStatus, NotCounted } from './check/output-schema.js';
