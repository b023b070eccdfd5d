import fc from 'fast-check';
import { addDays, birthWindow, daysBetween } from '../../src/case/ages.js';
import { CLASSIFICATIONS, relationships } from '../../src/rules/parameters.js';

const ADULT_ROLE_SET = CLASSIFICATIONS.adultByRole;
const FUNCTIONARY_POSSIBLE_SET = CLASSIFICATIONS.functionaryPossible;
import { BASES, DISABILITIES, HARMS, RELATIONSHIPS, REPORTER_ROLES, SEXES } from '../../src/case/vocabulary.js';

/** A plain JSON case, as a user would send it. */
export type JsonCase = {
  assessmentDate: string;
  reporter: Record<string, unknown>;
  people: Record<string, unknown>[];
  concerns: Record<string, unknown>[];
  // Loosely typed on purpose (random cases, some invalid): the library takes it as untrusted input.
  [field: string]: unknown;
};

/** A date between 2005-01-01 and about 2027. */
export const dateArb = fc.integer({ min: 0, max: 8000 }).map((n) => addDays('2005-01-01', n));

function opt<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(a, { nil: undefined, freq: 2 });
}

const ageInput = fc.oneof(
  fc.record({ ageYears: fc.integer({ min: 0, max: 95 }) }),
  fc.integer({ min: 0, max: 36_000 }).map((d) => ({ dobOffsetDays: d })),
  fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 12 })).map(([min, w]) => ({ ageRange: { min, max: min + w } })),
  fc.constant({}),
);

function strip<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/** Random cases with unknowns everywhere a user might leave them out. */
export const caseArb: fc.Arbitrary<JsonCase> = fc
  .record({
    assessmentDate: dateArb,
    knowledgeBack: opt(fc.integer({ min: 0, max: 900 })),
    reporter: fc.record({
      role: opt(fc.constantFrom(...REPORTER_ROLES)),
      age: ageInput,
      inCourseOfDuties: opt(fc.boolean()),
      stillKnows: opt(fc.boolean()),
      dvaFunctionary: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
    }),
    people: fc.array(
      fc.record({
        age: ageInput,
        sex: opt(fc.constantFrom(...SEXES)),
        disability: opt(fc.constantFrom(...DISABILITIES)),
        mentalDisabilityAffectingConsent: opt(fc.boolean()),
        opposesReport: opt(fc.boolean()),
        caresFor: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    concerns: fc.array(
      fc.record({
        victim: fc.nat(),
        perp: fc.option(fc.nat(), { nil: undefined, freq: 5 }),
        harm: fc.constantFrom(...HARMS),
        relationship: opt(fc.constantFrom(...RELATIONSHIPS)),
        basis: opt(fc.constantFrom(...BASES)),
        incidentBack: opt(fc.integer({ min: 0, max: 3000 })),
        ongoing: fc.boolean(),
        sexualContact: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        sexualNonContact: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        sexualExploitation: fc.option(fc.boolean(), { nil: undefined, freq: 5 }),
        imagery: fc.option(fc.boolean(), { nil: undefined, freq: 5 }),
        relationshipToCarer: fc.option(fc.constantFrom(...RELATIONSHIPS), { nil: undefined, freq: 4 }),
        carerAlsoAbused: fc.option(fc.boolean(), { nil: undefined, freq: 5 }),
        prohibitedDegree: fc.option(fc.boolean(), { nil: undefined, freq: 6 }),
        abuseOfTrustOrInducement: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        concludesSexualAbuse: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        reasonToSuspect: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        physicalInjury: opt(fc.boolean()),
        deliberate: opt(fc.boolean()),
        consensual: opt(fc.boolean()),
        sharesResidence: opt(fc.boolean()),
        receivedAsReport: opt(fc.boolean()),
        privilegedCommunication: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
        immediateDanger: opt(fc.boolean()),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map((r) => {
    const A = r.assessmentDate;
    const kd = r.knowledgeBack === undefined ? undefined : addDays(A, -r.knowledgeBack);
    const latest = kd ?? A;
    const ageFields = (a: Record<string, unknown>) => {
      if ('dobOffsetDays' in a) return { dateOfBirth: addDays(A, -(a.dobOffsetDays as number)) };
      return a;
    };
    const people = r.people.map((p, i) =>
      strip({
        id: `p${i}`,
        ...ageFields(p.age),
        sex: p.sex,
        disability: p.disability,
        mentalDisabilityAffectingConsent: p.mentalDisabilityAffectingConsent,
        opposesReport: p.opposesReport,
        caregiverOf: p.caresFor === undefined || p.caresFor % r.people.length === i ? undefined : [`p${p.caresFor % r.people.length}`],
      }),
    );
    const concerns = r.concerns.map((k, i) => {
      const victim = k.victim % people.length;
      let perp = k.perp === undefined ? undefined : k.perp % people.length;
      if (perp === victim) perp = (victim + 1) % people.length;
      return strip({
        id: `c${i}`,
        victim: `p${victim}`,
        allegedBy: perp === undefined ? undefined : `p${perp}`,
        harm: k.harm,
        relationship: k.relationship,
        basis: k.basis,
        incidentDate: k.incidentBack === undefined ? (k.ongoing ? 'ongoing' : undefined) : addDays(latest, -k.incidentBack),
        sexualContact: k.sexualContact,
        sexualNonContact: k.sexualNonContact,
        sexualExploitation: k.sexualExploitation,
        imagery: k.imagery,
        relationshipToCarer: k.relationshipToCarer,
        carerAlsoAbused: k.carerAlsoAbused,
        prohibitedDegree: k.prohibitedDegree,
        abuseOfTrustOrInducement: k.abuseOfTrustOrInducement,
        concludesSexualAbuse: k.concludesSexualAbuse,
        reasonToSuspect: k.reasonToSuspect,
        physicalInjury: k.physicalInjury,
        deliberate: k.deliberate,
        consensual: k.consensual,
        sharesResidence: k.sharesResidence,
        receivedAsReport: k.receivedAsReport,
        privilegedCommunication: k.privilegedCommunication,
        immediateDanger: k.immediateDanger,
      });
    });
    const reporter = strip({
      role: r.reporter.role,
      ...ageFields(r.reporter.age),
      inCourseOfDuties: r.reporter.inCourseOfDuties,
      stillKnows: r.reporter.stillKnows,
      knowledgeDate: kd,
      dvaFunctionary: r.reporter.dvaFunctionary,
    });
    return { assessmentDate: A, reporter, people, concerns };
  });

/** A random integer source for completions. */
export type Pick = { int(min: number, max: number): number; bool(): boolean; of<T>(xs: readonly T[]): T };

export function seeded(seed: number): Pick {
  let s = seed >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  return {
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    bool: () => next() < 0.5,
    of: (xs) => xs[Math.floor(next() * xs.length)] as (typeof xs)[number],
  };
}

/**
 * One completion of a case: every fact the case leaves unknown is given a value (ages become exact
 * dates of birth within what the case allows; missing perpetrators become people), and nothing the
 * case says is changed.
 */
export function complete(c: JsonCase, pick: Pick): JsonCase {
  const x = structuredClone(c) as JsonCase;
  const A = x.assessmentDate;
  const kd = (x.reporter.knowledgeDate as string | undefined) ?? A;
  const exactDob = (o: Record<string, unknown>) => {
    const w =
      birthWindow(o as { dateOfBirth?: string; ageYears?: number; ageRange?: { min: number; max: number } }, A) ??
      birthWindow({ ageRange: { min: 0, max: 95 } }, A);
    if (!w) return;
    const span = daysBetween(w.latest, w.earliest);
    o.dateOfBirth = addDays(w.earliest, pick.int(0, span));
    delete o.ageYears;
    delete o.ageRange;
  };
  const r = x.reporter;
  r.role ??= pick.of(REPORTER_ROLES);
  // A role with no duties settles "in the course of duties" as no: only other roles leave it open.
  if (!CLASSIFICATIONS.withoutDuties.has(r.role as string)) r.inCourseOfDuties ??= pick.bool();
  r.stillKnows ??= pick.bool();
  // Only what the case leaves unknown: functionary status is unknown only for the roles that may be functionaries.
  if (FUNCTIONARY_POSSIBLE_SET.has(r.role as string)) r.dvaFunctionary ??= pick.bool();
  // A role only adults hold: the completion keeps the reporter an adult on the knowledge date.
  if (r.dateOfBirth === undefined && r.ageYears === undefined && r.ageRange === undefined && ADULT_ROLE_SET.has(r.role as string))
    r.ageRange = { min: 21, max: 90 };
  exactDob(r);
  for (const p of x.people) {
    exactDob(p);
    p.sex ??= pick.of(SEXES);
    p.disability ??= pick.of(DISABILITIES);
    p.mentalDisabilityAffectingConsent ??= p.disability === 'none' ? false : pick.bool();
  }
  for (const k of x.concerns) {
    if (k.allegedBy === undefined) {
      const id = `extra-${String(k.id)}`;
      const p: Record<string, unknown> = { id, ageYears: pick.int(0, 80) };
      exactDob(p);
      x.people.push(p);
      k.allegedBy = id;
    }
    k.relationship ??= pick.of(RELATIONSHIPS);
    k.basis ??= pick.of(BASES);
    // An act with no date happened on some day up to the knowledge date. An ongoing act stays
    // ongoing: that is what the case says (it goes on while the reporter knows).
    if (k.incidentDate === undefined) k.incidentDate = addDays(kd, -pick.int(0, 6000));
    // What the harm value leaves open about the conduct, and what the relationship leaves open.
    const conduct = CLASSIFICATIONS.conduct[k.harm as keyof typeof CLASSIFICATIONS.conduct];
    for (const flag of ['sexualContact', 'sexualNonContact', 'sexualExploitation', 'imagery', 'physicalInjury'] as const) {
      if (conduct[flag] === 'unknown') k[flag] ??= pick.bool();
    }
    const rel0 = (k.relationship ?? pick.of(RELATIONSHIPS)) as (typeof RELATIONSHIPS)[number];
    k.relationship = rel0;
    if (CLASSIFICATIONS.prohibitedDegrees[rel0] === 'unknown') k.prohibitedDegree ??= pick.bool();
    if (CLASSIFICATIONS.positionOfTrust[rel0] !== 'yes') k.abuseOfTrustOrInducement ??= pick.bool();
    k.concludesSexualAbuse ??= pick.bool();
    k.reasonToSuspect ??= pick.bool();
    // Only what the case leaves open: the relationship's reading, and carers the case does not list.
    if (CLASSIFICATIONS.withChildsCarer[rel0] === 'unknown') k.relationshipToCarer ??= pick.of(RELATIONSHIPS);
    const carersListed = x.people.some((p) => ((p.caregiverOf as string[] | undefined) ?? []).includes(k.victim as string));
    if (!carersListed) k.carerAlsoAbused ??= pick.bool();
    k.deliberate ??= pick.bool();
    k.consensual ??= pick.bool();
    k.sharesResidence ??= pick.bool();
    const rel = k.relationship as keyof typeof relationships.expectationOfTrust.values;
    if (relationships.expectationOfTrust.values[rel] === 'unknown') k.expectationOfTrust ??= pick.bool();
    k.receivedAsReport ??= pick.bool();
    if (r.role === 'legal_practitioner') k.privilegedCommunication ??= pick.bool();
  }
  return x;
}
