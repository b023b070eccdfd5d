import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../src/index.js';
import { caseArb } from './helpers/arbitraries.js';

describe('guidance', () => {
  it('puts the police call first whenever someone is in immediate danger', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const c2 = structuredClone(c);
        (c2.concerns[0] as Record<string, unknown>).immediateDanger = true;
        expect(assess(c2).guidance.items[0]?.id).toBe('emergency-call-police');
      }),
      { numRuns: 100 },
    );
  });

  it('keeps guidance apart from duties: each item has sources and names the people it concerns', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = assess(c);
        const persons = new Set(a.duties.map((d) => d.person));
        for (const g of a.guidance.items) {
          expect(g.sources.length).toBeGreaterThan(0);
          for (const p of g.persons) expect(persons).toContain(p);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never tells a practitioner that no duty covers a person when a must-duty about her applies or may apply', () => {
    const noDuty = ['tension-adult-no-duty', 'record-consent'];
    const dutyFor = (a: ReturnType<typeof assess>, person: string) =>
      a.duties.some((d) => d.person === person && d.modality === 'must' && d.status !== 'does_not_apply') ||
      a.overlaps.some((o) => o.person === person && o.id === 'dva-report' && o.status !== 'does_not_apply');
    let shown = 0;
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, strict) => {
        const a = assess(c, strict ? { presumptions: false } : {});
        for (const g of a.guidance.items) {
          if (!noDuty.includes(g.id)) continue;
          shown++;
          for (const p of g.persons) expect(dutyFor(a, p), `${g.id} for ${p}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    // The property is about something: the items do show where no duty covers an adult.
    expect(shown).toBeGreaterThan(0);
  });

  it('ranks questions by how many duty statuses each would settle', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const a = assess(c);
        // Open questions first, most decisive first; then the ones a presumption answers for now.
        for (let i = 1; i < a.questions.length; i++) {
          const prev = a.questions[i - 1]!;
          const next = a.questions[i]!;
          expect(Number(prev.presumed ?? false)).toBeLessThanOrEqual(Number(next.presumed ?? false));
          if ((prev.presumed ?? false) === (next.presumed ?? false))
            expect(prev.settles.length).toBeGreaterThanOrEqual(next.settles.length);
        }
        // Every missing fact of every may_apply duty is asked, once.
        const asked = new Set(a.questions.map((q) => `${q.fact}|${q.about}`));
        for (const d of a.duties) if (d.status === 'may_apply') for (const m of d.missing) expect(asked).toContain(`${m.fact}|${m.about}`);
        expect(asked.size).toBe(a.questions.length);
      }),
      { numRuns: 100 },
    );
  });
});
