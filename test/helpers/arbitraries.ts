import fc from 'fast-check';
import { addDays } from 'date-fns/addDays';
import { birthWindow, toDate, toIso } from '../../src/case/ages.js';
import { ADULT_ROLE_SET, FUNCTIONARY_POSSIBLE_SET, relationships } from '../../src/rules/parameters.js';
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

const DAY0 = toDate('2005-01-01');
/** A date between 2005-01-01 and about 2027. */
export const dateArb = fc.integer({ min: 0, max: 8000 }).map((n) => toIso(addDays(DAY0, n)));

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
      dvaFunctionary: fc.option(fc.boolean(), { nil: undefined, freq: 4 }),
    }),
    people: fc.array(
      fc.record({
        age: ageInput,
        sex: opt(fc.constantFrom(...SEXES)),
        disability: opt(fc.constantFrom(...DISABILITIES)),
        mentalDisabilityAffectingConsent: opt(fc.boolean()),
        opposesReport: opt(fc.boolean()),
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
    const kd = r.knowledgeBack === undefined ? undefined : toIso(addDays(toDate(A), -r.knowledgeBack));
    const latest = kd ?? A;
    const ageFields = (a: Record<string, unknown>) => {
      if ('dobOffsetDays' in a) return { dateOfBirth: toIso(addDays(toDate(A), -(a.dobOffsetDays as number))) };
      return a;
    };
    const people = r.people.map((p, i) =>
      strip({ id: `p${i}`, ...ageFields(p.age), sex: p.sex, disability: p.disability, mentalDisabilityAffectingConsent: p.mentalDisabilityAffectingConsent, opposesReport: p.opposesReport }),
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
        incidentDate: k.incidentBack === undefined ? undefined : toIso(addDays(toDate(latest), -k.incidentBack)),
        physicalInjury: k.physicalInjury,
        deliberate: k.deliberate,
        consensual: k.consensual,
        sharesResidence: k.sharesResidence,
        receivedAsReport: k.receivedAsReport,
        privilegedCommunication: k.privilegedCommunication,
        immediateDanger: k.immediateDanger,
      });
    });
    const reporter = strip({ role: r.reporter.role, ...ageFields(r.reporter.age), inCourseOfDuties: r.reporter.inCourseOfDuties, knowledgeDate: kd, dvaFunctionary: r.reporter.dvaFunctionary });
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
    const w = birthWindow(o as { dateOfBirth?: string; ageYears?: number; ageRange?: { min: number; max: number } }, A) ?? birthWindow({ ageRange: { min: 0, max: 95 } }, A);
    if (!w) return;
    const span = Math.round((toDate(w.latest).getTime() - toDate(w.earliest).getTime()) / 86_400_000);
    o.dateOfBirth = toIso(addDays(toDate(w.earliest), pick.int(0, span)));
    delete o.ageYears;
    delete o.ageRange;
  };
  const r = x.reporter;
  r.role ??= pick.of(REPORTER_ROLES);
  r.inCourseOfDuties ??= pick.bool();
  // Only what the case leaves unknown: functionary status is unknown only for the roles that may be functionaries.
  if (FUNCTIONARY_POSSIBLE_SET.has(r.role as string)) r.dvaFunctionary ??= pick.bool();
  // A role only adults hold: the completion keeps the reporter an adult on the knowledge date.
  if (r.dateOfBirth === undefined && r.ageYears === undefined && r.ageRange === undefined && ADULT_ROLE_SET.has(r.role as string)) r.ageRange = { min: 21, max: 90 };
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
    k.incidentDate ??= toIso(addDays(toDate(kd), -pick.int(0, 6000)));
    k.physicalInjury ??= pick.bool();
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
