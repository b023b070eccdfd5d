import fc from 'fast-check';
import { addDays, birthWindow, daysBetween } from '../../src/case/ages.js';
import { FACT_NAMES, FACTS, type FactDefinition, type FactSubject, type Fill, type Pin, type RoleClass } from '../../src/case/facts.js';
import { FACT_COMPLETIONS } from '../../src/case/completions.js';
import {
  BASES,
  DISABILITIES,
  HARMS,
  type Harm,
  RELATIONSHIPS,
  type Relationship,
  REPORTER_ROLES,
  SEXES,
} from '../../src/case/vocabulary.js';
import { CLASSIFICATIONS } from '../../src/rules/parameters.js';

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

/** A source of choices from fast-check's generator (`fc.gen()`), so a failing completion shrinks. */
export function pickFrom(g: fc.GeneratorValue): Pick {
  return {
    int: (min, max) => g(fc.integer, { min, max }),
    bool: () => g(fc.boolean),
    of: (xs) => g(fc.constantFrom, ...xs),
  };
}

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

/** Where a fact's inputs live, for one concern of a case being completed. */
function holderOf(x: JsonCase, k: Record<string, unknown>, on: FactSubject, create: boolean): Record<string, unknown> | undefined {
  if (on === 'reporter') return x.reporter;
  if (on === 'concern') return k;
  if (on === 'law') return undefined;
  const id = on === 'victim' ? k.victim : k.allegedBy;
  const found = x.people.find((p) => p.id === id);
  if (found || !create || on !== 'perpetrator') return found;
  // A concern that names no alleged perpetrator: the completion adds one.
  const p: Record<string, unknown> = { id: `extra-${String(k.id)}` };
  x.people.push(p);
  k.allegedBy = p.id;
  return p;
}

/** Whether a setting of the case (or a classification of one) pins a fact of concern `k`, per the declaration. */
export function pinned(x: JsonCase, k: Record<string, unknown>, subject: FactSubject, pin: Pin): boolean {
  const cls = CLASSIFICATIONS;
  const role = x.reporter.role as string | undefined;
  const inClass = (c: RoleClass) => role !== undefined && (c === 'privilegeRole' ? role === cls.privilegeRole : cls[c].has(role));
  if ('roleIn' in pin) return inClass(pin.roleIn);
  if ('roleNotIn' in pin) return role !== undefined && !inClass(pin.roleNotIn);
  if ('relationshipReads' in pin) {
    const rel = k.relationship as Relationship | undefined;
    return rel !== undefined && pin.as.includes(cls[pin.relationshipReads][rel]);
  }
  if ('harmReads' in pin) return cls.conduct[k.harm as Harm][pin.harmReads] !== 'unknown';
  if ('given' in pin) {
    const v = holderOf(x, k, pin.on ?? subject, false)?.[pin.given];
    return pin.in.includes(v as string | boolean);
  }
  const carers = x.people.filter((p) => ((p.caregiverOf as string[] | undefined) ?? []).includes(k.victim as string)).map((p) => p.id);
  if ('carerListed' in pin) return carers.length > 0;
  return k.allegedBy !== undefined && x.concerns.some((o) => o.allegedBy === k.allegedBy && carers.includes(o.victim));
}

/**
 * Whether a fact may stay open in a completed case, per its declared completion: nothing in a case
 * settles it, or what the case says leaves it open (the ages at an ongoing act's earlier acts).
 */
export function mayStayOpen(c: JsonCase, fact: string): boolean {
  const def = (FACTS as Record<string, FactDefinition>)[fact];
  if (!def) return false;
  const completion = FACT_COMPLETIONS[fact as keyof typeof FACT_COMPLETIONS];
  if (completion.by === 'open') return true;
  if (completion.by !== 'fill' || completion.openWhen === undefined) return false;
  const when = completion.openWhen;
  return c.concerns.some((k) => pinned(c, k, def.subject, when));
}

function fillInput(x: JsonCase, k: Record<string, unknown>, def: FactDefinition, fill: Fill, pick: Pick): void {
  if (fill.unless?.some((pin) => pinned(x, k, def.subject, pin))) return;
  const on = fill.on ?? def.subject;
  const o = holderOf(x, k, on, fill.values === 'dateOfBirth');
  if (!o || o[fill.input] !== undefined) return;
  const A = x.assessmentDate;
  if (fill.values === 'dateOfBirth') {
    // An exact date of birth within what the case says of the age; a role only adults hold keeps the
    // person an adult on a knowledge date up to 900 days back.
    const adult = fill.adultIf !== undefined && pinned(x, k, def.subject, fill.adultIf);
    const said = o as { ageYears?: number; ageRange?: { min: number; max: number } };
    const w =
      birthWindow(said, A) ?? birthWindow({ ageRange: adult ? { min: CLASSIFICATIONS.adultAge + 3, max: 90 } : { min: 0, max: 95 } }, A);
    if (!w) return;
    o.dateOfBirth = addDays(w.earliest, pick.int(0, daysBetween(w.latest, w.earliest)));
    delete o.ageYears;
    delete o.ageRange;
  } else if (fill.values === 'dateBeforeKnowledge') {
    // An act with no date happened on some day up to the knowledge date.
    o[fill.input] = addDays((x.reporter.knowledgeDate as string | undefined) ?? A, -pick.int(0, 6000));
  } else {
    o[fill.input] = pick.of(fill.values);
  }
}

/**
 * One completion of a case: every fact the case leaves unknown is given a value, as its
 * declaration in `src/case/facts.ts` says (`completion`), fact by fact in declaration order; ages
 * become exact dates of birth within what the case allows; missing perpetrators become people.
 * Nothing the case says or settles is changed, and an ongoing act stays ongoing.
 */
export function complete(c: JsonCase, pick: Pick): JsonCase {
  const x = structuredClone(c) as JsonCase;
  // Reporter facts are filled once (through the first concern: their pins read only the reporter).
  const first = x.concerns[0] as Record<string, unknown>;
  for (const name of FACT_NAMES) {
    const def: FactDefinition = FACTS[name];
    const completion = FACT_COMPLETIONS[name];
    if (completion.by !== 'fill') continue;
    for (const k of def.subject === 'reporter' ? [first] : x.concerns) for (const f of completion.fills) fillInput(x, k, def, f, pick);
  }
  return x;
}
