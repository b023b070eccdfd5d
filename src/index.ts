/**
 * za-reporting-duties: which South African reporting duties apply when you learn of violence in a
 * household — under which Act and section, for whom, to whom, how fast, on which form — with
 * reasons, honest unknowns and survivor-centred guidance.
 *
 * @packageDocumentation
 */
export { assess, safeAssess } from './assessment/assess.js';
export { CaseInputSchema } from './case/schema.js';
export { DUTY_IDS, REPORTER_ROLES, HARMS, RELATIONSHIPS, BASES, DISABILITIES, SEXES } from './case/vocabulary.js';
export { ValidationError, isValidationError } from './errors/validation-error.js';
export { dutyCatalogue } from './rules/listing.js';
export { decisionRecord, replayDecisionRecord, DecisionRecordSchema } from './assessment/record.js';
export { createEngine, caseFacts } from './engine/json-rules-engine.js';

export type { AssessOptions, SafeAssessResult } from './assessment/assess.js';
export type { CaseInput } from './case/schema.js';
export type { DutyId, ReporterRole, Harm, Relationship, Basis, Disability, Sex } from './case/vocabulary.js';
export type { ValidationIssue } from './errors/validation-error.js';
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
  ReasonValue,
} from './assessment/types.js';
export type { Recipient, Verification } from './rules/schema.js';
export type { DutyCatalogue, DutyCatalogueEntry } from './rules/listing.js';
export type { DecisionRecord, ReplayResult } from './assessment/record.js';
export type { CreateEngineOptions, DutyEvent, CaseFacts } from './engine/json-rules-engine.js';
