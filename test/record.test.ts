import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { decisionRecord, replayDecisionRecord } from '../src/index.js';
import { reporterTurns18 } from './helpers/cases.js';
import { RULES_SHA256 } from '../src/rules/hash.js';
import { caseArb } from './helpers/arbitraries.js';
import { ROOT } from './helpers/fixtures.js';

const example = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/mitchells-plain.json'), 'utf8')) as Record<string, unknown>;

describe('decision records', () => {
  it('keep no names: every person and concern id is replaced, and the case id is dropped', () => {
    const named = structuredClone(example);
    (named.people as { id: string }[])[0]!.id = 'Nomsa';
    for (const k of named.concerns as { victim: string }[]) if (k.victim === 'mother') k.victim = 'Nomsa';
    const r = decisionRecord(named);
    expect(r.success).toBe(true);
    if (!r.success) return;
    const text = JSON.stringify(r.data);
    expect(text).not.toContain('Nomsa');
    expect(text).not.toContain('mother');
    expect(text).not.toContain('example-mitchells-plain');
    expect([...new Set(r.data.facts.map((f) => f.person))]).toEqual(['person-1', 'person-2', 'person-3']);
  });

  it('return the id mapping they applied, beside the record (not in it)', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    expect(r.ids.people).toEqual([
      { id: 'mother', recordId: 'person-1' },
      { id: 'child-a', recordId: 'person-2' },
      { id: 'child-b', recordId: 'person-3' },
      { id: 'partner', recordId: 'person-4' },
    ]);
    expect(r.ids.concerns.map((c) => c.recordId)).toEqual(r.ids.concerns.map((_, i) => `concern-${i + 1}`));
    expect(JSON.stringify(r.data)).not.toContain('child-a');
  });

  it('keep no dates of birth and no exact dates: only the derived facts the decision used', () => {
    const dated = structuredClone(example);
    (dated.people as Record<string, unknown>[])[1]!.dateOfBirth = '2021-04-09';
    const r = decisionRecord(dated);
    if (!r.success) throw r.error;
    const text = JSON.stringify(r.data);
    // The only dates left are the commencement dates of the provisions applied (public law, not case data).
    const commencements = new Set(
      r.data.law.flatMap((l) => l.versions.flatMap((v) => [v.inForceFrom, v.bindsFrom].filter((d): d is string => typeof d === 'string'))),
    );
    const dates = text.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
    expect(dates.filter((d) => !commencements.has(d))).toEqual([]);
    expect(text).not.toContain('2021-04-09');
    expect(text).not.toContain('2026-11-20');
    expect(text).not.toContain('dateOfBirth');
    // What the decision used instead: the child's age on the knowledge date.
    const child = r.data.facts.find((f) => f.person === 'person-2');
    expect(child?.facts.victimAgeAtKnowledge).toBe(5);
    expect(r.data.law.find((l) => l.duty === 'dva-s2B')?.versions).toEqual([
      { provision: expect.stringContaining('2B'), inForceFrom: '2023-04-14', mode: 'at-knowledge', certain: true, atAssessment: true },
    ]);
  });

  it('keep a day an age was reached while the reporter still knew by its place among the commencements, not by its date, and replay it', () => {
    // A 17-year-old who learned of his father's beating of his sister, and still knows on his 18th birthday (2026-03-01).
    const turns18 = reporterTurns18();
    const r = decisionRecord(turns18);
    if (!r.success) throw r.error;
    expect(r.data.outcome.find((o) => o.duty === 'dva-s2B')?.status).toBe('applies');
    const text = JSON.stringify(r.data);
    for (const d of ['2026-03-01', '2008-03-01', '2026-02-01', '2026-06-15', '2026-01-10']) expect(text).not.toContain(d);
    const ages = r.data.facts[0]?.dated.filter((d) => d.at === 'age') ?? [];
    expect(ages).toEqual([{ at: 'age', facts: expect.objectContaining({ reporterAge: 18 }) }]);
    expect(replayDecisionRecord(JSON.parse(text))).toEqual({ success: true, data: { sameRules: true, identical: true, differences: [] } });
    // Without the day, the replay finds the duty the record says applied does not.
    const without = structuredClone(r.data);
    for (const f of without.facts) f.dated = f.dated.filter((d) => d.at !== 'age');
    const again = replayDecisionRecord(without);
    if (!again.success) throw again.error;
    expect(again.data.differences).toContainEqual({ duty: 'dva-s2B', person: 'person-1', recorded: 'applies', now: 'does_not_apply' });
  });

  it('carry a SHA-256 of the rule files computed at build time, which the rule files on disk still give', () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const p = path.posix.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.json')) files.push(p);
      }
    };
    walk('rules');
    files.sort();
    const h = createHash('sha256');
    for (const f of files)
      h.update(`${f}\n`)
        .update(fs.readFileSync(path.join(ROOT, f)))
        .update('\n');
    expect(RULES_SHA256, 'src/rules/hash.ts is stale: run `npm run build`').toBe(h.digest('hex'));
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    expect(r.data.rulesHash).toBe(RULES_SHA256);
    expect(r.data.rulesetVersion).toMatch(new RegExp(`\\+rules\\.${RULES_SHA256.slice(0, 14)}$`));
  });

  it('record the ruleset version, the rule-file hash and the outcome', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    expect(r.data.rulesHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.data.outcome.find((o) => o.duty === 'ca-s110-1' && o.person === 'person-2')?.status).toBe('does_not_apply');
    expect(r.data.overlaps.find((o) => o.id === 'dva-report' && o.person === 'person-2')?.status).toBe('applies');
  });

  it('replay to the identical outcome with the same ruleset, for any case', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = decisionRecord(c);
        if (!r.success) throw r.error;
        const again = replayDecisionRecord(JSON.parse(JSON.stringify(r.data)));
        expect(again).toEqual({ success: true, data: { sameRules: true, identical: true, differences: [] } });
      }),
      { numRuns: 100 },
    );
  });

  it('report a tampered outcome and a changed ruleset hash', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    const tampered = structuredClone(r.data);
    tampered.rulesHash = '0'.repeat(64);
    tampered.outcome = tampered.outcome.map((o) => (o.duty === 'ca-s110-1' ? { ...o, status: 'applies' as const } : o));
    const again = replayDecisionRecord(tampered);
    expect(again.success).toBe(true);
    if (!again.success) return;
    expect(again.data.sameRules).toBe(false);
    expect(again.data.identical).toBe(false);
    expect(again.data.differences).toContainEqual({ duty: 'ca-s110-1', person: 'person-2', recorded: 'applies', now: 'does_not_apply' });
  });

  it('replay the rules on the recorded facts: a changed fact changes the outcome', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    const changed = structuredClone(r.data);
    // Had the reporter been a police official to whom it was reported: Children's Act s110(4) would apply.
    for (const f of changed.facts)
      Object.assign(f.facts, {
        reporterRole: 'police_official',
        reporterIsPoliceOfficial: true,
        receivedAsReport: true,
        physicalInjury: true,
      });
    const again = replayDecisionRecord(changed);
    if (!again.success) throw again.error;
    expect(again.data.sameRules).toBe(true);
    expect(again.data.identical).toBe(false);
    expect(again.data.differences.map((d) => d.duty)).toContain('ca-s110-4');
  });

  it('reject a record that carries an exact date as a fact value', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    const dated = structuredClone(r.data) as { facts: { facts: Record<string, unknown> }[] };
    dated.facts[0]!.facts.basis = '2026-11-20';
    const again = replayDecisionRecord(dated);
    expect(again.success).toBe(false);
  });

  it('reject a malformed record with the path of the problem', () => {
    const r = replayDecisionRecord({ recordVersion: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.at)).toContain('recordVersion');
  });
});
