import { describe, expect, it } from 'vitest';
import { assess, safeAssess } from '../src/index.js';
import { loadScenarios } from './helpers/fixtures.js';

const scenarios = loadScenarios();

describe('legal scenarios (fixtures/)', () => {
  it('has enough scenarios to cover the law', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(scenarios.map((s) => [`${s.file}: ${s.scenario.name}`, s.scenario] as const))('%s', (_title, sc) => {
    it(sc.description, () => {
      const exp = sc.expected;
      if (exp.error) {
        const r = safeAssess(sc.case, sc.options);
        expect(r.success).toBe(false);
        if (r.success) return;
        const paths = r.error.issues.map((i) => i.path.join('.'));
        expect(paths).toContain(exp.error.path);
        for (const i of r.error.issues) expect(i.message).toMatch(/^at .+: expected .+, got .+/);
        return;
      }
      // The reasons of duties that do not apply are the full level's; statuses are checked at every level.
      const a = assess(sc.case, { ...sc.options, detail: 'full' });
      const standard = assess(sc.case, sc.options);
      const decisions = assess(sc.case, { ...sc.options, detail: 'decisions' });
      for (const d of exp.duties ?? []) {
        const got = a.duties.find((x) => x.duty === d.duty && x.person === d.person);
        expect(got, `${d.duty} for ${d.person} is assessed`).toBeDefined();
        if (!got) continue;
        const ctx = `${d.duty} for ${d.person}: reasons ${JSON.stringify(got.reasons.map((r) => [r.fact, r.result]))}`;
        expect(got.status, ctx).toBe(d.status);
        for (const other of [standard.duties, decisions.duties]) {
          const o = other.find((x) => x.duty === d.duty && x.person === d.person);
          expect([o?.status, o?.modality], `${ctx} at every level of detail`).toEqual([got.status, got.modality]);
        }
        if (d.modality) expect(got.modality, ctx).toBe(d.modality);
        for (const r of d.reasons ?? []) {
          expect(
            got.reasons.some((x) => x.fact === r.fact && x.result === r.result),
            `${ctx} includes ${r.fact}=${String(r.result)}`,
          ).toBe(true);
        }
        for (const m of d.missing ?? []) {
          expect(
            got.missing.map((x) => x.fact),
            ctx,
          ).toContain(m);
        }
        for (const n of d.notes ?? []) {
          expect(
            got.notes.map((x) => x.id),
            ctx,
          ).toContain(n);
        }
        if (d.presumed) expect([...new Set((got.presumed ?? []).map((p) => p.id))].sort(), ctx).toEqual([...d.presumed].sort());
      }
      for (const o of exp.overlaps ?? []) {
        const got = a.overlaps.find((x) => x.id === o.id && x.person === o.person);
        expect(got?.status, `overlap ${o.id} for ${o.person}`).toBe(o.status);
      }
      if (exp.guidance) {
        const ids = a.guidance.items.map((i) => i.id);
        for (const id of exp.guidance.includes ?? []) expect(ids).toContain(id);
        for (const id of exp.guidance.excludes ?? []) expect(ids).not.toContain(id);
      }
      if (exp.questionsFirst) expect(a.questions[0]?.fact).toBe(exp.questionsFirst);
    });
  });
});
