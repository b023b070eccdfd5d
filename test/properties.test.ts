import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { assess, safeAssess, isValidationError, DUTY_IDS, type Assessment, type DutyId } from '../src/index.js';
import { buildRuleSet } from '../src/rules/rule-set.js';
import { caseArb, complete, type JsonCase, mayStayOpen, pickFrom } from './helpers/arbitraries.js';

const statuses = (a: Assessment) => new Map(a.duties.map((d) => [`${d.duty}|${d.person}`, d] as const));
const RUNS = { numRuns: 300 };
const STRICT = { presumptions: false } as const;
const FULL = { detail: 'full' } as const;

describe('invariants of the law (fast-check)', () => {
  test.prop([caseArb], RUNS)('is deterministic: the same case gives the same assessment', (c) => {
    expect(JSON.stringify(assess(c))).toBe(JSON.stringify(assess(structuredClone(c))));
  });

  test.prop([caseArb, fc.gen()], { numRuns: 250 })(
    'is three-valued and sound in strict mode: applies / does_not_apply hold for every completion of the unknown facts',
    (c, g) => {
      const before = assess(c, STRICT);
      const pick = pickFrom(g);
      for (let n = 0; n < 6; n++) {
        const full = complete(c, pick);
        const after = statuses(assess(full, STRICT));
        for (const d of before.duties) {
          if (d.status === 'may_apply') continue;
          const got = after.get(`${d.duty}|${d.person}`);
          expect(got?.status, `${d.duty} for ${d.person} was ${d.status}; completion ${JSON.stringify(full)}`).toBe(d.status);
        }
        // Nothing is left open once every fact is known, but what the facts' declarations leave open.
        for (const d of after.values()) {
          if (d.status === 'may_apply')
            expect(
              d.missing.every((m) => mayStayOpen(full, m.fact)),
              `${d.duty} ${JSON.stringify(d.missing)}`,
            ).toBe(true);
        }
      }
    },
  );

  test.prop([caseArb], RUNS)('says why when it may apply: every may_apply lists at least one missing fact as a question', (c) => {
    for (const d of assess(c).duties) {
      if (d.status === 'may_apply') {
        expect(d.missing.length).toBeGreaterThan(0);
        for (const m of d.missing) expect(m.question).toMatch(/\?$/);
      }
    }
  });

  const stronger: Record<string, string[]> = {
    rumour: ['reasonable_suspicion', 'reasonable_belief', 'knowledge'],
    reasonable_suspicion: ['reasonable_belief', 'knowledge'],
    reasonable_belief: ['knowledge'],
    knowledge: [],
  };
  test.prop([caseArb, fc.nat(), fc.nat()], RUNS)('never loses a must-duty when the basis gets stronger', (c, ci, si) => {
    const k = c.concerns[ci % c.concerns.length] as Record<string, unknown>;
    const options = stronger[(k.basis as string | undefined) ?? 'rumour'] ?? [];
    if (options.length === 0 || k.basis === undefined) return;
    const before = assess(c);
    const c2 = structuredClone(c);
    (c2.concerns[ci % c.concerns.length] as Record<string, unknown>).basis = options[si % options.length];
    const after = statuses(assess(c2));
    for (const d of before.duties) {
      if (d.status === 'applies' && d.modality === 'must') {
        expect(after.get(`${d.duty}|${d.person}`)?.status, `${d.duty} for ${d.person}`).toBe('applies');
      }
    }
  });

  const adult = fc.record({
    sex: fc.constantFrom('female', 'male'),
    age: fc.integer({ min: 18, max: 59 }),
  });
  test.prop([caseArb, adult], RUNS)('gives no DVA duty for an adult victim with no disability who is not an older person', (c, v) => {
    const c2 = structuredClone(c);
    const victim = c2.people[0] as Record<string, unknown>;
    for (const k of ['dateOfBirth', 'ageRange']) delete victim[k];
    Object.assign(victim, { ageYears: v.age, sex: v.sex, disability: 'none' });
    // Her age is known on the knowledge date and at every incident: all on the assessment date.
    delete c2.reporter.knowledgeDate;
    for (const k of c2.concerns) if (k.victim === 'p0') k.incidentDate = c2.assessmentDate;
    const a = assess(c2, FULL);
    for (const d of a.duties.filter((x) => x.person === 'p0' && (x.duty === 'dva-s2A' || x.duty === 'dva-s2B'))) {
      expect(d.status, JSON.stringify(d.reasons)).toBe('does_not_apply');
    }
  });

  const set = buildRuleSet();
  const firstFrom = new Map<DutyId, string>();
  for (const [id, r] of set.rules) {
    const from = r.versions[0]?.inForce.from;
    if (from) firstFrom.set(id, from);
  }
  test.prop([caseArb], RUNS)(
    'gives no duty of any kind before its commencement, and none after the knowledge date unless the knowledge continued',
    (c) => {
      const a = assess(c, FULL);
      for (const d of a.duties) {
        const from = firstFrom.get(d.duty);
        if (!from) continue;
        if (a.assessmentDate < from) {
          expect(d.status, `${d.duty} before ${from}`).toBe('does_not_apply');
          expect(d.reasons[0]?.fact).toBe('knowledgeDate');
        } else if (a.lawAsAt < from && c.reporter.stillKnows === false) {
          expect(d.status, `${d.duty}: knowledge before ${from}, not continued`).toBe('does_not_apply');
        } else if (a.lawAsAt < from && d.status !== 'does_not_apply') {
          // Bound only through continuing knowledge, and it says so.
          expect(
            d.reasons.some((r) => r.fact === 'knowledgeContinues'),
            d.duty,
          ).toBe(true);
        }
      }
    },
  );

  test.prop([caseArb], RUNS)('uses a presumption only where it lists it, and only to settle what strict mode leaves open', (c) => {
    const presumed = assess(c);
    const strict = statuses(assess(c, STRICT));
    expect(presumed.mode).toBe('presumptive');
    for (const d of presumed.duties) {
      const s = strict.get(`${d.duty}|${d.person}`);
      if (!s) throw new Error('strict mode lost a duty');
      expect(s.presumed, 'strict mode lists no presumption').toBeUndefined();
      if (d.status !== s.status) {
        expect(s.status, `${d.duty} for ${d.person}: a presumption only settles an open status`).toBe('may_apply');
        expect(d.presumed?.length ?? 0, `${d.duty} for ${d.person} changed without a listed presumption`).toBeGreaterThan(0);
        expect(d.strictStatus).toBe(s.status);
        for (const p of d.presumed ?? []) expect(p.text.length).toBeGreaterThan(20);
      } else {
        expect(d.presumed, `${d.duty} for ${d.person} lists a presumption it does not rest on`).toBeUndefined();
      }
    }
  });

  test.prop([caseArb, fc.gen()], RUNS)(
    'is precise: a case with every fact known has no may_apply (but an unverified commencement)',
    (c, g) => {
      const full = complete(c, pickFrom(g));
      for (const d of assess(full, STRICT).duties) {
        if (d.status === 'may_apply')
          expect(
            d.missing.every((m) => mayStayOpen(full, m.fact)),
            `${d.duty} ${JSON.stringify(d.missing)}`,
          ).toBe(true);
      }
    },
  );

  test.prop([caseArb], RUNS)(
    'returns every duty for every person at risk, each with a citation and at least one reason (full detail)',
    (c) => {
      const a = assess(c, FULL);
      const persons = new Set(c.concerns.map((k) => k.victim as string));
      expect(a.duties.length).toBe(persons.size * DUTY_IDS.length);
      for (const d of a.duties) {
        expect(d.citation.act.length).toBeGreaterThan(0);
        expect(d.citation.provision.length).toBeGreaterThan(0);
        expect(d.citation.source).toMatch(/^https?:\/\//);
        expect(['exact', 'partial', 'secondary', 'unverified']).toContain(d.citation.verification);
        expect(d.reasons.length).toBeGreaterThan(0);
        if (d.offence?.penalty.text) expect(d.offence.penalty.verification).toBe('exact');
      }
    },
  );

  test.prop([caseArb, fc.boolean(), fc.boolean()], RUNS)(
    'guidance never changes a duty: facts that only guidance reads leave every status as it was',
    (c, oppose, danger) => {
      const c2: JsonCase = structuredClone(c);
      for (const p of c2.people) p.opposesReport = oppose;
      for (const k of c2.concerns) k.immediateDanger = danger;
      const a = assess(c).duties.map((d) => [d.duty, d.person, d.status, d.modality]);
      const b = assess(c2).duties.map((d) => [d.duty, d.person, d.status, d.modality]);
      expect(b).toEqual(a);
    },
  );
});

describe('bad input', () => {
  const anyJson = fc.anything({
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
  });
  test.prop([anyJson], { numRuns: 500 })(
    'on arbitrary JSON, returns or throws only the library validation error, naming path, expectation and what came in',
    (x) => {
      let thrown: unknown;
      try {
        assess(x);
      } catch (e) {
        thrown = e;
      }
      if (thrown !== undefined) {
        expect(isValidationError(thrown)).toBe(true);
        if (isValidationError(thrown)) {
          expect(thrown.issues.length).toBeGreaterThan(0);
          for (const i of thrown.issues) expect(i.message).toMatch(/^at .+: expected .+, got .+/);
        }
      }
      const r = safeAssess(x);
      expect(r.success).toBe(thrown === undefined);
    },
  );

  const junk = fc.oneof(
    fc.constant(-1),
    fc.constant('2026-02-30'),
    fc.constant(null),
    fc.constant('nobody'),
    fc.constant(1.5),
    fc.constant({}),
    fc.constant([]),
  );
  const field = fc.constantFrom('ageYears', 'dateOfBirth', 'sex', 'disability');
  test.prop([caseArb, fc.nat(), field, junk], RUNS)(
    'on cases with one field corrupted, never crashes and points at the field',
    (c, pi, f, value) => {
      const c2 = structuredClone(c);
      const i = pi % c2.people.length;
      (c2.people[i] as Record<string, unknown>)[f] = value;
      const r = safeAssess(c2);
      if (!r.success) {
        expect(r.error.issues.some((x) => x.path[0] === 'people' || x.path[0] === 'concerns')).toBe(true);
      }
    },
  );

  it('explains an unknown person id, an impossible date and a negative age', () => {
    const base = {
      assessmentDate: '2026-11-28',
      people: [{ id: 'a', ageYears: 5 }],
      concerns: [{ id: 'k', victim: 'a', harm: 'neglect' }],
    };
    const bad = (x: unknown) => {
      const r = safeAssess(x);
      if (r.success) throw new Error('expected an error');
      return r.error.issues[0];
    };
    expect(bad({ ...base, concerns: [{ id: 'k', victim: 'zz', harm: 'neglect' }] })).toMatchObject({
      at: 'concerns[0].victim',
      received: '"zz"',
    });
    expect(bad({ ...base, assessmentDate: '2026-02-30' })).toMatchObject({ at: 'assessmentDate', received: '"2026-02-30"' });
    expect(bad({ ...base, people: [{ id: 'a', ageYears: -3 }] })).toMatchObject({ at: 'people[0].ageYears', received: '-3' });
    expect(() => assess({ ...base, people: [{ id: 'a', ageYears: -3 }] } as unknown)).toThrow(
      /people\[0\]\.ageYears: expected a number of at least 0, got -3/,
    );
  });
});
