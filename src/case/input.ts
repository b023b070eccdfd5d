import type { Basis, Disability, Harm, Relationship, ReporterRole, Sex } from './vocabulary.js';

/*
 * The input contract written out as documented object types (type aliases rather than interfaces, so
 * they stay assignable to `Record<string, unknown>`), so that the documentation of every
 * field reaches the .d.ts and the editor's hover (zod's `.meta({ description })` lives only at run
 * time). The last line checks that these types are exactly the input type of `CaseInputSchema`:
 * a field added to the schema and not here (or the other way round) fails `tsc`.
 */

/** An age known only within bounds: whole years on the assessment date, inclusive. */
export type AgeRangeInput = {
  /** The youngest the person can be, in whole years (0-130). */
  readonly min: number;
  /** The oldest the person can be, in whole years (0-130, not less than `min`). */
  readonly max: number;
};

/**
 * The person who learned of the violence and asks which duties they have.
 * Every field is optional: omitted = unknown, never false.
 */
export type ReporterInput = {
  /** The role in which the reporter acts (each Children's Act s110(1) occupation is its own value). Omitted = unknown. */
  readonly role?: ReporterRole | undefined;
  /** Age in whole years on the assessment date (0-130). Give this, `dateOfBirth` or `ageRange`; all omitted = unknown. */
  readonly ageYears?: number | undefined;
  /** Date of birth, `YYYY-MM-DD`. Omitted = unknown (then `ageYears` or `ageRange` is used if given). */
  readonly dateOfBirth?: string | undefined;
  /** Age when only a range is known (inclusive, whole years on the assessment date). */
  readonly ageRange?: AgeRangeInput | undefined;
  /** Learned it while working in that role. Omitted = unknown. */
  readonly inCourseOfDuties?: boolean | undefined;
  /**
   * When the reporter came to know, believe or suspect, `YYYY-MM-DD`; selects the law in force.
   * Omitted = the assessment date.
   */
  readonly knowledgeDate?: string | undefined;
  /**
   * The reporter is a "functionary" under the Domestic Violence Act (s1 definition, or designated
   * under s2A(1)). Omitted = derived from `role` where possible, else unknown.
   */
  readonly dvaFunctionary?: boolean | undefined;
  /**
   * You still know, believe or suspect it on the assessment date (knowing is a continuing state: a
   * provision that commences while it lasts binds from its commencement). Omitted = unknown
   * (presumed yes in the default mode).
   */
  readonly stillKnows?: boolean | undefined;
};

/** A person in the household: a victim, an alleged perpetrator or another member. No names needed. */
export type PersonInput = {
  /** A label for this person, unique in the case; no name needed (e.g. `"child-a"`). 1-200 characters. */
  readonly id: string;
  /** Date of birth, `YYYY-MM-DD`. Give this, `ageYears` or `ageRange`; all omitted = age unknown. */
  readonly dateOfBirth?: string | undefined;
  /** Age in whole years on the assessment date (0-130). */
  readonly ageYears?: number | undefined;
  /** Age when only a range is known (inclusive, whole years on the assessment date). */
  readonly ageRange?: AgeRangeInput | undefined;
  /** Sex, as the Older Persons Act thresholds use it (women 60+, men 65+). Omitted = unknown. */
  readonly sex?: Sex | undefined;
  /** Disability; `none` is a definite answer. Omitted = unknown. */
  readonly disability?: Disability | undefined;
  /**
   * Sexual Offences Act: a mental disability that left the person unable to understand, decide on,
   * resist or communicate unwillingness about a sexual act at the time. Omitted = unknown.
   */
  readonly mentalDisabilityAffectingConsent?: boolean | undefined;
  /** This (adult) person has said they do not want a report or statutory involvement. Omitted = unknown. */
  readonly opposesReport?: boolean | undefined;
  /** Ids (`people[].id`) of children this person cares for. */
  readonly caregiverOf?: readonly string[] | undefined;
};

/** One thing the reporter learned: a harm to one victim. Fields other than `id`, `victim` and `harm`: omitted = unknown. */
export type ConcernInput = {
  /** A label for this concern, unique in the case. Omitted = `c1`, `c2`, ... in input order. */
  readonly id?: string | undefined;
  /** The `people[].id` of the person harmed. */
  readonly victim: string;
  /** The kind of harm (`emotional_abuse` covers emotional, verbal and psychological abuse). */
  readonly harm: Harm;
  /** The `people[].id` of the alleged perpetrator (not the victim). Omitted = unknown or not said. */
  readonly allegedBy?: string | undefined;
  /** Relationship of the alleged perpetrator to the victim. Omitted = unknown. */
  readonly relationship?: Relationship | undefined;
  /** How the reporter came to the concern: knowledge, reasonable belief, reasonable suspicion or rumour. Omitted = unknown. */
  readonly basis?: Basis | undefined;
  /** When it happened, `YYYY-MM-DD` (on or before the knowledge date), or `"ongoing"`; ages at the time of the act use it. Omitted = unknown (presumed recent in the default mode). */
  readonly incidentDate?: string | 'ongoing' | undefined;
  /** The abuse caused a physical injury. Omitted = unknown. */
  readonly physicalInjury?: boolean | undefined;
  /** For neglect: it was deliberate. Omitted = unknown. */
  readonly deliberate?: boolean | undefined;
  /** Sexual acts: the victim factually consented. `null` or omitted = unknown. */
  readonly consensual?: boolean | null | undefined;
  /** Override: victim and alleged perpetrator are (or were) in a domestic relationship under the DVA. Omitted = derived from `relationship`. */
  readonly domesticRelationship?: boolean | undefined;
  /** Victim and alleged perpetrator share or shared a home. Omitted = unknown. */
  readonly sharesResidence?: boolean | undefined;
  /** Override: a relationship with an expectation of trust (Older Persons Act s30(2)). Omitted = derived from `relationship`. */
  readonly expectationOfTrust?: boolean | undefined;
  /** The reporter (e.g. a police official) received this as a report from someone else. Omitted = unknown. */
  readonly receivedAsReport?: boolean | undefined;
  /** Learned in confidence as a legal practitioner for legal advice or litigation (legal professional privilege). Omitted = unknown. */
  readonly privilegedCommunication?: boolean | undefined;
  /** Someone is in immediate danger now. Omitted = unknown. */
  readonly immediateDanger?: boolean | undefined;
  /** A sexual act with the victim: penetration, or sexual violation (sexual touching). Omitted = read from `harm`. */
  readonly sexualContact?: boolean | undefined;
  /** Grooming, sexual messages or proposals, showing pornography or genitals, exposing the victim to sexual acts. Omitted = read from `harm`. */
  readonly sexualNonContact?: boolean | undefined;
  /** The victim was used for sex in return for money, goods or favours. Omitted = read from `harm`. */
  readonly sexualExploitation?: boolean | undefined;
  /** Sexual images or recordings of the victim were made, kept or shared. Omitted = read from `harm`. */
  readonly imagery?: boolean | undefined;
  /** For a child: how the alleged perpetrator is related to the person who cares for the child. Omitted = read from the case where possible. */
  readonly relationshipToCarer?: Relationship | undefined;
  /** For a child: the alleged perpetrator is also alleged to have abused the child's carer. Omitted = read from the case's concerns where it lists a carer. */
  readonly carerAlsoAbused?: boolean | undefined;
  /** Override: victim and alleged perpetrator may not marry each other by blood, marriage or adoption (incest). Omitted = read from `relationship`. */
  readonly prohibitedDegree?: boolean | undefined;
  /** The alleged perpetrator used authority, trust, gifts, money, pressure or exploitation. Omitted = read from `relationship` where possible. */
  readonly abuseOfTrustOrInducement?: boolean | undefined;
  /** You conclude on reasonable grounds that this was sexual abuse as the Children's Act defines it. Omitted = unknown. */
  readonly concludesSexualAbuse?: boolean | undefined;
  /** Objective test: what you heard gives a reasonable person reason to suspect it. Omitted = yes for knowledge, belief or suspicion; unknown for a rumour. */
  readonly reasonToSuspect?: boolean | undefined;
};

/**
 * A case, the input to `assess`: what the reporter knows, with no names needed. Any field left
 * out is unknown, never false and never an error. Exactly the input type of `CaseInputSchema`
 * (checked at compile time), with every field documented.
 *
 * @example
 * ```ts
 * import type { CaseInput } from 'za-reporting-duties';
 * const c: CaseInput = {
 *   assessmentDate: '2026-11-28',
 *   reporter: { role: 'teacher', inCourseOfDuties: true },
 *   people: [{ id: 'child-a', ageYears: 5 }, { id: 'partner', ageYears: 35 }],
 *   concerns: [{ id: 'c1', victim: 'child-a', allegedBy: 'partner', harm: 'exposure_to_domestic_violence' }],
 * };
 * ```
 * @category Input
 */
export type CaseInput = {
  /** Optional case reference (up to 200 characters), echoed back as `caseId`. */
  readonly id?: string | undefined;
  /** The date of the assessment, `YYYY-MM-DD`. Omitted = today in Africa/Johannesburg (the only clock read). */
  readonly assessmentDate?: string | undefined;
  /** The person who learned of it. Omitted = everything about the reporter unknown. */
  readonly reporter?: ReporterInput | undefined;
  /** The people in the household (1-200), labelled without names. */
  readonly people: readonly PersonInput[];
  /** What the reporter learned (1-500): one harm to one victim each. */
  readonly concerns: readonly ConcernInput[];
};

/**
 * The parameter type of the overloads that take untrusted input (parsed JSON, a request body):
 * accepts a value whose static type is `unknown`, `any` or a string-keyed record
 * (`Record<string, unknown>`), and nothing else, so that a typed object literal with a misspelt
 * field is checked against {@link CaseInput} instead of slipping through. Cast a value of some
 * other type to `unknown` to validate it at run time.
 *
 * @example
 * ```ts
 * const body: unknown = JSON.parse(text);
 * safeAssess(body);              // checked at run time
 * safeAssess({ peple: [] });     // compile error: 'peple' is not a CaseInput field
 * ```
 * @category Input
 */
export type Untrusted<T> = unknown extends T ? T : string extends keyof T ? T : never;
