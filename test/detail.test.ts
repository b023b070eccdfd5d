import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, explain, AssessmentSchema, type Assessment, type CompactAssessment } from '../src/index.js';
import { compactAssessment, CompactAssessmentSchema, decisionsJson } from '../src/cli/compact.js';
import { caseArb } from './helpers/arbitraries.js';
import { loadScenarios } from './helpers/fixtures.js';

/*
 * Levels of detail (issue 13): `decisions` and `full` agree on every status, modality, presumption
 * and missing fact; `standard` is `full` without the reasons of duties that do not apply; `explain`
 * gives those reasons back byte for byte; every level validates against its schema.
 */

const TODAY = { today: '2026-11-28' } as const;
const MODES = [{ presumptions: true }, { presumptions: false }] as const;
const RUNS = { numRuns: 300 };

/** What a decision is, read from either level: status, modality, presumption ids, missing fact names. */
function decisionsOf(a: Assessment | CompactAssessment): string[] {
  return a.duties.map((d) => {
    const presumed = (d.presumed ?? []).map((p) => (typeof p === 'string' ? p : p.id));
    const missing = d.missing.map((m) => (typeof m === 'string' ? m : m.fact));
    return JSON.stringify([d.duty, d.person, d.status, d.modality, [...new Set(presumed)], [...new Set(missing)]]);
  });
}

const scenarios = loadScenarios().filter((s) => !s.scenario.expected.error);

describe('levels of detail', () => {
  it('decisions and full agree on every status, modality, presumption and missing fact (random cases, both modes)', () => {
    for (const mode of MODES) {
      fc.assert(
        fc.property(caseArb, (c) => {
          const full = assess(c, { ...mode, ...TODAY, detail: 'full' });
          const decisions = assess(c, { ...mode, ...TODAY, detail: 'decisions' });
          expect(decisionsOf(decisions)).toEqual(decisionsOf(full));
          expect(decisions.overlaps).toEqual(full.overlaps.map((o) => ({ id: o.id, person: o.person, status: o.status })));
          // The decisions level is the compact output, built without the full assessment.
          expect(decisionsJson(decisions)).toBe(JSON.stringify(compactAssessment(full)));
        }),
        RUNS,
      );
    }
  });

  it('the decisions level is exactly the compact form of the full assessment, for every scenario in both modes', () => {
    for (const s of scenarios) {
      for (const mode of MODES) {
        const full = assess(s.scenario.case, { ...s.scenario.options, ...mode, ...TODAY, detail: 'full' });
        const decisions = assess(s.scenario.case, { ...s.scenario.options, ...mode, ...TODAY, detail: 'decisions' });
        expect(JSON.stringify(decisions), s.scenario.name).toBe(JSON.stringify(compactAssessment(full)));
        expect(decisionsJson(decisions)).toBe(JSON.stringify(decisions));
        expect(JSON.parse(decisionsJson(decisions, 3))).toEqual({ line: 3, ...decisions });
        expect(CompactAssessmentSchema.safeParse(decisions).success).toBe(true);
      }
    }
  });

  it('decisionsJson writes what JSON.stringify writes, once the reasons it keeps are many and for values it does not keep', () => {
    // decisionsJson keeps each reason's text by fact, value and result (up to 10,000); past that,
    // and for ranges and lists, it writes the text afresh. Both must be JSON.stringify's text.
    const base = assess(scenarios[0]?.scenario.case, { ...TODAY, detail: 'decisions' });
    const reasons: CompactAssessment['duties'][number]['reasons'][number][] = [];
    for (let i = 0; i < 25_000; i++) {
      reasons.push({ fact: 'victimAgeAtIncident', value: i, result: i % 3 === 0 ? 'unknown' : i % 3 === 1 });
      reasons.push({ fact: 'knowledgeDate', value: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}#${i}`, result: i % 2 === 0 });
    }
    reasons.push({ fact: 'victimAgeAtKnowledge', value: { min: -0, max: 3 }, result: true });
    reasons.push({ fact: 'harm', value: ['physical_abuse', 'neglect'], result: false });
    reasons.push({ fact: 'domesticRelationship', value: null, result: 'unknown' });
    const duty = { ...(base.duties[0] as CompactAssessment['duties'][number]), reasons };
    const many: CompactAssessment = { ...base, duties: [duty, duty, ...base.duties] };
    expect(decisionsJson(many, 7)).toBe(JSON.stringify({ line: 7, ...many }));
    expect(decisionsJson(many)).toBe(JSON.stringify(many));
  });

  it('standard is full without the reasons of duties that do not apply, and the default', () => {
    fc.assert(
      fc.property(caseArb, fc.boolean(), (c, presumptions) => {
        const full = assess(c, { presumptions, ...TODAY, detail: 'full' });
        const standard = assess(c, { presumptions, ...TODAY, detail: 'standard' });
        expect(JSON.stringify(assess(c, { presumptions, ...TODAY }))).toBe(JSON.stringify(standard));
        const expected = { ...full, duties: full.duties.map((d) => (d.status === 'does_not_apply' ? { ...d, reasons: [] } : d)) };
        expect(JSON.stringify(standard)).toBe(JSON.stringify(expected));
        for (const d of standard.duties) if (d.status === 'does_not_apply') expect(d.reasons).toEqual([]);
      }),
      RUNS,
    );
  });

  it('explain gives the reasons full holds, byte for byte, for every duty and person of every scenario', () => {
    let omitted = 0;
    for (const s of scenarios) {
      for (const mode of MODES) {
        const options = { ...s.scenario.options, ...mode, ...TODAY };
        const full = assess(s.scenario.case, { ...options, detail: 'full' });
        for (const d of full.duties) {
          expect(JSON.stringify(explain(s.scenario.case, d.duty, d.person, options)), `${s.scenario.name}: ${d.duty}/${d.person}`).toBe(
            JSON.stringify(d.reasons),
          );
          if (d.status === 'does_not_apply') omitted++;
        }
      }
    }
    expect(omitted).toBeGreaterThan(100);
    const c = scenarios[0]?.scenario.case;
    expect(explain(c, 'dva-s2A', 'nobody')).toBeUndefined();
    expect(() => explain({ people: [] } as unknown, 'dva-s2A', 'x')).toThrow(/expected/);
  });

  it('every level validates against its schema', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        expect(AssessmentSchema.safeParse(assess(c, { ...TODAY, detail: 'full' })).success).toBe(true);
        expect(AssessmentSchema.safeParse(assess(c, TODAY)).success).toBe(true);
        expect(CompactAssessmentSchema.safeParse(assess(c, { ...TODAY, detail: 'decisions' })).success).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
