/**
 * The derived-facts schema: every fact a rule or guidance item may name, with its kind, whom it is
 * about, the question that settles it, and the input fields that answer that question.
 * Derivation (`derive.ts`) produces exactly these; the rule-file tests check every fact a rule
 * names is listed here.
 */

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
export type FactSubject = 'reporter' | 'victim' | 'perpetrator' | 'concern';

/** Catalogue entry of one fact. */
export interface FactDefinition {
  readonly kind: 'boolean' | 'age' | 'enum' | 'date' | 'list';
  readonly subject: FactSubject;
  readonly description: string;
  /** A question a case worker can ask; `{victim}`, `{perpetrator}` are replaced by ids. */
  readonly question: string;
  /** Input fields (relative to the subject) that answer it. */
  readonly inputs: readonly string[];
  /** Ranks equal-count questions: lower asks first. */
  readonly priority: number;
}

export const FACTS = {
  reporterRole: {
    kind: 'enum',
    subject: 'reporter',
    description: 'The role in which the reporter acts.',
    question: 'In what role do you know this (e.g. teacher, nurse, social worker, police official, member of the public)?',
    inputs: ['role'],
    priority: 1,
  },
  reporterListedInS110: {
    kind: 'boolean',
    subject: 'reporter',
    description: "The reporter's role is listed in Children's Act s110(1).",
    question: 'In what role do you know this (is it one listed in Children\'s Act s110(1))?',
    inputs: ['role'],
    priority: 1,
  },
  reporterIsPoliceOfficial: {
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter is a police official.',
    question: 'Are you a police official?',
    inputs: ['role'],
    priority: 1,
  },
  reporterIsFunctionary: {
    kind: 'boolean',
    subject: 'reporter',
    description:
      'The reporter is a "functionary" under the Domestic Violence Act (s1 definition, unverified; or designated under s2A(1)).',
    question:
      'Are you a "functionary" under the Domestic Violence Act (your employer or professional body can tell you; the s1 definition is not verified here)?',
    inputs: ['dvaFunctionary', 'role'],
    priority: 6,
  },
  reporterAge: {
    kind: 'age',
    subject: 'reporter',
    description: "The reporter's age in whole years on the knowledge date.",
    question: 'How old are you (are you 18 or older)?',
    inputs: ['dateOfBirth', 'ageYears', 'ageRange'],
    priority: 3,
  },
  inCourseOfDuties: {
    kind: 'boolean',
    subject: 'reporter',
    description: 'The reporter learned it while working in their role.',
    question: 'Did you learn this while doing your work (in the course of your duties)?',
    inputs: ['inCourseOfDuties'],
    priority: 2,
  },
  basis: {
    kind: 'enum',
    subject: 'concern',
    description: 'How the reporter came to the concern: knowledge, reasonable belief, reasonable suspicion or rumour.',
    question: 'What is this concern based on: do you know it, believe or suspect it on reasonable grounds, or is it only a rumour?',
    inputs: ['basis'],
    priority: 1,
  },
  harm: {
    kind: 'enum',
    subject: 'concern',
    description: 'The kind of harm.',
    question: 'What kind of harm is it?',
    inputs: ['harm'],
    priority: 1,
  },
  relationship: {
    kind: 'enum',
    subject: 'concern',
    description: 'Relationship of the alleged perpetrator to the victim.',
    question: 'How is {perpetrator} related to {victim}?',
    inputs: ['relationship'],
    priority: 2,
  },
  victimAgeAtKnowledge: {
    kind: 'age',
    subject: 'victim',
    description: "The victim's age in whole years on the knowledge date.",
    question: "What is {victim}'s date of birth (or age)?",
    inputs: ['dateOfBirth', 'ageYears', 'ageRange'],
    priority: 1,
  },
  victimAgeAtIncident: {
    kind: 'age',
    subject: 'victim',
    description: "The victim's age in whole years on the date of the incident.",
    question: "When did it happen, and what is {victim}'s date of birth (or age)?",
    inputs: ['dateOfBirth', 'ageYears', 'ageRange', 'incidentDate'],
    priority: 2,
  },
  victimSex: {
    kind: 'enum',
    subject: 'victim',
    description: "The victim's sex (the older-person thresholds are 60 for women and 65 for men).",
    question: 'Is {victim} a woman or a man (the older-person age is 60 for women, 65 for men)?',
    inputs: ['sex'],
    priority: 4,
  },
  victimHasDisability: {
    kind: 'boolean',
    subject: 'victim',
    description: 'The victim is a person with a disability (any kind; the DVA definition is unverified).',
    question: 'Does {victim} have a disability of any kind?',
    inputs: ['disability'],
    priority: 3,
  },
  victimMentalDisability: {
    kind: 'boolean',
    subject: 'victim',
    description:
      'Sexual Offences Act: the victim had a mental disability that affected their capacity to consent to the act at the time.',
    question:
      'At the time, did {victim} have a mental disability that left them unable to understand, decide on, resist or communicate unwillingness about the sexual act?',
    inputs: ['mentalDisabilityAffectingConsent'],
    priority: 3,
  },
  perpetratorAgeAtIncident: {
    kind: 'age',
    subject: 'perpetrator',
    description: "The alleged perpetrator's age in whole years on the date of the act.",
    question: "What is {perpetrator}'s date of birth (or age) — was the other person 16 or 17, or an adult?",
    inputs: ['dateOfBirth', 'ageYears', 'ageRange'],
    priority: 2,
  },
  ageGapWithinTwoYears: {
    kind: 'boolean',
    subject: 'perpetrator',
    description: 'The two people were born not more than two years apart (Sexual Offences Act s15/s16).',
    question: 'What are the exact dates of birth of {victim} and {perpetrator} (is the age difference more than two years)?',
    inputs: ['dateOfBirth'],
    priority: 3,
  },
  consensual: {
    kind: 'boolean',
    subject: 'concern',
    description: 'The victim factually consented to the sexual act (matters only for adolescents aged 12 to 15 and 16 to 17).',
    question: 'Did {victim} factually consent to the sexual act (with no force, threat, or abuse of power)?',
    inputs: ['consensual'],
    priority: 2,
  },
  physicalInjury: {
    kind: 'boolean',
    subject: 'concern',
    description: 'The abuse caused a physical injury.',
    question: 'Did the abuse cause {victim} any physical injury?',
    inputs: ['physicalInjury'],
    priority: 2,
  },
  deliberateNeglect: {
    kind: 'boolean',
    subject: 'concern',
    description: 'The neglect was deliberate.',
    question: 'Was the neglect of {victim} deliberate?',
    inputs: ['deliberate'],
    priority: 2,
  },
  domesticRelationship: {
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
    kind: 'boolean',
    subject: 'concern',
    description: 'The relationship is one where there is an expectation of trust (Older Persons Act s30(2)).',
    question: 'Is {perpetrator} someone {victim} is expected to be able to trust (family, carer, partner, someone in a position of trust)?',
    inputs: ['relationship', 'expectationOfTrust'],
    priority: 3,
  },
  receivedAsReport: {
    kind: 'boolean',
    subject: 'concern',
    description: 'The reporter received this as a report from someone else.',
    question: 'Was this reported to you by someone else (a report made to you as a police official)?',
    inputs: ['receivedAsReport'],
    priority: 5,
  },
  privilegedCommunication: {
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
