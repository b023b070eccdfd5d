import { describe, expect, it } from 'vitest';
import { assess } from '../src/index.js';

const survivor = {
  assessmentDate: '2026-11-20',
  reporter: { role: 'member_of_public', ageYears: 40 },
  people: [
    { id: 'woman', ageYears: 25, sex: 'female', disability: 'none' },
    { id: 'uncle', ageYears: 50, sex: 'male' },
  ],
  concerns: [{ id: 'c1', victim: 'woman', allegedBy: 'uncle', relationship: 'aunt_or_uncle', harm: 'sexual_abuse', basis: 'knowledge' }],
} as const;

describe('questions', () => {
  it('never ask for a fact the case already gives: with her age given, only the date of the act is asked', () => {
    const a = assess(survivor, { presumptions: false });
    const q = a.questions.find((x) => x.fact === 'victimAgeAtIncident');
    expect(q).toBeDefined();
    expect(q?.inputs).toEqual(['concerns[0].incidentDate']);
    expect(q?.question).toMatch(/^When did it happen/);
    expect(q?.question).not.toMatch(/date of birth|age\)/);
  });

  it('keep the question a presumption answers for now, flagged and asked last', () => {
    const a = assess(survivor);
    const s54 = a.duties.find((d) => d.duty === 'soa-s54-1');
    expect(s54?.status).toBe('does_not_apply');
    expect(s54?.presumed?.map((p) => p.id)).toEqual(['recent-incident']);
    expect(s54?.strictStatus).toBe('may_apply');
    const q = a.questions.find((x) => x.fact === 'victimAgeAtIncident');
    expect(q?.presumed).toBe(true);
    const first = a.questions.findIndex((x) => x.presumed === true);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(a.questions.slice(first).every((x) => x.presumed === true)).toBe(true);
    expect(a.questions.indexOf(q as NonNullable<typeof q>)).toBeGreaterThanOrEqual(first);
    expect(a.mode).toBe('presumptive');
    expect(assess(survivor, { presumptions: false }).mode).toBe('strict');
  });
});
