import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../src/case/ages.js';
import { FACTS } from '../src/case/facts.js';
import { S110_LISTED_ROLES, RELATIONSHIPS, DUTY_IDS } from '../src/case/vocabulary.js';
import { CONDITION_SOURCES, RULE_SOURCES } from '../src/rules/rule-files.js';
import { buildRuleSet } from '../src/rules/rule-set.js';
import { factsOf } from '../src/engine/condition.js';
import { PARAMETER_SOURCES, presumptions, reporterRoles, relationships, validateParameters } from '../src/rules/parameters.js';
import { GENERAL_NOTES, OVERLAP_SOURCES, validateOverlaps } from '../src/rules/overlaps.js';
import { loadGuidance } from '../src/assessment/guidance.js';
import { isValidationError } from '../src/errors/validation-error.js';
import { dutyCatalogue } from '../src/index.js';
import { ROOT } from './helpers/fixtures.js';

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('rule files', () => {
  const set = buildRuleSet();

  it('validate against the rule-file schema and cross-check (every duty once, facts known, conditions defined)', () => {
    expect([...set.rules.keys()].sort()).toEqual([...DUTY_IDS].sort());
    expect(() => validateParameters()).not.toThrow();
    expect(() => validateOverlaps()).not.toThrow();
  });

  it('load at start-up exactly as validated: the trusted bundle equals the parsed files', () => {
    const trusted = buildRuleSet(RULE_SOURCES, CONDITION_SOURCES, undefined, { trustBundled: true });
    expect([...trusted.rules.values()]).toEqual([...set.rules.values()]);
    expect([...trusted.conditions.values()]).toEqual([...set.conditions.values()]);
    expect(loadGuidance(undefined, undefined, { trustBundled: true })).toEqual(loadGuidance());
  });

  it('are all bundled: every JSON file under rules/ is loaded by the library', () => {
    const bundled = new Set([
      ...[...RULE_SOURCES, ...CONDITION_SOURCES, ...OVERLAP_SOURCES].map((s) => s.path),
      ...PARAMETER_SOURCES.map((s) => s.file),
      'rules/notes.json',
    ]);
    const onDisk = filesUnder(path.join(ROOT, 'rules'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
      .filter((f) => !f.startsWith('rules/guidance/'));
    for (const f of onDisk) expect(bundled, f).toContain(f);
  });

  it('read a condition over two dates from one file: each instance reads its own date and refers to the same date', () => {
    expect(set.named.get('victimIsChildNow')).toEqual({
      fact: 'victimAgeAtKnowledge',
      operator: 'lessThan',
      value: 18,
      name: 'under 18 on the knowledge date',
    });
    expect(set.named.get('victimIsChildAtIncident')).toEqual({
      fact: 'victimAgeAtIncident',
      operator: 'lessThan',
      value: 18,
      name: 'under 18 when the act was committed',
    });
    expect(set.named.get('dvaVictimClassNow')).toMatchObject({
      any: [{ condition: 'victimIsChildNow' }, { fact: 'victimHasDisability' }, { condition: 'victimIsOlderPersonNow' }],
    });
    expect(set.named.get('dvaVictimClassAtIncident')).toMatchObject({
      any: [{ condition: 'victimIsChildAtIncident' }, { fact: 'victimHasDisability' }, { condition: 'victimIsOlderPersonAtIncident' }],
    });
    expect([...factsOf({ condition: 'victimIsOlderPersonAtIncident' }, set.named)].sort()).toEqual(['victimAgeAtIncident', 'victimSex']);
    // The file's own name is not a condition a rule can refer to: only its dated instances are.
    expect(set.named.has('victimIsChild')).toBe(false);
  });

  it('cite a source and a verification label for every version, and show no penalty figure unless verified', () => {
    for (const r of set.rules.values()) {
      for (const v of r.versions) {
        expect(v.source).toMatch(/^https?:\/\//);
        expect(['exact', 'partial', 'secondary', 'unverified']).toContain(v.verification);
      }
      if (r.offence?.penalty.text) expect(r.offence.penalty.verification, r.id).toBe('exact');
      if (r.form?.number) expect(['exact', 'partial', 'secondary'], r.id).toContain(r.form.verification);
    }
  });

  it('never state a DV Regulations form number (the reg 4/5 mapping is unverified)', () => {
    for (const id of ['dva-s2A', 'dva-s2B'] as const) {
      const r = set.rules.get(id);
      expect(r?.form?.number).toBeNull();
      expect(r?.form?.verification).toBe('unverified');
    }
  });

  it('encode the commencement dates of the digest', () => {
    const from = (id: (typeof DUTY_IDS)[number]) => set.rules.get(id)?.versions.map((v) => v.inForce.from);
    expect(from('dva-s2A')).toEqual(['2023-04-14']);
    expect(from('dva-s2B')).toEqual(['2023-04-14']);
    expect(from('ca-s110-1')).toEqual(['2010-04-01']);
    expect(from('soa-s54-1')).toEqual(['2007-12-16', '2022-07-31']);
    expect(from('opa-s26')).toEqual(['2010-04-01']);
    expect(from('tip-s18')).toEqual(['2015-08-09']);
  });

  it('document every interpretation note id and presumption in docs/interpretation.md', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/interpretation.md'), 'utf8');
    const ids = new Set<string>();
    for (const r of set.rules.values()) for (const n of [...r.notes, ...r.versions.flatMap((v) => v.notes)]) ids.add(n.id);
    for (const n of GENERAL_NOTES.keys()) ids.add(n);
    for (const p of presumptions.presumptions) ids.add(p.id);
    expect(ids.size).toBeGreaterThan(30);
    for (const id of ids) expect(doc, `docs/interpretation.md names ${id}`).toContain(`\`${id}\``);
  });

  it('list exactly the s110(1) reporters, and classify every relationship', () => {
    expect([...reporterRoles.s110Listed.roles].sort()).toEqual([...S110_LISTED_ROLES].sort());
    expect(reporterRoles.s110Listed.roles).not.toContain('police_official');
    expect(reporterRoles.s110Listed.roles).not.toContain('member_of_public');
    for (const rel of RELATIONSHIPS) {
      for (const table of Object.values(relationships)) expect(table.values[rel], rel).toBeDefined();
    }
  });

  it('have a label and a question for every derived fact', () => {
    // The one fact no input answers: whether a provision of unverified commencement was in force.
    const noInput = new Set(['lawInForce']);
    for (const [name, def] of Object.entries(FACTS)) {
      expect(def.question.length, name).toBeGreaterThan(10);
      expect(def.label.length, name).toBeGreaterThan(2);
      expect(def.label, `${name}: a label in words, not the fact name`).not.toMatch(/_|[a-z][A-Z]/);
      expect(def.inputs.length > 0, name).toBe(!noInput.has(name));
    }
  });

  it('appear in the public catalogue with every version', () => {
    const cat = dutyCatalogue();
    expect(cat.duties.map((d) => d.id)).toEqual([...DUTY_IDS]);
    expect(cat.rulesetVersion).toMatch(/\+rules\.[0-9a-f]{14}$/);
  });

  describe('broken rule files fail with a specific error', () => {
    const dir = path.join(ROOT, 'test/broken-rules');
    for (const f of fs.readdirSync(dir)) {
      it(f, () => {
        const { expectedCode, expectedPath, rule, rules, conditions } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
          expectedCode: string;
          expectedPath: string;
          rule?: unknown;
          rules?: unknown[];
          conditions?: unknown[];
        };
        const ruleSources = (rules ?? [rule]).map((data) => ({ path: `test/broken-rules/${f}`, data }));
        const conditionSources = [...CONDITION_SOURCES, ...(conditions ?? []).map((data) => ({ path: `test/broken-rules/${f}`, data }))];
        let err: unknown;
        try {
          buildRuleSet(ruleSources, conditionSources);
        } catch (e) {
          err = e;
        }
        expect(isValidationError(err)).toBe(true);
        if (!isValidationError(err)) return;
        expect(err.message).toContain(`test/broken-rules/${f}`);
        expect(
          err.issues.some((i) => i.code === expectedCode && i.path.join('.') === expectedPath),
          JSON.stringify(err.issues),
        ).toBe(true);
      });
    }
  });
});

describe('guidance files', () => {
  const g = loadGuidance();

  describe('broken guidance files fail with a specific error', () => {
    const dir = path.join(ROOT, 'test/broken-guidance');
    for (const f of fs.readdirSync(dir)) {
      it(f, () => {
        const { expectedCode, expectedPath, items } = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as {
          expectedCode: string;
          expectedPath: string;
          items: unknown;
        };
        let err: unknown;
        try {
          loadGuidance(items);
        } catch (e) {
          err = e;
        }
        expect(isValidationError(err), f).toBe(true);
        if (!isValidationError(err)) return;
        expect(
          err.issues.some((i) => i.code === expectedCode && i.path.join('.') === expectedPath),
          JSON.stringify(err.issues),
        ).toBe(true);
      });
    }
  });

  it('validate, name only guidance facts, and cite a source for every item', () => {
    expect(g.items.length).toBeGreaterThan(20);
    for (const i of g.items) expect(i.sources.length, i.id).toBeGreaterThan(0);
  });

  it('have helplines checked within the year before the release, so each release rechecks them', () => {
    // The release date, not the machine's clock: the test gives the same answer on any day.
    const release = /^## \d+\.\d+\.\d+ — (\d{4}-\d{2}-\d{2})$/m.exec(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'))?.[1];
    expect(release, 'CHANGELOG.md has a dated release heading').toBeDefined();
    for (const h of g.helplines) {
      const days = daysBetween(release as string, h.lastChecked);
      expect(days, `${h.id} checked after the release?`).toBeGreaterThanOrEqual(0);
      expect(days, `${h.id} last checked ${h.lastChecked}: recheck the number and update lastChecked`).toBeLessThanOrEqual(366);
    }
  });

  it('show Childline as 116 only and lead the GBV Command Centre with 0800 428 428', () => {
    const byId = new Map(g.helplines.map((h) => [h.id, h] as const));
    const childline = [...byId.values()].find((h) => /childline/i.test(h.name));
    expect(childline?.number).toBe('116');
    expect(JSON.stringify(childline)).not.toContain('055 555');
    expect([...byId.values()].find((h) => /command centre/i.test(h.name))?.number).toBe('0800 428 428');
  });
});
