import * as z from 'zod';
import { BASES, DISABILITIES, HARMS, RELATIONSHIPS, REPORTER_ROLES, SEXES } from './vocabulary.js';
import { assertEqual, type DeepMutable } from '../errors/type-equal.js';
import { custom } from '../errors/from-zod.js';
import type { CaseInput } from './input.js';

const REAL_DATE = 'a real calendar date written YYYY-MM-DD';
const dateShaped = (v: unknown): boolean => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The years a date may fall in: no one alive was born before 1850, and no law here runs past 2200. */
const inDateRange = (s: string): boolean => {
  const year = Number(s.slice(0, 4));
  return !/^\d{4}-/.test(s) || (year >= 1850 && year <= 2200);
};

/** A calendar date, `YYYY-MM-DD`: zod's ISO date (no 30 February, 29 February only in a leap year), from 1850 to 2200. */
export const IsoDate = z.iso
  .date({
    error: (issue) => (issue.code !== 'invalid_format' ? undefined : dateShaped(issue.input) ? REAL_DATE : 'a date written YYYY-MM-DD'),
  })
  .refine(inDateRange, custom('date_out_of_range', 'validation.expected.dateRange'))
  .meta({ description: 'A calendar date, YYYY-MM-DD (South African date).', examples: ['2026-11-20'] });

const AgeYears = z.number().int().min(0).max(130).meta({ description: 'Age in whole years on the assessment date.' });

const AgeRange = z
  .object({
    min: z.number().int().min(0).max(130),
    max: z.number().int().min(0).max(130),
  })
  .strict()
  .refine((r) => r.min <= r.max, custom('min_above_max', 'validation.expected.minNotAboveMax'))
  .meta({ description: 'Age in whole years on the assessment date, when only a range is known (inclusive).' });

/** The most people and concerns a case can hold. */
export const MAX_PEOPLE = 200;
export const MAX_CONCERNS = 500;

const Id = z.string().min(1).max(200);

/** The person who learned of the violence and asks which duties they have. */
const ReporterSchema = z
  .object({
    role: z.enum(REPORTER_ROLES).optional().meta({ description: 'The role in which the reporter acts.' }),
    ageYears: AgeYears.optional(),
    dateOfBirth: IsoDate.optional(),
    ageRange: AgeRange.optional(),
    inCourseOfDuties: z.boolean().optional().meta({ description: 'Learned it while working in that role. Omitted = unknown.' }),
    knowledgeDate: IsoDate.optional().meta({
      description: 'When the reporter came to know, believe or suspect. Selects the law in force. Default: assessmentDate.',
    }),
    stillKnows: z.boolean().optional().meta({
      description:
        'You still know, believe or suspect it on the assessment date (knowing is a continuing state: a provision that commences while it lasts binds from its commencement). Omitted = unknown (presumed yes in the default mode).',
    }),
    dvaFunctionary: z.boolean().optional().meta({
      description:
        'The reporter is a "functionary" under the Domestic Violence Act (s1 definition, or designated under s2A(1)). Omitted = derived from role where possible, else unknown.',
    }),
  })
  .strict();

/** A person in the household: a victim, an alleged perpetrator or another member. No names needed. */
export const PersonSchema = z
  .object({
    id: Id.meta({ description: 'A label for this person, unique in the case; no name needed (e.g. "child-a").' }),
    dateOfBirth: IsoDate.optional(),
    ageYears: AgeYears.optional(),
    ageRange: AgeRange.optional(),
    sex: z.enum(SEXES).optional(),
    disability: z.enum(DISABILITIES).optional(),
    mentalDisabilityAffectingConsent: z.boolean().optional().meta({
      description:
        'Sexual Offences Act: a mental disability that left the person unable to understand, decide on, resist or communicate unwillingness about a sexual act at the time.',
    }),
    opposesReport: z.boolean().optional().meta({
      description: 'This (adult) person has said they do not want a report or statutory involvement.',
    }),
    caregiverOf: z.array(Id).optional().meta({ description: 'Ids of children this person cares for.' }),
  })
  .strict();

/** One thing the reporter learned: a harm to one victim. */
export const ConcernSchema = z
  .object({
    id: Id.optional().meta({ description: 'A label for this concern, unique in the case. Default: c1, c2, ... in input order.' }),
    victim: Id.meta({ description: 'The people[].id of the person harmed.' }),
    harm: z.enum(HARMS),
    allegedBy: Id.optional().meta({ description: 'The people[].id of the alleged perpetrator.' }),
    relationship: z.enum(RELATIONSHIPS).optional().meta({ description: 'Relationship of the alleged perpetrator to the victim.' }),
    basis: z.enum(BASES).optional().meta({ description: 'How the reporter came to the concern.' }),
    incidentDate: z
      .union([IsoDate, z.literal('ongoing')])
      .optional()
      .meta({
        description:
          'When the act happened (YYYY-MM-DD), or "ongoing" for a situation that continues. Omitted = unknown (presumed recent in the default mode).',
      }),
    physicalInjury: z.boolean().optional(),
    sexualContact: z.boolean().optional().meta({
      description: 'A sexual act with the victim: penetration, or sexual violation (sexual touching). Omitted = read from harm.',
    }),
    sexualNonContact: z.boolean().optional().meta({
      description:
        'Sexual conduct aimed at the victim without touching: grooming, sexual messages or proposals, showing pornography or genitals, exposing them to sexual acts. Omitted = read from harm.',
    }),
    sexualExploitation: z.boolean().optional().meta({
      description:
        'The victim was used for sex in return for money, goods or favours to anyone (commercial sexual exploitation). Omitted = read from harm.',
    }),
    imagery: z.boolean().optional().meta({
      description:
        'Sexual images or recordings of the victim (child sexual abuse material) were made, kept or shared. Omitted = read from harm.',
    }),
    relationshipToCarer: z.enum(RELATIONSHIPS).optional().meta({
      description:
        "For a child: how the alleged perpetrator is related to the person who cares for the child (e.g. the mother's intimate_partner or former_intimate_partner). Omitted = read from the case where possible.",
    }),
    carerAlsoAbused: z.boolean().optional().meta({
      description:
        'For a child: the alleged perpetrator is also alleged to have abused the person who cares for the child. Omitted = read from the concerns about the carer where the case lists one (caregiverOf), else unknown.',
    }),
    prohibitedDegree: z.boolean().optional().meta({
      description:
        'Override: victim and alleged perpetrator may not marry each other on account of blood relationship, marriage or adoption (Sexual Offences Act s12). Omitted = read from relationship.',
    }),
    abuseOfTrustOrInducement: z.boolean().optional().meta({
      description:
        "The alleged perpetrator used authority, trust, gifts, money, pressure or exploitation (Children's Act wider reading of sexual abuse). Omitted = read from relationship where possible.",
    }),
    concludesSexualAbuse: z.boolean().optional().meta({
      description:
        "You conclude on reasonable grounds that this was sexual abuse as the Children's Act defines it (which goes wider than the Sexual Offences Act's offences). Omitted = unknown.",
    }),
    reasonToSuspect: z.boolean().optional().meta({
      description:
        'Objective test (Trafficking Act "ought reasonably to have known or suspected"; Films and Publications Act "reason to suspect"): what you heard, taken together, gives a reasonable person reason to suspect it. Omitted = yes for knowledge, belief or suspicion, unknown for a rumour.',
    }),
    deliberate: z.boolean().optional().meta({ description: 'For neglect: was it deliberate?' }),
    consensual: z
      .boolean()
      .nullable()
      .optional()
      .meta({ description: 'Sexual acts: did the victim factually consent? null or omitted = unknown.' }),
    domesticRelationship: z.boolean().optional().meta({
      description: 'Override: victim and alleged perpetrator are (or were) in a domestic relationship under the DVA.',
    }),
    sharesResidence: z.boolean().optional().meta({ description: 'Victim and alleged perpetrator share or shared a home.' }),
    expectationOfTrust: z.boolean().optional().meta({
      description: 'Override: the relationship is one where there is an expectation of trust (Older Persons Act s30(2)).',
    }),
    receivedAsReport: z.boolean().optional().meta({
      description: 'The reporter (e.g. a police official) received this as a report from someone else.',
    }),
    privilegedCommunication: z.boolean().optional().meta({
      description: 'Learned in confidence as a legal practitioner for legal advice or litigation (legal professional privilege).',
    }),
    immediateDanger: z.boolean().optional().meta({ description: 'Someone is in immediate danger now.' }),
  })
  .strict();

/**
 * Each concern's id: its own, or `c1`, `c2`, ... by input position where none is given (skipping a
 * default another concern already uses, so a default never collides).
 */
export function defaultConcernIds(concerns: readonly { readonly id?: string | undefined }[]): string[] {
  const taken = new Set<string>();
  for (const concern of concerns) if (concern.id !== undefined) taken.add(concern.id);
  return concerns.map((concern, i) => {
    if (concern.id !== undefined) return concern.id;
    let id = `c${i + 1}`;
    for (let n = 2; taken.has(id); n++) id = `c${i + 1}-${n}`;
    taken.add(id);
    return id;
  });
}

/**
 * The shape of a case: every field checked alone, without the checks across fields (ids that
 * must match). Validation's compiled fast path parses with it (`parseCase`): zod's compiler
 * refuses a check with a `when`, and would then compile nothing.
 */
export const CaseShapeSchema = z
  .object({
    id: z.string().max(200).optional().meta({ description: 'Optional case reference, echoed back.' }),
    assessmentDate: IsoDate.optional().meta({
      description: 'The date of the assessment. Default: today in Africa/Johannesburg.',
    }),
    reporter: ReporterSchema.optional().default({}),
    people: z.array(PersonSchema).min(1).max(MAX_PEOPLE),
    concerns: z.array(ConcernSchema).min(1).max(MAX_CONCERNS),
  })
  .strict();

/** An issue of the checks across fields, as zod's `ctx.addIssue` takes it. */
type CrossFieldIssue = Parameters<z.RefinementCtx['addIssue']>[0];

/**
 * The checks across fields of a case whose fields fit their schemas: ids unique, and every id
 * that refers to a person names one. Each issue goes to `add`. The schema runs it (below); so does
 * the fast path of validation (`parseCase`), which only asks whether there is any.
 */
export function crossFieldIssues(c: z.output<typeof CaseShapeSchema>, add: (issue: CrossFieldIssue) => void): void {
  const ids = new Map<string, number>();
  c.people.forEach((p, i) => {
    if (ids.has(p.id)) {
      add({
        code: 'custom',
        path: ['people', i, 'id'],
        ...custom('duplicate_id', 'validation.expected.newPersonId', { index: ids.get(p.id) as number, id: p.id }),
        input: p.id,
      });
    } else ids.set(p.id, i);
  });
  // The ids for the message (the first 8), built only when an id is wrong.
  const listedIds = () => {
    const known = [...ids.keys()];
    return known.length > 8 ? [...known.slice(0, 8), '…'] : known;
  };
  const seenConcern = new Set<string>();
  const concernIds = defaultConcernIds(c.concerns);
  c.concerns.forEach((concern, i) => {
    const concernId = concernIds[i] as string;
    if (seenConcern.has(concernId)) {
      add({
        code: 'custom',
        path: ['concerns', i, 'id'],
        ...custom('duplicate_id', 'validation.expected.newConcernId'),
        input: concernId,
      });
    }
    seenConcern.add(concernId);
    if (!ids.has(concern.victim)) {
      add({
        code: 'custom',
        path: ['concerns', i, 'victim'],
        ...custom('unknown_person_id', 'validation.expected.personId', { ids: listedIds() }),
        input: concern.victim,
      });
    }
    if (concern.allegedBy !== undefined && !ids.has(concern.allegedBy)) {
      add({
        code: 'custom',
        path: ['concerns', i, 'allegedBy'],
        ...custom('unknown_person_id', 'validation.expected.personId', { ids: listedIds() }),
        input: concern.allegedBy,
      });
    }
    if (concern.allegedBy !== undefined && concern.allegedBy === concern.victim) {
      add({
        code: 'custom',
        path: ['concerns', i, 'allegedBy'],
        ...custom('same_person', 'validation.expected.notTheVictim'),
        input: concern.allegedBy,
      });
    }
  });
  c.people.forEach((p, i) => {
    (p.caregiverOf ?? []).forEach((cid, j) => {
      if (!ids.has(cid)) {
        add({
          code: 'custom',
          path: ['people', i, 'caregiverOf', j],
          ...custom('unknown_person_id', 'validation.expected.personId', { ids: listedIds() }),
          input: cid,
        });
      }
    });
  });
}

/**
 * The zod schema of a case, the input to `assess`: what the reporter knows, with no names needed.
 * Any field left out is unknown, never an error. Use it to validate at your own boundary, or
 * `z.toJSONSchema(CaseInputSchema)` for other languages (also shipped as `schemas/input.schema.json`).
 *
 * @example
 * ```ts
 * import { CaseInputSchema } from 'za-reporting-duties';
 * CaseInputSchema.safeParse({ people: [{ id: 'a' }], concerns: [{ id: 'c', victim: 'a', harm: 'neglect' }] }).success;
 * //=> true
 * ```
 * @category Input
 */
export const CaseInputSchema = CaseShapeSchema.superRefine((c, ctx) => crossFieldIssues(c, (issue) => ctx.addIssue(issue)), {
  when: (payload) => crossCheckable(payload.value),
});

/** True when the ids the cross-field checks read are well-formed, so they also run when other fields failed (every issue in one pass). */
function crossCheckable(v: unknown): boolean {
  const list = (x: unknown): Record<string, unknown>[] | undefined =>
    Array.isArray(x) && x.every((e) => typeof e === 'object' && e !== null) ? (x as Record<string, unknown>[]) : undefined;
  const str = (x: unknown) => typeof x === 'string';
  const c = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  const people = list(c.people);
  const concerns = list(c.concerns);
  return (
    !!people &&
    !!concerns &&
    people.every((p) => str(p.id) && (p.caregiverOf === undefined || (Array.isArray(p.caregiverOf) && p.caregiverOf.every(str)))) &&
    concerns.every(
      (concern) =>
        (concern.id === undefined || str(concern.id)) && str(concern.victim) && (concern.allegedBy === undefined || str(concern.allegedBy)),
    )
  );
}

/** The input to `assess`: documented field by field in `input.ts`, checked equal to `z.input<typeof CaseInputSchema>`. */
export type { CaseInput } from './input.js';

// The documented input type (input.ts) is the zod schema's input type, field for field.
assertEqual<DeepMutable<CaseInput>, z.input<typeof CaseInputSchema>>(true);
/** One person of a case. */
export type Person = z.output<typeof PersonSchema>;
/** One concern of a case, with its id resolved (given, or the default `c1`, `c2`, ...). */
export type Concern = Omit<z.output<typeof ConcernSchema>, 'id'> & { readonly id: string };
/** A validated case, concern ids resolved. */
export type ValidatedCase = Omit<z.output<typeof CaseInputSchema>, 'concerns'> & { readonly concerns: readonly Concern[] };
