import { ageAt, birthWindow, bornWithinYears, type BirthWindow } from './ages.js';
import type { AgeInterval, FactValue } from './facts.js';
import type { Concern, Person, ValidatedCase } from './schema.js';
import { ADULT_ROLE_SET, FUNCTIONARY_POSSIBLE_SET, relationships, S110_ROLE_SET } from '../rules/parameters.js';

/** The dates an assessment works with, all resolved. */
export interface CaseDates {
  readonly assessmentDate: string;
  readonly knowledgeDate: string;
}

/** One (person at risk × concern) with its derived facts. */
export interface ConcernFacts {
  readonly concern: Concern;
  readonly victim: Person;
  readonly perpetrator: Person | undefined;
  readonly facts: Record<string, FactValue>;
}

/** The derived view of a case: facts per concern, grouped by person at risk (in input order). */
export interface DerivedCase {
  readonly dates: CaseDates;
  readonly byPerson: ReadonlyMap<string, readonly ConcernFacts[]>;
  /** Reporter facts, shared by every concern. */
  readonly reporterFacts: Readonly<Record<string, FactValue>>;
  /** Per person, the birth window (for guidance facts). */
  readonly ageAtKnowledge: ReadonlyMap<string, number | AgeInterval | undefined>;
}

function tri(v: 'yes' | 'no' | 'unknown'): boolean | undefined {
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

function domesticRelationshipOf(k: Concern): boolean | undefined {
  if (k.domesticRelationship !== undefined) return k.domesticRelationship;
  // Sharing a home alone does not settle it: a stranger or a neighbour who shares a home is not read as one.
  if (k.relationship === undefined) return undefined;
  const m = relationships.domesticRelationship.values[k.relationship];
  if (m === 'residence') return k.sharesResidence;
  return m === 'yes';
}

function expectationOfTrustOf(k: Concern): boolean | undefined {
  if (k.expectationOfTrust !== undefined) return k.expectationOfTrust;
  if (k.relationship === undefined) return undefined;
  return tri(relationships.expectationOfTrust.values[k.relationship]);
}

function functionaryOf(c: ValidatedCase): boolean | undefined {
  const r = c.reporter;
  if (r.dvaFunctionary !== undefined) return r.dvaFunctionary;
  if (r.role === undefined) return undefined;
  // The s1 definition is unverified: roles the digest believes may be functionaries stay unknown;
  // others are read as not functionaries, so the s2B duty (which carries an offence) applies.
  return FUNCTIONARY_POSSIBLE_SET.has(r.role) ? undefined : false;
}

/**
 * Derives the facts the rules read, for every (person at risk × concern). Knows nothing of rules.
 * Unknown stays unknown: an omitted field yields an `undefined` fact, never a default.
 */
export function deriveCase(c: ValidatedCase, dates: CaseDates): DerivedCase {
  const { assessmentDate, knowledgeDate } = dates;
  const people = new Map(c.people.map((p) => [p.id, p] as const));
  const windows = new Map<string, BirthWindow | undefined>(c.people.map((p) => [p.id, birthWindow(p, assessmentDate)] as const));
  const reporterWindow = birthWindow(c.reporter, assessmentDate);
  const role = c.reporter.role;

  const reporterFacts: Record<string, FactValue> = {
    reporterRole: role,
    reporterListedInS110: role === undefined ? undefined : S110_ROLE_SET.has(role),
    reporterIsPoliceOfficial: role === undefined ? undefined : role === 'police_official',
    reporterIsFunctionary: functionaryOf(c),
    // A role only adults can hold settles that the reporter is an adult when no age is given.
    reporterAge: reporterWindow === undefined && role !== undefined && ADULT_ROLE_SET.has(role) ? { min: 18, max: 130 } : ageAt(reporterWindow, knowledgeDate, knowledgeDate),
    inCourseOfDuties: c.reporter.inCourseOfDuties,
  };

  const ageAtKnowledge = new Map<string, number | AgeInterval | undefined>();
  for (const p of c.people) ageAtKnowledge.set(p.id, ageAt(windows.get(p.id), knowledgeDate, knowledgeDate));

  const byPerson = new Map<string, ConcernFacts[]>();
  for (const k of c.concerns) {
    const victim = people.get(k.victim) as Person; // ids checked by the schema
    const perpetrator = k.allegedBy === undefined ? undefined : people.get(k.allegedBy);
    const vw = windows.get(victim.id);
    const pw = perpetrator ? windows.get(perpetrator.id) : undefined;
    const facts: Record<string, FactValue> = Object.assign({}, reporterFacts, {
      basis: k.basis,
      harm: k.harm,
      relationship: k.relationship,
      victimAgeAtKnowledge: ageAtKnowledge.get(victim.id),
      victimAgeAtIncident: ageAt(vw, k.incidentDate, knowledgeDate),
      victimSex: victim.sex,
      victimHasDisability: victim.disability === undefined ? undefined : victim.disability !== 'none',
      // A person recorded as having no disability has no mental disability affecting consent.
      victimMentalDisability: victim.mentalDisabilityAffectingConsent ?? (victim.disability === 'none' ? false : undefined),
      perpetratorAgeAtIncident: perpetrator ? ageAt(pw, k.incidentDate, knowledgeDate) : undefined,
      ageGapWithinTwoYears: perpetrator ? bornWithinYears(vw, pw, 2) : undefined,
      consensual: k.consensual ?? undefined,
      physicalInjury: k.physicalInjury,
      deliberateNeglect: k.deliberate,
      domesticRelationship: domesticRelationshipOf(k),
      expectationOfTrust: expectationOfTrustOf(k),
      receivedAsReport: k.receivedAsReport,
      // Privilege is a legal practitioner's: for any other known role it cannot arise.
      privilegedCommunication:
        k.privilegedCommunication ?? (role === undefined || role === 'legal_practitioner' ? undefined : false),
    });
    const list = byPerson.get(victim.id) ?? [];
    list.push({ concern: k, victim, perpetrator, facts });
    byPerson.set(victim.id, list);
  }
  return { dates, byPerson, reporterFacts, ageAtKnowledge };
}
