/**
 * The derived-facts schema: every fact a rule or guidance item may name, declared once. Each entry
 * holds the fact's label, its question, the input fields that answer it, the kind (and for an
 * enum, the values) of its value, and how a property test completes it where a case leaves it
 * unknown. Derivation (`derive.ts`) produces exactly these, typed by this declaration; the docs
 * read the labels from here; the test arbitraries read the completions; the rule-file tests check
 * every fact a rule names is listed here.
 */
import { BASES, HARMS, RELATIONSHIPS, REPORTER_ROLES, SEXES } from './vocabulary.js';

/** An inclusive range of whole years, for an age known only within bounds. */
export interface AgeInterval {
  readonly min: number;
  readonly max: number;
}

/** A fact's value; `undefined` means unknown and is never treated as a value. */
export type FactValue = boolean | number | string | AgeInterval | readonly string[] | undefined;

/** The facts of one (person at risk × concern). */
export type Facts = Readonly<Record<string, FactValue>>;

/** Whom a fact is about, for phrasing questions and pointing at input fields. */
export type FactSubject = 'reporter' | 'victim' | 'perpetrator' | 'concern' | 'law';

/** A classification of a value: settled either way, open, or (relationships) settled by a shared home. */
export type Classified = 'yes' | 'no' | 'unknown' | 'residence';

/** What a harm value says happened, where the concern does not say. */
export type ConductFlag = 'sexualContact' | 'sexualNonContact' | 'sexualExploitation' | 'imagery' | 'physicalInjury';

/** The readings of a relationship in `rules/parameters/relationships.json` (handed in as classifications). */
export type RelationshipReading =
  | 'domesticRelationship'
  | 'expectationOfTrust'
  | 'prohibitedDegrees'
  | 'parentalAuthority'
  | 'positionOfTrust'
  | 'withChildsCarer';

/** The classes of reporter roles in `rules/parameters/reporter-roles.json` (handed in as classifications). */
export type RoleClass = 'withoutDuties' | 'functionaryPossible' | 'adultByRole' | 'privilegeRole';

/**
 * A setting of the case, or a classification of one, that settles a fact, so a completion must
 * leave it as the case has it:
 * - `roleIn` / `roleNotIn`: the reporter's role is (is not) in a class of roles;
 * - `relationshipReads`: the relationship's reading in a table is one of `as`;
 * - `harmReads`: the harm's conduct reading settles the flag (it is not `unknown`);
 * - `given`: another input of the same subject (or of `on`) is one of `in`;
 * - `carerListed`: the case lists a carer of the victim;
 * - `carerHarmed`: the case has a concern by the same person about a carer of the victim.
 */
export type Pin =
  | { readonly roleIn: RoleClass }
  | { readonly roleNotIn: RoleClass }
  | { readonly relationshipReads: RelationshipReading; readonly as: readonly Classified[] }
  | { readonly harmReads: ConductFlag }
  | { readonly given: string; readonly in: readonly (string | boolean)[]; readonly on?: FactSubject }
  | { readonly carerListed: true }
  | { readonly carerHarmed: true };

/** One input a completion sets where the case leaves it out. */
export interface Fill {
  /** The input field, on the fact's subject (or on `on`). */
  readonly input: string;
  readonly on?: FactSubject;
  /**
   * The values it may take: listed; `dateOfBirth`, an exact date of birth within what the case
   * says of the age (any age up to 95 where it says nothing; the person is added where the concern
   * names none); `dateBeforeKnowledge`, a day on or before the knowledge date.
   */
  readonly values: readonly (string | boolean)[] | 'dateOfBirth' | 'dateBeforeKnowledge';
  /** Where any of these holds, the case has settled the fact: the input is left out. */
  readonly unless?: readonly Pin[];
  /** Where this holds, the completed person stays an adult (a role only adults hold). */
  readonly adultIf?: Pin;
}

/**
 * How a property test completes a fact the case leaves unknown:
 * - `fill`: it sets these inputs (in declaration order, after the facts declared before it); where
 *   `openWhen` holds, what the case says leaves the fact open even so;
 * - `facts`: the fact follows from the inputs of these facts, completed by their own entries;
 * - `required`: the input schema requires it, so it is never unknown;
 * - `open`: no input settles it (`why` says why): it may stay open in a completed case.
 */
export type Completion =
  | { readonly by: 'fill'; readonly fills: readonly Fill[]; readonly openWhen?: Pin }
  | { readonly by: 'facts'; readonly facts: readonly string[] }
  | { readonly by: 'required' }
  | { readonly by: 'open'; readonly why: string };

interface FactCommon {
  /** The fact in a few plain words, for people (`age at the time`). */
  readonly label: string;
  readonly subject: FactSubject;
  readonly description: string;
  /**
   * A question a case worker can ask; `{victim}`, `{perpetrator}` are replaced by ids, and
   * `{child}`, `{olderWoman}`, `{olderMan}`, `{consentBand}`, `{oldestChildAge}` by the ages in
   * force (see {@link TextAges}).
   */
  readonly question: string;
  /** Input fields (relative to the subject) that answer it. */
  readonly inputs: readonly string[];
  /** Ranks equal-count questions: lower asks first. */
  readonly priority: number;
  /** The question to ask instead when the person's age is already given (only the date is missing). */
  readonly questionWhenAgeGiven?: string;
}

/** Catalogue entry of one fact: its words, its inputs, the kind of its value and its completion. */
export type FactDefinition = FactCommon &
  (
    | { readonly kind: 'boolean' }
    /** Whole years from 0, or a range of them. */
    | { readonly kind: 'age' }
    | { readonly kind: 'enum'; readonly values: readonly string[] }
  );

export const FACTS = {
  reporterRole: {
    label: 'your role',
    kind: 'enum',
    values: REPORTER_ROLES,
    subject: 'reporter',
    description: 'The role in which the reporter acts.',
    question: 'In what role do you know this (e.g. teacher, nurse, social worker, police official, member of the public)?',
    inputs: ['role'],
    priority: 1,
  },
  reporterListedInS110: {
    label: 'listed in s110(1)',
    kind: 'boolean',
    subject: 'reporter',
    description: "The reporter's role is listed in Children's Act s110(1).",
    question: "In what role do you know this (is it one listed in Children's Act s110(1))?",
    inputs: ['role'],
    priority: 1,
  },
  reporterIsPoliceOfficial: {
    label: 'police official',
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter is a police official.',
    question: 'Are you a police official?',
    inputs: ['role'],
    priority: 1,
  },
  reporterIsFunctionary: {
    label: 'DVA functionary',
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter is a "functionary" under the Domestic Violence Act (s1 definition, unverified; or designated under s2A(1)).',
    question:
      'Are you a "functionary" under the Domestic Violence Act (your employer or professional body can tell you; the s1 definition is not verified here)?',
    inputs: ['dvaFunctionary', 'role'],
    priority: 6,
  },
  reporterAge: {
    label: 'your age',
    kind: 'age',
    subject: 'reporter',
    description: "The reporter's age in whole years on the knowledge date.",
    question: 'How old are you (are you {child} or older)?',
    inputs: ['dateOfBirth', 'ageYears', 'ageRange'],
    priority: 3,
  },
  inCourseOfDuties: {
    label: 'learned it at work',
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter learned it while working in their role.',
    question: 'Did you learn this while doing your work (in the course of your duties)?',
    inputs: ['inCourseOfDuties'],
    priority: 2,
  },
  basis: {
    label: 'basis',
    kind: 'enum',
    values: BASES,
    subject: 'concern',
    description: 'How the reporter came to the concern: knowledge, reasonable belief, reasonable suspicion or rumour.',
    question: 'What is this concern based on: do you know it, believe or suspect it on reasonable grounds, or is it only a rumour?',
    inputs: ['basis'],
    priority: 1,
  },
  harm: {
    label: 'harm',
    kind: 'enum',
    values: HARMS,
    subject: 'concern',
    description: 'The kind of harm.',
    question: 'What kind of harm is it?',
    inputs: ['harm'],
    priority: 1,
  },
  relationship: {
    label: 'relationship',
    kind: 'enum',
    values: RELATIONSHIPS,
    subject: 'concern',
    description: 'Relationship of the alleged perpetrator to the victim.',
    question: 'How is {perpetrator} related to {victim}?',
    inputs: ['relationship'],
    priority: 2,
  },
  victimAgeAtKnowledge: {
    label: 'age when you came to know',
    kind: 'age',
    subject: 'victim',
    description: "The victim's age in whole years on the knowledge date.",
    question: "What is {victim}'s date of birth (or age)?",
    inputs: ['dateOfBirth', 'ageYears', 'ageRange'],
    priority: 1,
  },
  victimAgeAtIncident: {
    label: 'age at the time',
    kind: 'age',
    subject: 'victim',
    description: "The victim's age in whole years on the date of the incident.",
    question: "When did it happen, and what is {victim}'s date of birth (or age)?",
    questionWhenAgeGiven:
      'When did it happen (give the date, especially if it was more than a year ago or when {victim} was under {child})?',
    inputs: ['dateOfBirth', 'ageYears', 'ageRange', 'incidentDate'],
    priority: 2,
  },
  victimSex: {
    label: 'sex',
    kind: 'enum',
    values: SEXES,
    subject: 'victim',
    description: "The victim's sex (the older-person thresholds are {olderWoman} for women and {olderMan} for men).",
    question: 'Is {victim} a woman or a man (the older-person age is {olderWoman} for women, {olderMan} for men)?',
    inputs: ['sex'],
    priority: 4,
  },
  victimHasDisability: {
    label: 'has a disability',
    kind: 'boolean',
    subject: 'victim',
    description: 'The victim is a person with a disability (any kind; the DVA definition is unverified).',
    question: 'Does {victim} have a disability of any kind?',
    inputs: ['disability'],
    priority: 3,
  },
  victimMentalDisability: {
    label: 'mental disability affecting consent',
    kind: 'boolean',
    subject: 'victim',
    description: 'Sexual Offences Act: the victim had a mental disability that affected their capacity to consent to the act at the time.',
    question:
      'At the time, did {victim} have a mental disability that left them unable to understand, decide on, resist or communicate unwillingness about the sexual act?',
    inputs: ['mentalDisabilityAffectingConsent'],
    priority: 3,
  },
  perpetratorAgeAtIncident: {
    label: "other person's age at the time",
    kind: 'age',
    subject: 'perpetrator',
    description: "The alleged perpetrator's age in whole years on the date of the act.",
    question: "What is {perpetrator}'s date of birth (or age) — was the other person {consentBand} or {oldestChildAge}, or an adult?",
    questionWhenAgeGiven: 'When did it happen (how old was {perpetrator} at the time)?',
    inputs: ['dateOfBirth', 'ageYears', 'ageRange', 'incidentDate'],
    priority: 2,
  },
  ageGapWithinTwoYears: {
    label: 'born within two years of each other',
    kind: 'boolean',
    subject: 'perpetrator',
    description: 'The two people were born not more than two years apart (Sexual Offences Act s15/s16).',
    question: 'What are the exact dates of birth of {victim} and {perpetrator} (is the age difference more than two years)?',
    inputs: ['dateOfBirth'],
    priority: 3,
  },
  consensual: {
    label: 'consented',
    kind: 'boolean',
    subject: 'concern',
    description:
      'The victim factually consented to the sexual act (matters only for adolescents: from {consentFloor} to under {consentBand}, and from {consentBand} to under {child}).',
    question: 'Did {victim} factually consent to the sexual act (with no force, threat, or abuse of power)?',
    inputs: ['consensual'],
    priority: 2,
  },
  physicalInjury: {
    label: 'physical injury',
    kind: 'boolean',
    subject: 'concern',
    description: 'The abuse caused a physical injury.',
    question: 'Did the abuse cause {victim} any physical injury?',
    inputs: ['physicalInjury'],
    priority: 2,
  },
  deliberateNeglect: {
    label: 'deliberate',
    kind: 'boolean',
    subject: 'concern',
    description: 'The neglect was deliberate, or an unreasonable withholding of what the person needs (not only a lack of means).',
    question: 'Was the neglect of {victim} deliberate, or an unreasonable withholding of food, care or money — not only a lack of means?',
    inputs: ['deliberate'],
    priority: 2,
  },
  domesticRelationship: {
    label: 'domestic relationship',
    kind: 'boolean',
    subject: 'concern',
    description:
      'Victim and alleged perpetrator are or were in a domestic relationship (family, partner, dating, parent of a child together, or sharing a home in a close relationship).',
    question:
      'How is {perpetrator} related to {victim}: family, partner or ex-partner, dating, or someone who shares or shared their home?',
    inputs: ['relationship', 'domesticRelationship', 'sharesResidence'],
    priority: 2,
  },
  expectationOfTrust: {
    label: 'relationship of trust',
    kind: 'boolean',
    subject: 'concern',
    description: 'The relationship is one where there is an expectation of trust (Older Persons Act s30(2)).',
    question: 'Is {perpetrator} someone {victim} is expected to be able to trust (family, carer, partner, someone in a position of trust)?',
    inputs: ['relationship', 'expectationOfTrust'],
    priority: 3,
  },
  knowledgeContinues: {
    label: 'you still know',
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter still knows, believes or suspects it (the knowledge continued past a commencement date).',
    question:
      'Do you still know, believe or suspect this? What you knew may bring a duty on a later day (a provision that commenced, an age reached); the library reads knowing as a continuing state, so a duty binds you from that day while you still know.',
    inputs: ['stillKnows'],
    priority: 7,
  },
  sexualContact: {
    label: 'a sexual act',
    kind: 'boolean',
    subject: 'concern',
    description: 'A sexual act with the victim: penetration, or sexual violation (sexual touching).',
    question: 'Was there a sexual act with {victim}: penetration, or sexual touching?',
    inputs: ['sexualContact'],
    priority: 2,
  },
  sexualNonContact: {
    label: 'grooming, sexual messages or pornography',
    kind: 'boolean',
    subject: 'concern',
    description:
      'Sexual conduct aimed at the victim without touching: grooming, sexual messages or proposals, showing pornography or genitals, exposing them to sexual acts.',
    question:
      'Did it involve grooming, sexual messages or proposals, showing {victim} pornography or genitals, or exposing {victim} to sexual acts?',
    inputs: ['sexualNonContact'],
    priority: 2,
  },
  sexualExploitation: {
    label: 'sexual exploitation',
    kind: 'boolean',
    subject: 'concern',
    description: 'The victim was used for sex in return for money, goods or favours to anyone.',
    question: 'Was {victim} used for sex in return for money, goods or favours (to anyone)?',
    inputs: ['sexualExploitation'],
    priority: 2,
  },
  imagery: {
    label: 'sexual images or recordings',
    kind: 'boolean',
    subject: 'concern',
    description: 'Sexual images or recordings of the victim were made, kept or shared.',
    question: 'Were sexual images or recordings of {victim} made, kept or shared?',
    inputs: ['imagery'],
    priority: 3,
  },
  prohibitedDegree: {
    label: 'a relative who may not marry them',
    kind: 'boolean',
    subject: 'concern',
    description:
      'Victim and alleged perpetrator may not marry each other on account of blood relationship, marriage or adoption (Sexual Offences Act s12 incest).',
    question:
      'Is {perpetrator} a relative {victim} may not marry: a parent or grandparent, brother or sister, aunt or uncle, step-parent, or adoptive parent?',
    inputs: ['relationship', 'prohibitedDegree'],
    priority: 2,
  },
  parentalAuthority: {
    label: 'parent, carer or household adult',
    kind: 'boolean',
    subject: 'concern',
    description: "The alleged perpetrator is the child's parent, step-parent or carer, or a member of the child's household.",
    question: "Is {perpetrator} a parent, step-parent or carer of {victim}, or someone who lives (or lived) in {victim}'s home?",
    inputs: ['relationship', 'sharesResidence'],
    priority: 2,
  },
  abuseOfTrustOrInducement: {
    label: 'authority, trust or inducement used',
    kind: 'boolean',
    subject: 'concern',
    description: 'The alleged perpetrator used authority, trust, gifts, money, pressure or exploitation.',
    question: 'Did {perpetrator} use authority or trust over {victim}, or gifts, money, pressure or exploitation?',
    inputs: ['abuseOfTrustOrInducement', 'relationship'],
    priority: 4,
  },
  concludesSexualAbuse: {
    label: 'you conclude it was sexual abuse',
    kind: 'boolean',
    subject: 'concern',
    description: "The reporter concludes on reasonable grounds that it was sexual abuse as the Children's Act defines it.",
    question:
      "Do you conclude on reasonable grounds that this was sexual abuse of {victim} as the Children's Act defines it (for example an adult using authority, trust, gifts or pressure to involve a child in sexual activity)?",
    inputs: ['concludesSexualAbuse'],
    priority: 5,
  },
  perpetratorInDomesticRelationshipWithCarer: {
    label: "in a domestic relationship with the child's carer",
    kind: 'boolean',
    subject: 'concern',
    description:
      'The alleged perpetrator is or was in a domestic relationship with the person who cares for the victim (partner or former partner, dating, family, sharing a home).',
    question:
      'How is {perpetrator} related to the person who cares for {victim}: their partner or former partner, someone they date, family, or someone who shares their home?',
    inputs: ['relationshipToCarer'],
    priority: 3,
  },
  perpetratorHarmedCarer: {
    label: 'also abused the carer',
    kind: 'boolean',
    subject: 'concern',
    description: 'The alleged perpetrator is also alleged to have abused the person who cares for the victim (a concern in the case).',
    question: 'Has {perpetrator} also abused the person who cares for {victim} (if so, you may add that as a concern too)?',
    inputs: ['carerAlsoAbused'],
    priority: 6,
  },
  reasonToSuspect: {
    label: 'reason to suspect',
    kind: 'boolean',
    subject: 'concern',
    description: 'Objectively, what the reporter heard gives a reasonable person reason to suspect it.',
    question:
      'Taken together, does what you heard give a reasonable person reason to suspect it (for example the same account from several people)?',
    inputs: ['reasonToSuspect', 'basis'],
    priority: 3,
  },
  lawInForce: {
    label: 'the provision was in force',
    kind: 'boolean',
    subject: 'law',
    description: 'The provision was in force on the date you came to know (its commencement is not verified).',
    question: 'Was this provision in force when you came to know (its commencement is not verified here: check the Government Gazette)?',
    inputs: [],
    priority: 8,
  },
  receivedAsReport: {
    label: 'received as a report',
    kind: 'boolean',
    subject: 'concern',
    description: 'The reporter received this as a report from someone else.',
    question: 'Was this reported to you by someone else (a report made to you as a police official)?',
    inputs: ['receivedAsReport'],
    priority: 5,
  },
  privilegedCommunication: {
    label: 'privileged legal communication',
    kind: 'boolean',
    subject: 'concern',
    description: 'Learned in confidence as a legal practitioner for legal advice or litigation.',
    question: 'Did you learn this in confidence as a legal practitioner, for legal advice or litigation?',
    inputs: ['privilegedCommunication'],
    priority: 5,
  },
} as const satisfies Record<string, FactDefinition>;

/** The name of a derived fact. */
export type FactName = keyof typeof FACTS;

/** Every derived fact name. */
export const FACT_NAMES = Object.keys(FACTS) as FactName[];

/**
 * The age parameters a fact's text may name (`rules/parameters/ages.json`), as in force on the
 * assessment date. The rules layer hands them in; this folder knows no Act.
 */
export interface TextAges {
  readonly child: number;
  readonly olderWoman: number;
  readonly olderMan: number;
  readonly consentFloor: number;
  readonly consentBand: number;
}

/** What a fact's text fills in: the ids of the people it is about, and the ages in force. */
export interface TextValues {
  readonly victim: string;
  readonly perpetrator: string;
  readonly ages: TextAges;
}

/**
 * A fact's text with its `{name}` placeholders filled: `{victim}` and `{perpetrator}` by ids, an age
 * parameter by its value, `{oldestChildAge}` by the last age of a child (one under `{child}`). A
 * placeholder it does not know is left as written.
 */
export function fillFactText(text: string, values: TextValues): string {
  const { ages } = values;
  const words: Readonly<Record<string, string | number>> = {
    victim: values.victim,
    perpetrator: values.perpetrator,
    ...ages,
    oldestChildAge: ages.child - 1,
  };
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => String(words[name] ?? whole));
}

/** The value a fact takes, by the kind its declaration gives. */
export type FactValueOf<F extends FactName> = (typeof FACTS)[F] extends { readonly kind: 'boolean' }
  ? boolean
  : (typeof FACTS)[F] extends { readonly kind: 'age' }
    ? number | AgeInterval
    : (typeof FACTS)[F] extends { readonly kind: 'enum'; readonly values: readonly (infer V)[] }
      ? V
      : never;

/** A value, or `undefined` for unknown, for every fact: what derivation gives one concern. */
export type FactValues = { readonly [F in FactName]: FactValueOf<F> | undefined };

/** The facts about one subject (`reporter`: shared by every concern). */
export type FactsAbout<S extends FactSubject> = { [F in FactName]: (typeof FACTS)[F]['subject'] extends S ? F : never }[FactName];

/**
 * A copy of a concern's facts, every fact written out in one object literal (in the order
 * derivation writes them): every copy has one shape, so the rule program reads each fact from any copy with
 * one fast property load (spread copies with keys set after them gave up to nine shapes, and the
 * reads went megamorphic). A fact the original lacks is unknown in the copy, as in the original.
 *
 * @example
 * ```ts
 * const f = copyFacts({ harm: 'neglect' });
 * f.harm; //=> 'neglect'
 * f.basis; //=> undefined
 * ```
 */
export function copyFacts(f: Facts): Record<string, FactValue> {
  return {
    reporterRole: f.reporterRole,
    reporterListedInS110: f.reporterListedInS110,
    reporterIsPoliceOfficial: f.reporterIsPoliceOfficial,
    reporterIsFunctionary: f.reporterIsFunctionary,
    reporterAge: f.reporterAge,
    inCourseOfDuties: f.inCourseOfDuties,
    knowledgeContinues: f.knowledgeContinues,
    basis: f.basis,
    harm: f.harm,
    relationship: f.relationship,
    victimAgeAtKnowledge: f.victimAgeAtKnowledge,
    victimAgeAtIncident: f.victimAgeAtIncident,
    victimSex: f.victimSex,
    victimHasDisability: f.victimHasDisability,
    victimMentalDisability: f.victimMentalDisability,
    perpetratorAgeAtIncident: f.perpetratorAgeAtIncident,
    ageGapWithinTwoYears: f.ageGapWithinTwoYears,
    consensual: f.consensual,
    physicalInjury: f.physicalInjury,
    deliberateNeglect: f.deliberateNeglect,
    sexualContact: f.sexualContact,
    sexualNonContact: f.sexualNonContact,
    sexualExploitation: f.sexualExploitation,
    imagery: f.imagery,
    domesticRelationship: f.domesticRelationship,
    expectationOfTrust: f.expectationOfTrust,
    prohibitedDegree: f.prohibitedDegree,
    parentalAuthority: f.parentalAuthority,
    abuseOfTrustOrInducement: f.abuseOfTrustOrInducement,
    concludesSexualAbuse: f.concludesSexualAbuse,
    perpetratorInDomesticRelationshipWithCarer: f.perpetratorInDomesticRelationshipWithCarer,
    perpetratorHarmedCarer: f.perpetratorHarmedCarer,
    reasonToSuspect: f.reasonToSuspect,
    lawInForce: f.lawInForce,
    receivedAsReport: f.receivedAsReport,
    privilegedCommunication: f.privilegedCommunication,
  } satisfies Record<FactName, FactValue>;
}
