import { describe, expect, it } from 'vitest';
import { assess, decisionRecord, isValidationError, safeAssess } from '../src/index.js';
import { createEngine } from '../src/json-rules-engine.js';

// Options go through a schema and the same ValidationError as the case.

const noDate = {
  reporter: { role: 'teacher', ageYears: 34, inCourseOfDuties: true },
  people: [{ id: 'child-a', ageYears: 5 }],
  concerns: [{ id: 'c1', victim: 'child-a', harm: 'physical_abuse', basis: 'reasonable_suspicion' }],
};

describe('assess options', () => {
  it.each([['garbage'], ['2026-02-30'], [new Date('2026-11-28')], [20261128], [null]])(
    'today: %s is a ValidationError at options.today',
    (today) => {
      const r = safeAssess(noDate as unknown, { today } as unknown as { today: string });
      expect(r.success).toBe(false);
      if (r.success) return;
      expect(r.error.issues.map((i) => i.at)).toEqual(['options.today']);
      expect(r.error.issues[0]?.message).toMatch(/^at options\.today: expected .+, got .+/);
      expect(() => assess(noDate as unknown, { today } as unknown as { today: string })).toThrow(
        expect.objectContaining({ name: 'ValidationError' }),
      );
    },
  );

  it('an unknown option is named, and a bad option is reported together with a bad case', () => {
    const r = safeAssess({ ...noDate, people: [] } as unknown, { todya: '2026-11-28' } as unknown as { today: string });
    expect(r.success).toBe(false);
    if (r.success) return;
    const at = r.error.issues.map((i) => i.at);
    expect(at).toContain('options');
    expect(at).toContain('people');
  });

  it('a real date is used, and a record cannot store a garbage date', () => {
    expect(assess(noDate as unknown, { today: '2026-11-28' }).assessmentDate).toBe('2026-11-28');
    const rec = decisionRecord(noDate as unknown, { today: 'garbage' });
    expect(rec.success).toBe(false);
    if (!rec.success) expect(rec.error.issues.map((i) => i.at)).toEqual(['options.today']);
  });
});

describe('createEngine options', () => {
  it.each([['garbage'], [new Date('2026-11-28')]])('lawAsAt: %s is a ValidationError at options.lawAsAt', (lawAsAt) => {
    let caught: unknown;
    try {
      createEngine({ lawAsAt } as unknown as { lawAsAt: string });
    } catch (e) {
      caught = e;
    }
    expect(isValidationError(caught)).toBe(true);
    if (!isValidationError(caught)) return;
    expect(caught.issues.map((i) => i.at)).toEqual(['options.lawAsAt']);
  });

  it('a real date loads the rules', () => {
    expect(createEngine({ lawAsAt: '2026-11-20' })).toBeDefined();
  });
});
