import type { Completion, FactName } from './facts.js';
import { BASES, DISABILITIES, RELATIONSHIPS, REPORTER_ROLES, SEXES } from './vocabulary.js';

/*
 * How a property test completes each derived fact where a case leaves it unknown: part of each
 * fact's declaration (src/case/facts.ts), kept in its own module so that an app bundles none of it
 * (it is read by the tests only). The type makes it complete: a fact declared without a completion
 * here does not compile.
 */

/** The values a completion gives a yes/no input. */
const YES_NO: readonly boolean[] = [true, false];

/** An age at the act (the victim's or the other person's): a dated act before the knowledge date, and a date of birth. */
const AGE_AT_ACT_COMPLETION: Completion = {
  by: 'fill',
  // An ongoing act goes on from a start no input gives: the age at its earlier acts stays open.
  openWhen: { given: 'incidentDate', in: ['ongoing'], on: 'concern' },
  fills: [
    { input: 'incidentDate', on: 'concern', values: 'dateBeforeKnowledge' },
    { input: 'dateOfBirth', values: 'dateOfBirth' },
  ],
};

/**
 * Per derived fact, how a property test completes it (see {@link Completion}).
 *
 * @example
 * ```ts
 * FACT_COMPLETIONS.reporterRole.by; //=> 'fill'
 * ```
 */
export const FACT_COMPLETIONS: { readonly [F in FactName]: Completion } = {
  reporterRole: { by: 'fill', fills: [{ input: 'role', values: REPORTER_ROLES }] },
  reporterListedInS110: { by: 'facts', facts: ['reporterRole'] },
  reporterIsPoliceOfficial: { by: 'facts', facts: ['reporterRole'] },
  reporterIsFunctionary: {
    by: 'fill',
    fills: [{ input: 'dvaFunctionary', values: YES_NO, unless: [{ roleNotIn: 'functionaryPossible' }] }],
  },
  reporterAge: { by: 'fill', fills: [{ input: 'dateOfBirth', values: 'dateOfBirth', adultIf: { roleIn: 'adultByRole' } }] },
  inCourseOfDuties: { by: 'fill', fills: [{ input: 'inCourseOfDuties', values: YES_NO, unless: [{ roleIn: 'withoutDuties' }] }] },
  basis: { by: 'fill', fills: [{ input: 'basis', values: BASES }] },
  harm: { by: 'required' },
  relationship: { by: 'fill', fills: [{ input: 'relationship', values: RELATIONSHIPS }] },
  victimAgeAtKnowledge: { by: 'fill', fills: [{ input: 'dateOfBirth', values: 'dateOfBirth' }] },
  victimAgeAtIncident: AGE_AT_ACT_COMPLETION,
  victimSex: { by: 'fill', fills: [{ input: 'sex', values: SEXES }] },
  victimHasDisability: { by: 'fill', fills: [{ input: 'disability', values: DISABILITIES }] },
  victimMentalDisability: {
    by: 'fill',
    fills: [{ input: 'mentalDisabilityAffectingConsent', values: YES_NO, unless: [{ given: 'disability', in: ['none'] }] }],
  },
  perpetratorAgeAtIncident: AGE_AT_ACT_COMPLETION,
  ageGapWithinTwoYears: { by: 'facts', facts: ['victimAgeAtKnowledge', 'perpetratorAgeAtIncident'] },
  consensual: { by: 'fill', fills: [{ input: 'consensual', values: YES_NO }] },
  physicalInjury: { by: 'fill', fills: [{ input: 'physicalInjury', values: YES_NO, unless: [{ harmReads: 'physicalInjury' }] }] },
  deliberateNeglect: { by: 'fill', fills: [{ input: 'deliberate', values: YES_NO }] },
  domesticRelationship: { by: 'fill', fills: [{ input: 'sharesResidence', values: YES_NO }] },
  expectationOfTrust: {
    by: 'fill',
    fills: [{ input: 'expectationOfTrust', values: YES_NO, unless: [{ relationshipReads: 'expectationOfTrust', as: ['yes', 'no'] }] }],
  },
  knowledgeContinues: { by: 'fill', fills: [{ input: 'stillKnows', values: YES_NO }] },
  sexualContact: { by: 'fill', fills: [{ input: 'sexualContact', values: YES_NO, unless: [{ harmReads: 'sexualContact' }] }] },
  sexualNonContact: { by: 'fill', fills: [{ input: 'sexualNonContact', values: YES_NO, unless: [{ harmReads: 'sexualNonContact' }] }] },
  sexualExploitation: {
    by: 'fill',
    fills: [{ input: 'sexualExploitation', values: YES_NO, unless: [{ harmReads: 'sexualExploitation' }] }],
  },
  imagery: { by: 'fill', fills: [{ input: 'imagery', values: YES_NO, unless: [{ harmReads: 'imagery' }] }] },
  prohibitedDegree: {
    by: 'fill',
    fills: [{ input: 'prohibitedDegree', values: YES_NO, unless: [{ relationshipReads: 'prohibitedDegrees', as: ['yes', 'no'] }] }],
  },
  parentalAuthority: { by: 'facts', facts: ['relationship', 'domesticRelationship'] },
  abuseOfTrustOrInducement: {
    by: 'fill',
    fills: [
      {
        input: 'abuseOfTrustOrInducement',
        values: YES_NO,
        unless: [
          { relationshipReads: 'positionOfTrust', as: ['yes'] },
          { given: 'sexualExploitation', in: [true] },
        ],
      },
    ],
  },
  concludesSexualAbuse: { by: 'fill', fills: [{ input: 'concludesSexualAbuse', values: YES_NO }] },
  perpetratorInDomesticRelationshipWithCarer: {
    by: 'fill',
    fills: [
      {
        input: 'relationshipToCarer',
        values: RELATIONSHIPS,
        unless: [{ relationshipReads: 'withChildsCarer', as: ['yes', 'no'] }, { carerHarmed: true }],
      },
    ],
  },
  perpetratorHarmedCarer: { by: 'fill', fills: [{ input: 'carerAlsoAbused', values: YES_NO, unless: [{ carerListed: true }] }] },
  reasonToSuspect: {
    by: 'fill',
    fills: [
      {
        input: 'reasonToSuspect',
        values: YES_NO,
        unless: [{ given: 'basis', in: ['knowledge', 'reasonable_belief', 'reasonable_suspicion'] }],
      },
    ],
  },
  lawInForce: { by: 'open', why: 'its commencement is not verified: no input says whether it was in force' },
  receivedAsReport: { by: 'fill', fills: [{ input: 'receivedAsReport', values: YES_NO }] },
  privilegedCommunication: {
    by: 'fill',
    fills: [{ input: 'privilegedCommunication', values: YES_NO, unless: [{ roleNotIn: 'privilegeRole' }] }],
  },
};
