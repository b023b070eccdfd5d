import { describe, expect, it } from 'vitest';
import { assess, type CaseInput } from '../src/index.js';
import { reporterTurns18 } from './helpers/cases.js';

const s2B = (c: CaseInput) => {
  const d = assess(c, { detail: 'full' }).duties.find((x) => x.duty === 'dva-s2B' && x.person === 'sister');
  if (d === undefined) throw new Error('no s2B result');
  return d;
};
const continuing = (d: ReturnType<typeof s2B>) => d.reasons.find((r) => r.fact === 'knowledgeContinues');

describe('continuing knowledge: a day an age is reached', () => {
  it('binds an adult from the day he turns 18, and says which day', () => {
    const d = s2B(reporterTurns18());
    expect(d.status).toBe('applies');
    expect(d.reasons.find((r) => r.fact === 'reporterAge')).toMatchObject({ value: 18, result: true });
    expect(continuing(d)?.msg.label).toEqual({ id: 'reason.knowledgeContinues.ageReached', params: { date: '2026-03-01' } });
    expect(continuing(d)?.label).toContain('2026-03-01');
    expect(d.notes.map((n) => n.id)).toContain('continuing-knowledge');
  });

  it('takes the earliest such day, also where the act goes on to the assessment date', () => {
    const d = s2B(reporterTurns18({ incidentDate: 'ongoing' }));
    expect(d.status).toBe('applies');
    expect(continuing(d)?.msg.label).toEqual({ id: 'reason.knowledgeContinues.ageReached', params: { date: '2026-03-01' } });
  });

  it('binds from the day the age is certain where only an age in years is given', () => {
    // 18 on the assessment date: 17 or 18 on the knowledge date (open), certainly 18 on 2026-06-15 at the latest.
    const d = s2B(reporterTurns18({ reporter: { dateOfBirth: undefined, ageYears: 18 } }));
    expect(d.status).toBe('applies');
    expect(continuing(d)?.msg.label).toEqual({ id: 'reason.knowledgeContinues.ageReached', params: { date: '2026-06-15' } });
  });

  it('looks at no later day where the knowledge was dispelled, or where the two dates are one', () => {
    expect(s2B(reporterTurns18({ reporter: { stillKnows: false } })).status).toBe('does_not_apply');
    expect(s2B(reporterTurns18({ assessmentDate: '2026-02-01' })).status).toBe('does_not_apply');
  });
});
