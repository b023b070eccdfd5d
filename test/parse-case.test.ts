import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { COMPILE_AFTER, parseCase } from '../src/case/parse-case.js';
import { CaseInputSchema, CaseShapeSchema } from '../src/case/schema.js';
import { HARMS, RELATIONSHIPS } from '../src/case/vocabulary.js';
import { caseArb } from './helpers/arbitraries.js';
import { loadScenarios } from './helpers/fixtures.js';

/*
 * Validation's fast path (parseCase: zod's compiled schema for the fields, the checks across fields
 * as plain code, the whole schema again on failure) must give exactly what the schema gives:
 * `CaseInputSchema.safeParse(input, { reportInput: true })`, the same data (keys in the same order,
 * the same explicit `undefined`s, fresh objects) or the same issues, on valid input and on input
 * broken in every way a field can be. The scenarios run first: the first COMPILE_AFTER cases go
 * through the plain schema, the rest through the compiled one, so both paths are compared.
 */

/** Deep equality that also compares the order of keys, and `-0` with `0` as different. */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function expectSame(input: unknown): void {
  const fast = parseCase(input);
  const schema = CaseInputSchema.safeParse(input, { reportInput: true });
  expect(fast.success).toBe(schema.success);
  if (fast.success && schema.success) {
    expect(same(fast.data, schema.data)).toBe(true);
    // Fresh objects: nothing of the input is handed back to be changed under the caller.
    if (typeof input === 'object' && input !== null) expect(fast.data).not.toBe(input);
  } else if (!fast.success && !schema.success) {
    expect(isDeepStrictEqual(fast.error.issues, schema.error.issues)).toBe(true);
  }
}

/** Values a field might wrongly (or rightly) hold. */
const oddValue = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    130,
    131,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 53,
    '',
    'x',
    'ongoing',
    '2024-02-29',
    '2023-02-29',
    '2026-13-01',
    '1849-12-31',
    '1850-01-01',
    '2200-12-31',
    '2201-01-01',
    '2026-1-01',
    ' 2026-01-01',
    'a'.repeat(200),
    'a'.repeat(201),
    [],
    {},
    { min: 3, max: 2 },
    { min: 2, max: 3 },
    { min: 2, max: 3, extra: 1 },
    ['a'],
    [1],
  ),
  fc.constantFrom(...HARMS, ...RELATIONSHIPS),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 200 }),
);

/** A case with one value set (or a key added) at a random place: the top level, the reporter, a person or a concern. */
const mutatedArb = fc
  .tuple(
    caseArb,
    fc.constantFrom('top', 'reporter', 'person', 'concern'),
    fc.nat(),
    fc.constantFrom(
      'id',
      'assessmentDate',
      'reporter',
      'people',
      'concerns',
      'role',
      'ageYears',
      'dateOfBirth',
      'ageRange',
      'knowledgeDate',
      'stillKnows',
      'victim',
      'allegedBy',
      'harm',
      'relationship',
      'incidentDate',
      'consensual',
      'caregiverOf',
      'sexualContact',
      'unknownKey',
    ),
    oddValue,
  )
  .map(([c, where, n, key, value]) => {
    const x = structuredClone(c) as Record<string, unknown> & { people: Record<string, unknown>[]; concerns: Record<string, unknown>[] };
    const target =
      where === 'top'
        ? x
        : where === 'reporter'
          ? ((x.reporter ??= {}) as Record<string, unknown>)
          : where === 'person'
            ? x.people[n % x.people.length]
            : x.concerns[n % x.concerns.length];
    if (target) target[key] = value;
    return x;
  });

describe('parseCase gives what CaseInputSchema gives', () => {
  it('zod compiles the whole shape of a case (nothing left to the plain parser)', () => {
    expect(() => z.compile(CaseShapeSchema, { strict: true })).not.toThrow();
  });

  it('on every scenario, the bad ones included', () => {
    const all = loadScenarios();
    expect(all.length).toBeGreaterThan(COMPILE_AFTER * 2);
    for (const s of all) expectSame(s.scenario.case);
  });

  it('on random valid cases', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(CaseInputSchema.safeParse(c).success).toBe(true);
        expectSame(c);
      }),
      { numRuns: 300 },
    );
  });

  it('on random cases with one field set to an odd value, a key added or a reference broken', () => {
    let failed = 0;
    fc.assert(
      fc.property(mutatedArb, (c) => {
        if (!CaseInputSchema.safeParse(c).success) failed++;
        expectSame(c);
      }),
      { numRuns: 1500 },
    );
    // The mutations reach both sides: some inputs stay valid, most do not.
    expect(failed).toBeGreaterThan(300);
    expect(failed).toBeLessThan(1500);
  });

  it('on what is not a case at all', () => {
    for (const x of [undefined, null, 0, 'case', [], {}, { people: [], concerns: [] }, Object.create(null)]) expectSame(x);
  });

  it('on keys JSON can carry but an object literal cannot, and on inherited keys', () => {
    const base = '"people":[{"id":"a"}],"concerns":[{"victim":"a","harm":"neglect"}]';
    expectSame(JSON.parse(`{${base},"__proto__":{"id":"x"}}`));
    expectSame(JSON.parse(`{"reporter":{"__proto__":{"role":"teacher"}},${base}}`));
    expectSame(JSON.parse(`{"people":[{"id":"a","__proto__":{}}],"concerns":[{"victim":"a","harm":"neglect","constructor":1}]}`));
    // An own key that shadows nothing, and a key only on the prototype (a caller's object, not JSON).
    const inherited = Object.assign(Object.create({ extra: 1 }) as Record<string, unknown>, JSON.parse(`{${base}}`) as object);
    expectSame(inherited);
  });

  it('on explicit undefineds, a missing reporter and duplicate or unknown ids', () => {
    const base = { people: [{ id: 'a' }, { id: 'b' }], concerns: [{ victim: 'a', harm: 'neglect' }] };
    expectSame(base);
    expectSame({ ...base, reporter: undefined, id: undefined, assessmentDate: undefined });
    expectSame({ ...base, people: [{ id: 'a' }, { id: 'a' }] });
    expectSame({ ...base, concerns: [{ victim: 'c', harm: 'neglect' }] });
    expectSame({ ...base, concerns: [{ victim: 'a', allegedBy: 'a', harm: 'neglect' }] });
    expectSame({
      ...base,
      concerns: [
        { id: 'c2', victim: 'a', harm: 'neglect' },
        { victim: 'b', harm: 'neglect' },
      ],
    });
    expectSame({ ...base, people: [{ id: 'a', caregiverOf: ['z'] }] });
  });
});
