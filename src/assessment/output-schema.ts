import * as z from 'zod';
import { assertEqual, type DeepMutable } from '../errors/type-equal.js';
import { MessageRefSchema } from '../errors/schemas.js';
import { FACT_NAMES, type FactName } from '../case/facts.js';
import { DUTY_IDS, DUTY_STATUSES, MODALITIES } from '../case/vocabulary.js';
import { RECIPIENTS, VerificationSchema } from '../rules/schema.js';
import {
  ASSESSMENT_MODES,
  GUIDANCE_KINDS,
  GUIDANCE_SOURCE_KINDS,
  HELPLINE_VERIFICATIONS,
  OVERLAP_KINDS,
  type Assessment,
  type MissingFact,
  type ReferencedAssessment,
} from './types.js';

/*
 * The output contract as a zod schema, for `za-duties schema output` (JSON Schema for non-TypeScript
 * users) and for tests that check every assessment against it. It must match `Assessment` in
 * types.ts exactly: the type assertion at the bottom fails the typecheck if the two drift apart.
 */

const DutyIdSchema = z.enum(DUTY_IDS);
const RecipientSchema = z.enum(RECIPIENTS);
const DutyStatusSchema = z
  .enum(DUTY_STATUSES)
  .meta({ description: 'applies: for every way the unknown facts could turn out; does_not_apply: for none; may_apply: it depends.' });
const ModalitySchema = z.enum(MODALITIES);
const IsoDateText = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .meta({ description: 'A calendar date, YYYY-MM-DD.' });

const msg = <K extends string>(...keys: K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, MessageRefSchema])) as { [F in K]: typeof MessageRefSchema });
const msgOptional = <K extends string>(...keys: K[]) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, MessageRefSchema.optional()])) as { [F in K]: z.ZodOptional<typeof MessageRefSchema> },
  );

const ReasonValueSchema = z
  .union([z.boolean(), z.number(), z.string(), z.strictObject({ min: z.number(), max: z.number() }), z.array(z.string()), z.null()])
  .meta({ description: 'A fact value: an age known only within bounds is {min, max}; unknown is null.' });

/**
 * A derived fact's name: a closed list (the fact catalogue), as reasons, missing facts and questions
 * name it.
 *
 * @example
 * ```ts
 * FactNameSchema.safeParse('reporterAge').success; //=> true
 * ```
 * @category Schemas
 */
export const FactNameSchema = z
  .enum(FACT_NAMES as [FactName, ...FactName[]])
  .meta({ description: 'A derived fact, as the rules name it.' });

const ReasonSchema = z
  .strictObject({
    fact: z.union([FactNameSchema, z.literal('knowledgeDate')]),
    value: ReasonValueSchema,
    test: z.string().meta({ description: 'The test in short form, e.g. "< 18".' }),
    result: z.union([z.boolean(), z.literal('unknown')]),
    label: z.string().optional(),
    within: z.string().optional(),
    concern: z.string().optional(),
    msg: z.strictObject({ test: MessageRefSchema, label: MessageRefSchema.optional() }),
  })
  .meta({ description: 'One condition that decided the outcome.' });

/** zod schema of a {@link MissingFact}: a fact that would settle a `may_apply`, as a question (shared by the compliance check). */
export const MissingFactSchema = z
  .strictObject({
    fact: FactNameSchema,
    about: z.string(),
    question: z.string(),
    inputs: z.array(z.string()),
    msg: msg('question'),
  })
  .meta({ description: 'A fact that would settle a may_apply, as a question.' });

const CitationSchema = z.strictObject({
  act: z.string(),
  provision: z.string(),
  text: z.string(),
  textNote: z.string().optional(),
  source: z.string(),
  inForceFrom: IsoDateText.nullable(),
  inForceTo: IsoDateText.nullable(),
  amendedBy: z.string().optional(),
  verification: VerificationSchema,
  msg: msgOptional('textNote', 'amendedBy'),
});

const CitedTextSchema = z.strictObject({ provision: z.string(), text: z.string(), verification: VerificationSchema });

const InterpretationNoteSchema = z.strictObject({ id: z.string(), text: z.string(), verification: VerificationSchema, msg: msg('text') });

const OffenceSchema = z.strictObject({
  provision: z.string(),
  text: z.string(),
  verification: VerificationSchema,
  penalty: z.strictObject({ text: z.string().nullable(), verification: VerificationSchema, note: z.string(), msg: msg('note') }),
});

const FormInfoSchema = z.strictObject({
  name: z.string(),
  number: z.string().nullable(),
  verification: VerificationSchema,
  note: z.string(),
  msg: msg('name', 'note'),
});

const DeadlineSchema = z
  .strictObject({
    hours: z.number(),
    from: IsoDateText,
    latestDate: IsoDateText,
    passed: z.boolean(),
  })
  .meta({ description: "A deadline the law states in hours (only Children's Act s110(4))." });

const DutyResultSchema = z.strictObject({
  duty: DutyIdSchema,
  person: z.string(),
  status: DutyStatusSchema,
  modality: ModalitySchema,
  title: z.string(),
  citation: CitationSchema,
  recipients: z.array(RecipientSchema),
  recipientsText: z.string(),
  timing: z.strictObject({
    phrase: z.string(),
    deadlineHours: z.number().nullable(),
    verification: VerificationSchema,
    msg: msg('phrase'),
  }),
  deadline: DeadlineSchema.optional(),
  form: FormInfoSchema.nullable(),
  contents: z.array(CitedTextSchema),
  offence: OffenceSchema.nullable(),
  protections: z.array(CitedTextSchema),
  reasons: z.array(ReasonSchema).meta({
    description:
      "The conditions that decided the status. At the default detail ('standard') a duty that does_not_apply has none; detail 'full' (and explain()) gives them.",
  }),
  missing: z.array(MissingFactSchema),
  notes: z.array(InterpretationNoteSchema),
  concerns: z.array(z.string()),
  presumed: z
    .array(z.strictObject({ id: z.string(), fact: z.string(), about: z.string(), text: z.string(), msg: msg('text') }))
    .optional()
    .meta({ description: 'The ordinary presumptions the status rests on, where the strict status differs.' }),
  strictStatus: DutyStatusSchema.optional(),
  msg: msg('title', 'recipientsText'),
});

const OverlapSchema = z.strictObject({
  id: z.string().meta({ description: 'The overlap id from rules/overlaps/ (dva-report, one-police-report).' }),
  kind: z.enum(OVERLAP_KINDS),
  title: z.string(),
  person: z.string(),
  duties: z.array(DutyIdSchema),
  status: DutyStatusSchema,
  text: z.string(),
  msg: msg('title', 'text'),
});

const QuestionSchema = z.strictObject({
  fact: FactNameSchema,
  about: z.string(),
  question: z.string(),
  inputs: z.array(z.string()),
  settles: z.array(z.strictObject({ duty: DutyIdSchema, person: z.string() })),
  presumed: z.boolean().optional(),
  msg: msg('question'),
});

const GuidanceSourceSchema = z.strictObject({
  kind: z.enum(GUIDANCE_SOURCE_KINDS),
  cite: z.string(),
  url: z.string().optional(),
  verification: VerificationSchema,
});

const GuidanceItemSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(GUIDANCE_KINDS),
  title: z.string(),
  text: z.string(),
  steps: z.array(z.string()),
  forDuties: z.array(DutyIdSchema),
  persons: z.array(z.string()),
  sources: z.array(GuidanceSourceSchema),
  lead: z.boolean().optional(),
  msg: z.strictObject({ title: MessageRefSchema, text: MessageRefSchema, steps: z.array(MessageRefSchema) }),
});

const HelplineSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  number: z.string().nullable(),
  channels: z.array(z.strictObject({ kind: z.string(), value: z.string(), note: z.string().optional(), msg: msgOptional('note') })),
  description: z.string(),
  sources: z.array(z.string()),
  verification: z.enum(HELPLINE_VERIFICATIONS),
  lastChecked: IsoDateText,
  caveat: z.string().optional(),
  msg: z.strictObject({ description: MessageRefSchema, caveat: MessageRefSchema.optional() }),
});

/**
 * The zod schema of an {@link Assessment}, the output of `assess` at the `standard` (default) and
 * `full` levels of detail: strict objects, exactly the fields of the TypeScript type.
 * `za-duties schema output` prints it as JSON Schema. The `decisions` level is a compact
 * assessment (`za-duties schema output-compact`).
 *
 * @example
 * ```ts
 * import { assess, AssessmentSchema } from 'za-reporting-duties';
 * AssessmentSchema.safeParse(assess(myCase)).success; //=> true
 * ```
 * @category Schemas
 */
export const AssessmentSchema = z
  .strictObject({
    caseId: z.string().optional(),
    assessmentDate: IsoDateText,
    lawAsAt: IsoDateText.meta({
      description: 'The knowledge date: the law from then to the assessment date applies while the knowledge continues.',
    }),
    mode: z
      .enum(ASSESSMENT_MODES)
      .meta({ description: 'presumptive: the ordinary presumptions were used (listed per duty); strict: none.' }),
    rulesetVersion: z.string(),
    duties: z.array(DutyResultSchema).meta({ description: 'One entry per (duty id × person at risk) considered.' }),
    overlaps: z.array(OverlapSchema),
    guidance: z.strictObject({ items: z.array(GuidanceItemSchema), helplines: z.array(HelplineSchema) }),
    questions: z.array(QuestionSchema),
    disclaimer: z.string(),
    msg: msg('disclaimer'),
  })
  .meta({
    title: 'Assessment',
    description:
      'Which South African reporting duties apply, for whom, to whom, how fast, with reasons and the questions still open (za-reporting-duties).',
  });

// --- The schema and the type must not drift apart (checked by `tsc`). ---
assertEqual<z.output<typeof AssessmentSchema>, DeepMutable<Assessment>>(true);

const ReferencedReasonSchema = z.strictObject({
  fact: z.union([FactNameSchema, z.literal('knowledgeDate')]),
  value: ReasonValueSchema,
  result: z.union([z.boolean(), z.literal('unknown')]),
  within: z.string().optional(),
  concern: z.string().optional(),
  msg: z.strictObject({ test: MessageRefSchema, label: MessageRefSchema.optional() }),
});

const ReferencedDutySchema = z.strictObject({
  duty: DutyIdSchema,
  person: z.string(),
  status: DutyStatusSchema,
  modality: ModalitySchema,
  law: z.string().meta({ description: 'The rule version cited: its commencement date, or "initial" where it has none (za-duties rules).' }),
  provision: z.string().optional().meta({ description: "The provision cited, where it is a limb's own rather than the version's." }),
  reasons: z.array(ReferencedReasonSchema),
  missing: z.array(z.strictObject({ fact: FactNameSchema, about: z.string(), inputs: z.array(z.string()), msg: msg('question') })),
  notes: z.array(z.string()).meta({ description: 'The interpretation notes, by id.' }),
  concerns: z.array(z.string()),
  deadline: DeadlineSchema.optional(),
  presumed: z.array(z.strictObject({ id: z.string(), fact: z.string(), about: z.string() })).optional(),
  strictStatus: DutyStatusSchema.optional(),
});

/**
 * The zod schema of a {@link ReferencedAssessment} (`referenceTexts`, `za-duties assess
 * --referenced`): an assessment with each text referred to by id. `za-duties schema referenced`
 * prints it as JSON Schema; `expandTexts` validates against it.
 *
 * @example
 * ```ts
 * import { assess, referenceTexts, ReferencedAssessmentSchema } from 'za-reporting-duties';
 * ReferencedAssessmentSchema.safeParse(referenceTexts(assess(myCase))).success; //=> true
 * ```
 * @category Schemas
 */
export const ReferencedAssessmentSchema = z
  .strictObject({
    caseId: z.string().optional(),
    assessmentDate: IsoDateText,
    lawAsAt: IsoDateText,
    mode: z.enum(ASSESSMENT_MODES),
    rulesetVersion: z.string().meta({ description: 'The rules and catalogue the texts are in: expand with the same version.' }),
    texts: z.literal('referenced'),
    duties: z.array(ReferencedDutySchema),
    overlaps: z.array(
      z.strictObject({
        id: z.string(),
        person: z.string(),
        duties: z.array(DutyIdSchema),
        status: DutyStatusSchema,
        msg: msg('title', 'text'),
      }),
    ),
    guidance: z.strictObject({ items: z.array(z.strictObject({ id: z.string(), persons: z.array(z.string()) })) }),
  })
  .meta({
    title: 'ReferencedAssessment',
    description:
      'An assessment with each text referred to by id instead of carried (za-reporting-duties): what the case decided, whole; statute texts, citations, forms, notes, guidance, helplines and every text that carries a message, by id. expandTexts (or za-duties expand) gives the assessment back with the same rulesetVersion.',
  });

assertEqual<z.output<typeof ReferencedAssessmentSchema>, DeepMutable<ReferencedAssessment>>(true);
