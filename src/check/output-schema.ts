import * as z from 'zod';
import { assertEqual, type DeepMutable } from '../errors/type-equal.js';
import { MissingFactSchema } from '../assessment/output-schema.js';
import { MessageRefSchema } from '../errors/schemas.js';
import type { MessageRef, MissingFact } from '../assessment/types.js';
import { DUTY_IDS, DUTY_STATUSES, type DutyId, type DutyStatus } from '../case/vocabulary.js';
import { RECIPIENTS, type Recipient } from '../rules/schema.js';

/**
 * met: a report that counts was made (in time, where the law gives hours); overdue: the law's
 * deadline in hours has passed, with no report or a late one; unmet: no report that counts;
 * open: the duty may apply, depending on facts still missing.
 */
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];
/** The values of {@link ComplianceStatus}. */
const COMPLIANCE_STATUSES = ['met', 'overdue', 'unmet', 'open'] as const;

/** A deadline the law states in hours (only Children's Act s110(4)), and whether the reports kept it. */
export interface ComplianceDeadline {
  readonly hours: number;
  /** The knowledge date the hours run from. */
  readonly from: string;
  /** With dates only: the last calendar day the deadline can fall on. */
  readonly latestDate: string;
  /** The deadline has passed on the assessment date. */
  readonly passed: boolean;
  /** A counted report was made in time: `true`, `false` (only late ones), or `null` (no report, or times needed to tell). */
  readonly reportedInTime: boolean | null;
}

/** A report (by its index in `actions`) that was not counted for an obligation, and why. */
export interface NotCounted {
  readonly action: number;
  readonly reason: string;
  readonly msg: { readonly reason: MessageRef };
}

/** One obligation to report, for one person at risk, and whether the reports made meet it. */
export interface ComplianceItem {
  /** The duty id, or the id of an alternatives overlap met by one report (`dva-report`: DVA s2A or s2B). */
  readonly id: string;
  /** The duties the obligation stands for (two for `dva-report`). */
  readonly duties: readonly DutyId[];
  readonly person: string;
  readonly status: ComplianceStatus;
  /** The assessment's status of the duty (or of the `dva-report` overlap). */
  readonly dutyStatus: Exclude<DutyStatus, 'does_not_apply'>;
  readonly recipients: readonly Recipient[];
  /** The law's timing phrase; hours only where the law states them. */
  readonly timing: { readonly phrase: string; readonly deadlineHours: number | null; readonly msg: { readonly phrase: MessageRef } };
  readonly deadline: ComplianceDeadline | null;
  /** Reports that meet it (for `open`: that would meet it if it applies), by index in `actions`. */
  readonly metBy: readonly number[];
  readonly notCounted: readonly NotCounted[];
  /** For `open`: the facts that would settle whether it applies. */
  readonly questions: readonly MissingFact[];
  /** The form the law requires, if any. */
  readonly form: string | null;
  /** Cautions: missing form, timing that only the record can show, and the like. */
  readonly notes: readonly string[];
  /** The outcome in a sentence. */
  readonly text: string;
  /** The messages `form`, `notes` and `text` were made from. */
  readonly msg: { readonly form?: MessageRef; readonly notes: readonly MessageRef[]; readonly text: MessageRef };
}

/** The result of a compliance check. */
export interface ComplianceCheck {
  readonly caseId?: string;
  readonly assessmentDate: string;
  readonly lawAsAt: string;
  readonly rulesetVersion: string;
  /** Every must-duty that applies is met (open ones do not count against it). */
  readonly compliant: boolean;
  readonly summary: { readonly met: number; readonly overdue: number; readonly unmet: number; readonly open: number };
  readonly items: readonly ComplianceItem[];
  readonly disclaimer: string;
  readonly msg: { readonly disclaimer: MessageRef };
}

/**
 * The zod schema of a {@link ComplianceCheck}, the output of `checkCompliance` (`za-duties schema check-result`).
 *
 * @example
 * ```ts
 * import { checkCompliance, ComplianceCheckSchema } from 'za-reporting-duties';
 * ComplianceCheckSchema.safeParse(checkCompliance({ case: myCase, actions: [] })).success; //=> true
 * ```
 * @category Schemas
 */
export const ComplianceCheckSchema = z
  .strictObject({
    caseId: z.string().optional(),
    assessmentDate: z.string(),
    lawAsAt: z.string(),
    rulesetVersion: z.string(),
    compliant: z.boolean(),
    summary: z.strictObject({ met: z.number().int(), overdue: z.number().int(), unmet: z.number().int(), open: z.number().int() }),
    items: z.array(
      z.strictObject({
        id: z.string().meta({ description: 'A duty id, or the id of an alternatives overlap (rules/overlaps/, e.g. dva-report).' }),
        duties: z.array(z.enum(DUTY_IDS)),
        person: z.string(),
        status: z.enum(COMPLIANCE_STATUSES),
        dutyStatus: z.enum(DUTY_STATUSES).exclude(['does_not_apply']),
        recipients: z.array(z.enum(RECIPIENTS)),
        timing: z.strictObject({
          phrase: z.string(),
          deadlineHours: z.number().nullable(),
          msg: z.strictObject({ phrase: MessageRefSchema }),
        }),
        deadline: z
          .strictObject({
            hours: z.number(),
            from: z.string(),
            latestDate: z.string(),
            passed: z.boolean(),
            reportedInTime: z.boolean().nullable(),
          })
          .nullable(),
        metBy: z.array(z.number().int()),
        notCounted: z.array(
          z.strictObject({ action: z.number().int(), reason: z.string(), msg: z.strictObject({ reason: MessageRefSchema }) }),
        ),
        questions: z.array(MissingFactSchema),
        form: z.string().nullable(),
        notes: z.array(z.string()),
        text: z.string(),
        msg: z.strictObject({ form: MessageRefSchema.optional(), notes: z.array(MessageRefSchema), text: MessageRefSchema }),
      }),
    ),
    disclaimer: z.string(),
    msg: z.strictObject({ disclaimer: MessageRefSchema }),
  })
  .meta({ title: 'ComplianceCheck', description: 'Which reporting duties are met, overdue, unmet or open (za-reporting-duties).' });

assertEqual<z.output<typeof ComplianceCheckSchema>, DeepMutable<ComplianceCheck>>(true);
