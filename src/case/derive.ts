import { ageAt, ageOn, birthWindow, bornWithinYears, daysBetween, nthBirthday, type BirthWindow } from './ages.js';
import {
  copyFacts,
  type AgeInterval,
  type Classified,
  type ConductFlag,
  type FactName,
  type FactsAbout,
  type FactValue,
  type FactValueOf,
  type FactValues,
  type RelationshipReading,
  type TextAges,
} from './facts.js';
import type { Concern, Person, ValidatedCase } from './schema.js';
import type { Harm, Relationship } from './vocabulary.js';

/** The dates an assessment works with, all resolved. */
export interface CaseDates {
  readonly assessmentDate: string;
  readonly knowledgeDate: string;
}

export type { Classified, ConductFlag } from './facts.js';

/** The reporter's facts, shared by every concern. */
export type ReporterFacts = { readonly [F in FactsAbout<'reporter'>]: FactValueOf<F> | undefined };

/**
 * The legal classifications derivation applies to the input. They are law, so they live in
 * `rules/parameters/` and are handed in by the rules layer; this folder knows no Act.
 */
export interface Classifications extends RelationshipReadings {
  readonly conduct: Readonly<Record<Harm, Readonly<Record<ConductFlag, Classified>>>>;
  readonly s110Listed: ReadonlySet<string>;
  readonly functionaryPossible: ReadonlySet<string>;
  readonly adultByRole: ReadonlySet<string>;
  /** Roles with no duties to learn things in the course of (a member of the public). */
  readonly withoutDuties: ReadonlySet<string>;
  readonly policeRole: string;
  readonly privilegeRole: string;
  readonly adultAge: number;
  readonly ageGapYears: number;
  readonly disabilitiesAffectingCapacity: ReadonlySet<string>;
  /** How recent a dated act is for an age given in years to be presumed the age then (rules/presumptions.json). */
  readonly recentActDays: number;
  /** The age parameters the facts' questions name, as in force on a date. */
  readonly textAges: (date: string) => TextAges;
  /**
   * Every age the rules may compare an age with (the age parameters, on every date): while the
   * knowledge continues, a duty is also looked at on each later day an age "now" reaches one.
   */
  readonly ageThresholds: readonly number[];
}

/** Each reading of a relationship (`rules/parameters/relationships.json`), as a table. */
type RelationshipReadings = { readonly [K in RelationshipReading]: Readonly<Record<Relationship, Classified>> };

/** A presumption used for one fact of one concern (or of the reporter). */
export interface PresumptionUse {
  readonly id: string;
  readonly fact: FactName;
  /** `reporter`, or the person the fact is about. */
  readonly about: string;
}

/** One (person at risk × concern) with its derived facts. */
export interface ConcernFacts {
  readonly concern: Concern;
  readonly victim: Person;
  readonly perpetrator: Person | undefined;
  /** The facts the rules read: with presumptions applied in the default mode. */
  readonly facts: Readonly<Record<string, FactValue>>;
  /** The same facts without any presumption (strict three-valued mode). */
  readonly strictFacts: Readonly<Record<string, FactValue>>;
  /** The presumptions behind `facts` (empty in strict mode or when none was needed). */
  readonly presumed: readonly PresumptionUse[];
  /** The act is ongoing (`incidentDate: "ongoing"`): it goes on at every date the reporter knows. */
  readonly ongoing: boolean;
  /**
   * The facts that depend on the date a duty is looked at, on another date than the knowledge date
   * (a provision that binds only later; an ongoing act on the assessment date): the ages "now", and
   * for an ongoing act the ages at the act. Laid over `facts` (or `strictFacts`, with `strict`).
   */
  readonly datedFacts: (date: string, strict: boolean) => Readonly<Record<string, FactValue>>;
  /** The same, as the duties read it, with the facts (`dated`) or the strict facts (`strictDated`). */
  readonly dated: DatedFacts;
  readonly strictDated: DatedFacts;
  /** The ages the questions about it name, as in force on the assessment date. */
  readonly textAges: TextAges;
}

/**
 * How a concern's facts move with the date a duty is looked at: `over(date)` gives the facts that
 * change (ages "now"; for an ongoing act, ages at the act). Where the knowledge continued, a duty
 * is looked at on later days too: an ongoing act on the assessment date (`ongoingUntil`, when later
 * than the knowledge date), and the days an age "now" reaches an age the rules compare (`ageDays`).
 */
export interface DatedFacts {
  readonly over: (date: string) => Readonly<Record<string, FactValue>>;
  readonly ongoingUntil: string | undefined;
  /**
   * The days after the knowledge date, up to the assessment date, on which the reporter's or the
   * person's age "now" reaches one of the rules' age thresholds (for an age known only within a
   * range, the first and the last day it may): ascending, each once; empty where the knowledge
   * was dispelled (`stillKnows: false`) or the two dates are one.
   */
  readonly ageDays: readonly string[];
}

/** The derived view of a case: facts per concern, grouped by person at risk (in input order). */
export interface DerivedCase {
  readonly dates: CaseDates;
  readonly byPerson: ReadonlyMap<string, readonly ConcernFacts[]>;
  /** Reporter facts, shared by every concern. */
  readonly reporterFacts: ReporterFacts;
  /** The reporter's date of birth, where given. */
  readonly reporterDateOfBirth: string | undefined;
  /** Per person, the age on the knowledge date. */
  readonly ageAtKnowledge: ReadonlyMap<string, number | AgeInterval | undefined>;
}

/** Derivation options. */
export interface DeriveOptions {
  /** Apply the ordinary presumptions (default mode); false is strict three-valued mode. */
  readonly presumptions: boolean;
}

/** A classification read as a fact: yes, no, or (for `residence`) whether the two share a home. */
function booleanOfClassified(v: Classified | undefined, residence?: boolean | undefined): boolean | undefined {
  return v === 'yes' ? true : v === 'no' ? false : v === 'residence' ? residence : undefined;
}

function byRelationship(
  table: Readonly<Record<Relationship, Classified>>,
  concern: Concern,
  override: boolean | undefined,
): boolean | undefined {
  if (override !== undefined) return override;
  if (concern.relationship === undefined) return undefined;
  // Sharing a home alone does not settle an unknown relationship: a lodger or neighbour is not one.
  return booleanOfClassified(table[concern.relationship], concern.sharesResidence);
}

/** The day one year before an ISO date (29 February goes to 28 February), as plain text arithmetic. */
function yearBefore(iso: string): string {
  const y = String(Number(iso.slice(0, 4)) - 1).padStart(4, '0');
  const md = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
  return `${y}-${md}`;
}

const NO_DAYS: readonly string[] = Object.freeze([]);

/**
 * The days after `after`, up to `until` inclusive, on which someone born within the window reaches
 * one of the ages (for each end of the window: the day it reaches it), ascending, each once.
 */
function thresholdDays(w: BirthWindow | undefined, ages: readonly number[], after: string, until: string): readonly string[] {
  if (w === undefined) return NO_DAYS;
  let out: string[] | undefined;
  const ends = w.earliest === w.latest ? [w.earliest] : [w.earliest, w.latest];
  for (const end of ends) {
    const from = ageOn(end, after);
    const to = ageOn(end, until);
    if (from === to) continue;
    for (const age of ages) {
      if (age <= from || age > to) continue;
      const day = nthBirthday(end, age);
      out ??= [];
      if (!out.includes(day)) out.push(day);
    }
  }
  return out === undefined ? NO_DAYS : out.sort();
}

/** Two ascending lists of days as one, each day once. */
function mergeDays(a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort();
}

/** Ages over the days from `from` to `to` inclusive: a number when the same throughout. */
function ageOver(w: BirthWindow | undefined, from: string, to: string): number | AgeInterval | undefined {
  if (!w) return undefined;
  const min = Math.max(0, ageOn(w.latest, from));
  const max = Math.max(0, ageOn(w.earliest, to));
  return min === max ? min : { min, max };
}

function isAdult(age: number | AgeInterval | undefined, adultAge: number): boolean | undefined {
  if (age === undefined) return undefined;
  if (typeof age === 'number') return age >= adultAge;
  return age.min >= adultAge ? true : age.max < adultAge ? false : undefined;
}

/**
 * Derives the facts the rules read, for every (person at risk × concern). Knows nothing of rules:
 * the classifications are handed in. Unknown stays unknown in `strictFacts`; `facts` adds the
 * ordinary presumptions (listed in `presumed`) unless `presumptions` is false.
 */
export function deriveCase(c: ValidatedCase, dates: CaseDates, cls: Classifications, options: DeriveOptions): DerivedCase {
  const { assessmentDate, knowledgeDate } = dates;
  const people = new Map(c.people.map((p) => [p.id, p] as const));
  const windows = new Map<string, BirthWindow | undefined>(c.people.map((p) => [p.id, birthWindow(p, assessmentDate)] as const));
  const reporterWindow = birthWindow(c.reporter, assessmentDate);
  const role = c.reporter.role;
  const r = c.reporter;

  const functionary =
    r.dvaFunctionary !== undefined
      ? r.dvaFunctionary
      : role === undefined
        ? undefined
        : cls.functionaryPossible.has(role)
          ? undefined
          : false;
  // A role only adults can hold settles that the reporter is an adult when no age is given.
  const reporterAge =
    reporterWindow === undefined && role !== undefined && cls.adultByRole.has(role)
      ? { min: cls.adultAge, max: 130 }
      : ageAt(reporterWindow, knowledgeDate, knowledgeDate);
  const reporterFacts: ReporterFacts = {
    reporterRole: role,
    reporterListedInS110: role === undefined ? undefined : cls.s110Listed.has(role),
    reporterIsPoliceOfficial: role === undefined ? undefined : role === cls.policeRole,
    reporterIsFunctionary: functionary,
    reporterAge,
    // A role with no duties settles that it was not learned in the course of them.
    inCourseOfDuties: r.inCourseOfDuties ?? (role !== undefined && cls.withoutDuties.has(role) ? false : undefined),
    knowledgeContinues: r.stillKnows,
  };
  const reporterPresumed: PresumptionUse[] = [];
  if (options.presumptions) {
    if (reporterAge === undefined) reporterPresumed.push({ id: 'reporter-adult', fact: 'reporterAge', about: 'reporter' });
    if (r.stillKnows === undefined && knowledgeDate < assessmentDate)
      reporterPresumed.push({ id: 'knowledge-continues', fact: 'knowledgeContinues', about: 'reporter' });
  }

  // Later days the duties are looked at, while the knowledge may continue: the reporter's ages reached (each concern adds its person's).
  const knowledgeMayContinue = r.stillKnows !== false && assessmentDate > knowledgeDate;
  const reporterAgeDays = knowledgeMayContinue ? thresholdDays(reporterWindow, cls.ageThresholds, knowledgeDate, assessmentDate) : NO_DAYS;

  const ageAtKnowledge = new Map<string, number | AgeInterval | undefined>();
  for (const p of c.people) ageAtKnowledge.set(p.id, ageAt(windows.get(p.id), knowledgeDate, knowledgeDate));
  const yearAgo = yearBefore(knowledgeDate);
  const textAges = cls.textAges(assessmentDate);
  // Who cares for whom, and who is alleged to have harmed whom: for the complainant route.
  const carersOf = new Map<string, string[]>();
  for (const p of c.people)
    for (const child of p.caregiverOf ?? []) {
      const list = carersOf.get(child);
      if (list) list.push(p.id);
      else carersOf.set(child, [p.id]);
    }
  const harmedBy = new Map<string, Concern[]>();
  for (const concern of c.concerns)
    if (concern.allegedBy !== undefined) {
      const list = harmedBy.get(concern.allegedBy);
      if (list) list.push(concern);
      else harmedBy.set(concern.allegedBy, [concern]);
    }

  const byPerson = new Map<string, ConcernFacts[]>();
  for (const concern of c.concerns) {
    const victim = people.get(concern.victim) as Person; // ids checked by the schema
    const perpetrator = concern.allegedBy === undefined ? undefined : people.get(concern.allegedBy);
    const vw = windows.get(victim.id);
    const pw = perpetrator ? windows.get(perpetrator.id) : undefined;
    const datedAct = concern.incidentDate !== undefined && concern.incidentDate !== 'ongoing' ? concern.incidentDate : undefined;
    const conduct = cls.conduct[concern.harm];
    const carers = carersOf.get(victim.id) ?? [];
    const carerConcerns = perpetrator ? (harmedBy.get(perpetrator.id) ?? []).filter((x) => carers.includes(x.victim)) : [];
    // One value for every declared fact (a fact without a derivation does not compile).
    // Every key written out (an object spread followed by more keys is slow on Node 20's V8).
    const strict: FactValues = {
      reporterRole: reporterFacts.reporterRole,
      reporterListedInS110: reporterFacts.reporterListedInS110,
      reporterIsPoliceOfficial: reporterFacts.reporterIsPoliceOfficial,
      reporterIsFunctionary: reporterFacts.reporterIsFunctionary,
      reporterAge: reporterFacts.reporterAge,
      inCourseOfDuties: reporterFacts.inCourseOfDuties,
      knowledgeContinues: reporterFacts.knowledgeContinues,
      basis: concern.basis,
      harm: concern.harm,
      relationship: concern.relationship,
      victimAgeAtKnowledge: ageAtKnowledge.get(victim.id),
      victimAgeAtIncident: ageAt(vw, datedAct, knowledgeDate),
      victimSex: victim.sex,
      victimHasDisability: victim.disability === undefined ? undefined : victim.disability !== 'none',
      // A person recorded as having no disability has no mental disability affecting consent.
      victimMentalDisability: victim.mentalDisabilityAffectingConsent ?? (victim.disability === 'none' ? false : undefined),
      perpetratorAgeAtIncident: perpetrator ? ageAt(pw, datedAct, knowledgeDate) : undefined,
      ageGapWithinTwoYears: perpetrator ? bornWithinYears(vw, pw, cls.ageGapYears) : undefined,
      consensual: concern.consensual ?? undefined,
      physicalInjury: concern.physicalInjury ?? booleanOfClassified(conduct.physicalInjury),
      deliberateNeglect: concern.deliberate,
      sexualContact: concern.sexualContact ?? booleanOfClassified(conduct.sexualContact),
      sexualNonContact: concern.sexualNonContact ?? booleanOfClassified(conduct.sexualNonContact),
      sexualExploitation: concern.sexualExploitation ?? booleanOfClassified(conduct.sexualExploitation),
      imagery: concern.imagery ?? booleanOfClassified(conduct.imagery),
      domesticRelationship: byRelationship(cls.domesticRelationship, concern, concern.domesticRelationship),
      expectationOfTrust: byRelationship(cls.expectationOfTrust, concern, concern.expectationOfTrust),
      prohibitedDegree: byRelationship(cls.prohibitedDegrees, concern, concern.prohibitedDegree),
      parentalAuthority: byRelationship(cls.parentalAuthority, concern, undefined),
      abuseOfTrustOrInducement:
        concern.abuseOfTrustOrInducement ??
        (concern.sexualExploitation === true ? true : byRelationship(cls.positionOfTrust, concern, undefined) === true ? true : undefined),
      concludesSexualAbuse: concern.concludesSexualAbuse,
      perpetratorInDomesticRelationshipWithCarer: carerRelationship(concern, cls, carerConcerns),
      // Said, or seen in the case's concerns about a carer it lists; with no carer listed it stays open.
      perpetratorHarmedCarer:
        concern.carerAlsoAbused ?? (carerConcerns.length > 0 ? true : perpetrator !== undefined && carers.length > 0 ? false : undefined),
      reasonToSuspect: concern.reasonToSuspect ?? (concern.basis === undefined || concern.basis === 'rumour' ? undefined : true),
      lawInForce: undefined,
      receivedAsReport: concern.receivedAsReport,
      // Privilege is a legal practitioner's: for any other known role it cannot arise.
      privilegedCommunication: concern.privilegedCommunication ?? (role === undefined || role === cls.privilegeRole ? undefined : false),
    };
    let facts: Record<string, FactValue> = strict;
    const presumed: PresumptionUse[] = [];
    if (options.presumptions) {
      const over: { [F in FactName]?: FactValue } = {};
      for (const p of reporterPresumed) {
        presumed.push(p);
        over[p.fact] = p.fact === 'reporterAge' ? { min: cls.adultAge, max: 130 } : true;
      }
      if (datedAct === undefined) {
        // An act with no date is presumed recent: within the year before the knowledge date; an ongoing one, now.
        const from = concern.incidentDate === 'ongoing' ? knowledgeDate : yearAgo;
        const va = ageOver(vw, from, knowledgeDate);
        if (va !== undefined) {
          over['victimAgeAtIncident'] = va;
          presumed.push({ id: 'recent-incident', fact: 'victimAgeAtIncident', about: victim.id });
        }
        const pa = perpetrator ? ageOver(pw, from, knowledgeDate) : undefined;
        if (pa !== undefined && perpetrator) {
          over['perpetratorAgeAtIncident'] = pa;
          presumed.push({ id: 'recent-incident', fact: 'perpetratorAgeAtIncident', about: perpetrator.id });
        }
      }
      // An act dated within the month before the assessment: an age given in years is the age then.
      if (datedAct !== undefined && daysBetween(assessmentDate, datedAct) <= cls.recentActDays) {
        if (victim.dateOfBirth === undefined && typeof strict['victimAgeAtIncident'] === 'object') {
          over['victimAgeAtIncident'] = ageAt(vw, assessmentDate, assessmentDate);
          presumed.push({ id: 'age-unchanged-since-act', fact: 'victimAgeAtIncident', about: victim.id });
        }
        if (perpetrator && perpetrator.dateOfBirth === undefined && typeof strict['perpetratorAgeAtIncident'] === 'object') {
          over['perpetratorAgeAtIncident'] = ageAt(pw, assessmentDate, assessmentDate);
          presumed.push({ id: 'age-unchanged-since-act', fact: 'perpetratorAgeAtIncident', about: perpetrator.id });
        }
      }
      // A concern recorded as sexual abuse that does not say the person consented: presumed not,
      // except between children (consent between adolescents is for the case to say).
      const otherIsChild = isAdult(strict.perpetratorAgeAtIncident, cls.adultAge) === false;
      if (concern.harm === 'sexual_abuse' && strict['consensual'] === undefined && !otherIsChild) {
        over['consensual'] = false;
        presumed.push({ id: 'abuse-not-consensual', fact: 'consensual', about: victim.id });
      }
      if (
        strict['victimMentalDisability'] === undefined &&
        (victim.disability === undefined || !cls.disabilitiesAffectingCapacity.has(victim.disability))
      ) {
        over['victimMentalDisability'] = false;
        presumed.push({ id: 'capacity-to-consent', fact: 'victimMentalDisability', about: victim.id });
      }
      // Whatever the age: a child is in the protected class anyway, and may be an adult by the time a duty binds.
      if (strict['victimHasDisability'] === undefined) {
        over['victimHasDisability'] = false;
        presumed.push({ id: 'no-disability-unless-recorded', fact: 'victimHasDisability', about: victim.id });
      }
      if (presumed.length > 0) {
        // A copy with every key, of the one shape every copy of facts has (copyFacts).
        facts = copyFacts(strict);
        for (const k in over) facts[k] = over[k as FactName];
      }
    }
    const ongoing = concern.incidentDate === 'ongoing';
    const presumedAct = options.presumptions && datedAct === undefined;
    const datedFacts = (date: string, strictMode: boolean): { [F in FactName]?: FactValue } => {
      const out: { [F in FactName]?: FactValue } = {
        victimAgeAtKnowledge: ageAt(vw, date, date),
        // An age given by role or by presumption does not move; one from a date of birth or age does.
        reporterAge:
          reporterWindow === undefined ? (strictMode ? strict['reporterAge'] : facts['reporterAge']) : ageAt(reporterWindow, date, date),
      };
      if (ongoing) {
        // The act goes on at that date: ages at the act are the ages then (recent, or any time up to then).
        out['victimAgeAtIncident'] = !strictMode && presumedAct ? ageAt(vw, date, date) : ageAt(vw, undefined, date);
        if (perpetrator) out['perpetratorAgeAtIncident'] = !strictMode && presumedAct ? ageAt(pw, date, date) : ageAt(pw, undefined, date);
      }
      return out;
    };
    const list = byPerson.get(victim.id) ?? [];
    const ongoingUntil = ongoing && assessmentDate > knowledgeDate ? assessmentDate : undefined;
    const ageDays = knowledgeMayContinue
      ? mergeDays(reporterAgeDays, thresholdDays(vw, cls.ageThresholds, knowledgeDate, assessmentDate))
      : NO_DAYS;
    const dated: DatedFacts = { over: (date) => datedFacts(date, false), ongoingUntil, ageDays };
    const strictDated: DatedFacts = { over: (date) => datedFacts(date, true), ongoingUntil, ageDays };
    list.push({
      concern,
      victim,
      perpetrator,
      facts,
      strictFacts: strict,
      presumed,
      ongoing,
      datedFacts,
      dated,
      strictDated,
      textAges,
    });
    byPerson.set(victim.id, list);
  }
  return { dates, byPerson, reporterFacts, reporterDateOfBirth: r.dateOfBirth, ageAtKnowledge };
}

/**
 * Whether the alleged perpetrator is or was in a domestic relationship with someone who cares for
 * the victim: from `relationshipToCarer`, from a partner-of-the-parent relationship, or from a
 * concern in the case about a carer of the victim by the same person.
 */
function carerRelationship(concern: Concern, cls: Classifications, carerConcerns: readonly Concern[]): boolean | undefined {
  // A relationship that counts only with a shared home: the child's home is the carer's (sharesResidence).
  if (concern.relationshipToCarer !== undefined)
    return booleanOfClassified(cls.domesticRelationship[concern.relationshipToCarer], concern.sharesResidence);
  // Some relationships to the child settle one with the child's parent (the other parent, a parent's partner).
  if (concern.relationship !== undefined && cls.withChildsCarer[concern.relationship] === 'yes') return true;
  let open = false;
  for (const x of carerConcerns) {
    const v =
      x.domesticRelationship ??
      (x.relationship === undefined ? undefined : booleanOfClassified(cls.domesticRelationship[x.relationship], x.sharesResidence));
    if (v === true) return true;
    if (v === undefined) open = true;
  }
  if (open) return undefined;
  // The carers' concerns rule it out, unless an unknown relationship to the child could still settle it.
  if (carerConcerns.length > 0)
    return concern.relationship === undefined && Object.values(cls.withChildsCarer).includes('yes') ? undefined : false;
  // A relationship to the child that rules one with the carer out (a neighbour, a teacher), else open.
  return concern.relationship !== undefined && cls.withChildsCarer[concern.relationship] === 'no' ? false : undefined;
}
