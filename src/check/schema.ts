import * as z from 'zod';
import type { CaseInput } from '../case/input.js';
import { CaseInputSchema, IsoDate } from '../case/schema.js';
import { DUTY_IDS, type DutyId } from '../case/vocabulary.js';
import { assertEqual, type DeepMutable } from '../errors/type-equal.js';
import { RECIPIENTS, type Recipient } from '../rules/schema.js';

/** A clock time, `HH:MM` (24-hour). */
export const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ description: 'A clock time in South Africa, HH:MM (24-hour).', examples: ['14:30'] });

/**
 * One report that was made: to whom, when, about whom, under which duty, on which form.
 *
 * @example
 * ```ts
 * import { ActionSchema } from 'za-reporting-duties';
 * ActionSchema.parse({ recipient: 'police', date: '2026-11-21', time: '10:15', person: 'child-a' }).recipient; //=> 'police'
 * ```
 * @category Compliance
 */
export const ActionSchema = z
  .strictObject({
    duty: z.enum(DUTY_IDS).optional().meta({
      description:
        'The duty the report was made under. Omitted: the report counts for every duty of the person whose recipients include this recipient (one report to SAPS can meet several duties).',
    }),
    person: z.string().min(1).max(200).optional().meta({
      description: 'The people[].id of the person at risk the report was about. Omitted: the report covered everyone at risk in the case.',
    }),
    recipient: z.enum(RECIPIENTS).meta({ description: 'Whom the report went to.' }),
    date: IsoDate.meta({ description: 'The date the report was made, YYYY-MM-DD; on or before the assessment date.' }),
    time: ClockTime.optional(),
    form: z.string().min(1).max(200).optional().meta({ description: 'The form used, as written on it (e.g. "Form 22").' }),
  })
  .meta({ title: 'Action', description: 'A report that was made.' });

/**
 * The input to `checkCompliance`: a case and the reports made about it (`za-duties schema check`).
 *
 * @example
 * ```ts
 * import { CheckInputSchema } from 'za-reporting-duties';
 * CheckInputSchema.safeParse({ case: myCase, actions: [{ recipient: 'social_worker', date: '2026-11-21' }] }).success; //=> true
 * ```
 * @category Compliance
 */
export const CheckInputSchema = z
  .strictObject({
    case: CaseInputSchema,
    knowledgeTime: ClockTime.optional().meta({
      description:
        "The time on the knowledge date when the reporter came to know. With each report's time, it settles a deadline in hours exactly; without it, a report on the day after the knowledge date is taken as in time.",
    }),
    actions: z.array(ActionSchema).max(1000),
  })
  .meta({
    title: 'CheckInput',
    description: 'A case and the reports made about it, for the compliance check (za-reporting-duties).',
  });

/** One report that was made, as given to `checkCompliance` (exactly the input type of {@link ActionSchema}). */
export type ActionInput = {
  /** The duty the report was made under. Omitted: it counts for every duty of the person whose recipients include this recipient. */
  readonly duty?: DutyId | undefined;
  /** The `people[].id` of the person at risk the report was about. Omitted: it covered everyone at risk in the case. */
  readonly person?: string | undefined;
  /** Whom the report went to. */
  readonly recipient: Recipient;
  /** The date the report was made, `YYYY-MM-DD`; on or before the assessment date. */
  readonly date: string;
  /** The time the report was made, `HH:MM` (24-hour, South Africa). Omitted = unknown. */
  readonly time?: string | undefined;
  /** The form used, as written on it (e.g. `"Form 22"`). */
  readonly form?: string | undefined;
};

/**
 * The input to `checkCompliance`: a case and the reports made about it. Exactly the input type of
 * {@link CheckInputSchema} (checked at compile time), with every field documented.
 *
 * @example
 * ```ts
 * const input: CheckInput = { case: myCase, actions: [{ recipient: 'police', date: '2026-11-21' }] };
 * ```
 * @category Compliance
 */
export type CheckInput = {
  /** The case, as for `assess`. */
  readonly case: CaseInput;
  /**
   * The time on the knowledge date when the reporter came to know, `HH:MM`. With each report's
   * time it settles a deadline in hours exactly; without it, a report on the day after the
   * knowledge date is taken as in time.
   */
  readonly knowledgeTime?: string | undefined;
  /** The reports made (up to 1000); an empty list checks what is still to do. */
  readonly actions: readonly ActionInput[];
};
assertEqual<DeepMutable<CheckInput>, z.input<typeof CheckInputSchema>>(true);
/** One report that was made. */
export type Action = z.output<typeof ActionSchema>;
