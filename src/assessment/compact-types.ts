import type { FactName } from '../case/facts.js';
import type { DutyId } from '../case/vocabulary.js';
import type { Assessment, DutyResult, Overlap, ReasonFact, ReasonValue } from './types.js';

/*
 * The compact form of an assessment, as `za-duties assess` (without --full) and `za-duties batch`
 * write it: duty id, person, status, modality, the deciding reasons and the missing facts.
 * Citations, recipients and timing are the same for every case and come once from
 * `za-duties rules` (or `dutyCatalogue()`), by duty id. Its JSON Schema is
 * `schemas/output-compact.schema.json`.
 */

/** One deciding reason, compactly: the fact, its value and the result (the test is in the rule files; `--full` shows it). */
export interface CompactReason {
  readonly fact: ReasonFact;
  readonly value: ReasonValue;
  readonly result: boolean | 'unknown';
}

/** One duty for one person, compactly. */
export interface CompactDuty {
  readonly duty: DutyId;
  readonly person: string;
  readonly status: DutyResult['status'];
  readonly modality: DutyResult['modality'];
  /** The reasons that decided it (for `may_apply`, see `missing` instead). */
  readonly reasons: readonly CompactReason[];
  /** The facts that would settle a `may_apply`, or replace the presumptions a status rests on. */
  readonly missing: readonly FactName[];
  /** The ids of the presumptions the status rests on (only where the strict status differs). */
  readonly presumed?: readonly string[];
  /** Only where the law gives hours (Children's Act s110(4)). */
  readonly deadline?: { readonly hours: number; readonly latestDate: string; readonly passed: boolean };
}

/**
 * A compact assessment: one line of `za-duties batch` output (with `line`), or `za-duties assess` without `--full`.
 *
 * @example
 * ```ts
 * import type { CompactAssessment } from 'za-reporting-duties';
 * const a = JSON.parse(stdout) as CompactAssessment; // from `za-duties assess case.json`
 * a.duties.filter((d) => d.status === 'may_apply').flatMap((d) => d.missing); //=> ['reporterIsFunctionary']
 * ```
 * @category Output
 */
export interface CompactAssessment {
  readonly caseId?: string;
  readonly assessmentDate: string;
  readonly lawAsAt: string;
  /** `presumptive` (ordinary presumptions used, listed per duty) or `strict`. */
  readonly mode: Assessment['mode'];
  readonly rulesetVersion: string;
  readonly duties: readonly CompactDuty[];
  readonly overlaps: readonly { readonly id: Overlap['id']; readonly person: string; readonly status: DutyResult['status'] }[];
}
