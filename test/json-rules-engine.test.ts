import { describe, expect, it } from 'vitest';
import { assess, type CaseInput } from '../src/index.js';
import { caseFacts, createEngine } from '../src/json-rules-engine.js';

// createEngine / caseFacts (the `za-reporting-duties/json-rules-engine` subpath) on the README's
// own example: json-rules-engine gets facts it can compare, fires what assess finds applying, and
// each entry says which facts it could not settle.

/** The README's example case: a teacher at work suspects a parent exposes a 5-year-old to domestic violence. */
const readme: CaseInput = {
  assessmentDate: '2026-11-28',
  reporter: { role: 'teacher', ageYears: 34, inCourseOfDuties: true, knowledgeDate: '2026-11-20' },
  people: [
    { id: 'child-a', ageYears: 5 },
    { id: 'partner', ageYears: 35, sex: 'male' },
  ],
  concerns: [
    {
      id: 'c1',
      victim: 'child-a',
      allegedBy: 'partner',
      relationship: 'parent',
      harm: 'exposure_to_domestic_violence',
      basis: 'reasonable_suspicion',
    },
  ],
};

async function fired(c: CaseInput): Promise<{ person: string; fired: string[]; applying: string[]; unsettled: readonly string[] }[]> {
  const a = assess(c);
  const engine = createEngine({ lawAsAt: a.lawAsAt });
  const out = [];
  for (const f of caseFacts(c)) {
    const { events } = await engine.run(f.facts);
    out.push({
      person: f.person,
      fired: [...new Set(events.map((e) => e.type))].sort(),
      applying: a.duties
        .filter((d) => d.person === f.person && d.status === 'applies' && d.concerns.includes(f.concern))
        .map((d) => d.duty)
        .sort(),
      unsettled: f.unsettled,
    });
  }
  return out;
}

describe('createEngine and caseFacts on the README example', () => {
  it('gives ages known within bounds as whole numbers json-rules-engine can compare', () => {
    // ageYears is on the assessment date; on the knowledge date, 8 days earlier, the child was 4 or 5.
    const [f] = caseFacts(readme);
    expect(f?.facts.victimAgeAtKnowledge).toBe(5);
    expect(f?.facts.reporterAge).toBe(34);
    expect(Object.values(f?.facts ?? {}).some((v) => typeof v === 'object' && v !== null && !Array.isArray(v))).toBe(false);
  });

  it('as written (functionary status unknown): names the open question, where the two-valued engine cannot be trusted', async () => {
    const [r] = await fired(readme);
    // assess: neither DVA duty applies for certain (a DVA report is due either way, below).
    expect(r).toMatchObject({ person: 'child-a', applying: [] });
    expect(r?.unsettled).toContain('reporterIsFunctionary');
    // json-rules-engine reads the missing fact as a value: s2B's negated s2A(2) limb fires. This is
    // why caseFacts lists the unsettled facts: with any listed, use assess.
    expect(r?.fired).toEqual(['dva-s2B']);
    expect(assess(readme).overlaps.find((o) => o.id === 'dva-report')?.status).toBe('applies');
  });

  it('with the question answered: fires exactly the DVA duty assess finds applying (s2B if not a functionary, s2A if one)', async () => {
    const answered = (dvaFunctionary: boolean): CaseInput => ({ ...readme, reporter: { ...readme.reporter, dvaFunctionary } });
    expect(await fired(answered(false))).toEqual([expect.objectContaining({ fired: ['dva-s2B'], applying: ['dva-s2B'] })]);
    expect(await fired(answered(true))).toEqual([expect.objectContaining({ fired: ['dva-s2A'], applying: ['dva-s2A'] })]);
  });

  it('leaves out an age range that straddles a threshold and lists it as unsettled', () => {
    const c: CaseInput = {
      ...readme,
      people: [
        { id: 'child-a', ageRange: { min: 17, max: 18 } },
        { id: 'partner', ageYears: 35 },
      ],
    };
    const [f] = caseFacts(c);
    expect(f?.facts.victimAgeAtKnowledge).toBeUndefined();
    expect(f?.unsettled).toContain('victimAgeAtKnowledge');
  });

  it('throws the ValidationError on bad input, as assess does', () => {
    expect(() => caseFacts({ people: [] } as unknown)).toThrow(/people/);
  });
});
