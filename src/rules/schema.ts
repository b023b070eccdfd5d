import * as z from 'zod';
import { custom } from '../errors/from-zod.js';
import { nextDay } from '../case/ages.js';
import { IsoDate } from '../case/schema.js';
import { DUTY_IDS, MODALITIES } from '../case/vocabulary.js';
import { ConditionSchema } from '../engine/condition.js';

/**
 * How well a statement is verified against the statute (the law digest's labels): `exact` (word for
 * word from a public copy of the statute), `partial` (exact but cut off), `secondary` (a law firm,
 * news or government summary), `unverified`.
 */
export type Verification = (typeof VERIFICATIONS)[number];
/** The labels of {@link Verification}, from the best verified. */
export const VERIFICATIONS = ['exact', 'partial', 'secondary', 'unverified'] as const;
/** zod schema of {@link Verification}. */
export const VerificationSchema: z.ZodType<Verification> = z.enum(VERIFICATIONS);

/** A recipient of a report. */
export type Recipient = (typeof RECIPIENTS)[number];
/** Who a report may go to. */
export const RECIPIENTS = [
  'social_worker',
  'police',
  'designated_child_protection_organisation',
  'provincial_department_of_social_development',
  'dsd_director_general',
] as const;

/**
 * zod schema of an interpretation note in a rule file.
 *
 * @example
 * ```ts
 * RuleNoteSchema.safeParse({ id: 'x', text: 'y', verification: 'exact' }).success; //=> true
 * ```
 * @category Rules
 */
export const RuleNoteSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    text: z.string().min(1),
    verification: VerificationSchema,
    when: ConditionSchema.optional(),
  })
  .strict();

const LimbSchema = z
  .object({
    id: z.string().min(1),
    provision: z.string().min(1),
    modality: z.enum(MODALITIES),
    conditions: ConditionSchema,
  })
  .strict();

const VersionSchema = z
  .object({
    provision: z.string().min(1),
    inForce: z
      .object({
        from: IsoDate.nullable(),
        to: IsoDate.nullable(),
        inForceBy: IsoDate.optional().meta({
          description: 'Where the commencement (from: null) is not verified: the date by which it was in force at the latest.',
        }),
      })
      .strict(),
    amendedBy: z.string().min(1).optional(),
    text: z.string().min(1),
    textNote: z.string().min(1).optional(),
    source: z.url(),
    verification: VerificationSchema,
    knowledgeStandard: z.string().min(1),
    limbs: z.array(LimbSchema).min(1),
    notes: z.array(RuleNoteSchema),
  })
  .strict();

const CitedText = z
  .object({ provision: z.string().min(1), text: z.string().min(1), verification: VerificationSchema, source: z.url().optional() })
  .strict();

/**
 * zod schema of a rule file: one duty, its versions over time, and everything a trainer or auditor
 * needs. The bundled rule files are validated with it in the test suite.
 *
 * @example
 * ```ts
 * RuleFileSchema.safeParse({}).success; //=> false
 * ```
 * @category Rules
 */
export const RuleFileSchema = z
  .object({
    id: z.enum(DUTY_IDS),
    act: z.string().min(1),
    actShort: z.string().min(1),
    title: z.string().min(1),
    summary: z.string().min(1),
    who: z.string().min(1),
    aboutWhom: z.string().min(1),
    trigger: z.string().min(1),
    versions: z.array(VersionSchema).min(1),
    recipients: z.array(z.enum(RECIPIENTS)).min(1),
    recipientsText: z.string().min(1),
    timing: z
      .object({ phrase: z.string().min(1), deadlineHours: z.number().int().positive().nullable(), verification: VerificationSchema })
      .strict(),
    form: z
      .object({
        name: z.string().min(1),
        number: z.string().nullable(),
        verification: VerificationSchema,
        note: z.string().min(1),
      })
      .strict()
      .nullable(),
    contents: z.array(CitedText),
    offence: z
      .object({
        provision: z.string().min(1),
        text: z.string().min(1),
        verification: VerificationSchema,
        penalty: z.object({ text: z.string().nullable(), verification: VerificationSchema, note: z.string().min(1) }).strict(),
      })
      .strict()
      .nullable(),
    protections: z.array(CitedText),
    notes: z.array(RuleNoteSchema),
    lastVerifiedOn: IsoDate,
  })
  .strict()
  .superRefine((r, ctx) => {
    // In-force windows of the versions run in order and neither overlap nor leave gaps.
    r.versions.forEach((v, i) => {
      if (v.inForce.from && v.inForce.to && v.inForce.to < v.inForce.from) {
        ctx.addIssue({
          code: 'custom',
          path: ['versions', i, 'inForce'],
          ...custom('invalid_in_force_window', 'validation.expected.windowEndAfterStart'),
          input: v.inForce,
        });
      }
      const next = r.versions[i + 1];
      if (next) {
        if (!v.inForce.to || !next.inForce.from) {
          ctx.addIssue({
            code: 'custom',
            path: ['versions', i, 'inForce', 'to'],
            ...custom('invalid_in_force_window', 'validation.expected.endBeforeNext'),
            input: v.inForce.to,
          });
        } else {
          const dayAfter = nextDay(v.inForce.to);
          if (dayAfter !== next.inForce.from) {
            ctx.addIssue({
              code: 'custom',
              path: ['versions', i + 1, 'inForce', 'from'],
              ...custom('invalid_in_force_window', 'validation.expected.noGap', { date: dayAfter }),
              input: next.inForce.from,
            });
          }
        }
      }
    });
  });

/** A validated rule file. */
export type RuleFile = z.output<typeof RuleFileSchema>;
/** One dated version of a rule. */
export type RuleVersion = RuleFile['versions'][number];
/** An interpretation note. */
export type RuleNote = z.output<typeof RuleNoteSchema>;

const ConditionName = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/);

/** The dates a condition can be read over: the date the reporter came to know, and the date of the act. */
export const CONDITION_DATES = ['knowledge', 'incident'] as const;
/** One of {@link CONDITION_DATES}. */
export type ConditionDate = (typeof CONDITION_DATES)[number];

/** How a condition read over one date is named, and the words for that date in its leaf labels. */
const DatedInstanceSchema = z
  .object({
    name: ConditionName.meta({ description: 'The name rules refer to the condition on this date by.' }),
    when: z.string().min(1).optional().meta({ description: 'Replaces {when} in the leaf labels, e.g. "on the knowledge date".' }),
  })
  .strict();

/**
 * A shared named condition file (`rules/conditions/*.json`). With `dates`, one condition is read
 * over several dates: it is instantiated once per date when the rule set is built, `{date}` in a
 * fact name becoming `Knowledge` or `Incident` (`victimAgeAt{date}`), `{when}` in a leaf label
 * becoming the date's words, and a reference to another dated condition becoming that condition on
 * the same date. The compiled rules and json-rules-engine see only the plain instances.
 */
export const NamedConditionFileSchema = z
  .object({
    name: ConditionName,
    description: z.string().min(1),
    sources: z.array(z.object({ cite: z.string().min(1), url: z.url().optional(), verification: VerificationSchema }).strict()).min(1),
    dates: z
      .partialRecord(z.enum(CONDITION_DATES), DatedInstanceSchema)
      .refine((d) => Object.keys(d).length > 0, custom('too_small', 'validation.expected.oneDate'))
      .optional(),
    conditions: ConditionSchema,
  })
  .strict()
  .superRefine((f, ctx) => {
    const text = JSON.stringify(f.conditions);
    if (f.dates === undefined && /\{(date|when)\}/.test(text)) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        ...custom('placeholder_without_dates', 'validation.expected.noDatePlaceholder'),
        input: f.conditions,
      });
    }
    for (const [date, d] of Object.entries(f.dates ?? {})) {
      if (d.when === undefined && text.includes('{when}')) {
        ctx.addIssue({
          code: 'custom',
          path: ['dates', date, 'when'],
          ...custom('missing_when', 'validation.expected.whenWords'),
          input: d,
        });
      }
    }
  });
/** A validated named condition file. */
export type NamedConditionFile = z.output<typeof NamedConditionFileSchema>;
/** A named condition as the rule set holds it: a file, or a dated file's instance on one date. */
export type NamedCondition = Omit<NamedConditionFile, 'dates'>;
