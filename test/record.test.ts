import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionRecord, replayDecisionRecord } from '../src/index.js';
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
    expect(r.data.input.people.map((p) => p.id)).toEqual(['person-1', 'person-2', 'person-3', 'person-4']);
  });

  it('record the ruleset version, the rule-file hash, the law-as-at date and the outcome', () => {
    const r = decisionRecord(example);
    if (!r.success) throw r.error;
    expect(r.data.lawAsAt).toBe('2026-11-20');
    expect(r.data.rulesHash).toMatch(/^[0-9a-f]{14}$/);
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
    tampered.rulesHash = '00000000000000';
    tampered.outcome = tampered.outcome.map((o) => (o.duty === 'ca-s110-1' ? { ...o, status: 'applies' as const } : o));
    const again = replayDecisionRecord(tampered);
    expect(again.success).toBe(true);
    if (!again.success) return;
    expect(again.data.sameRules).toBe(false);
    expect(again.data.identical).toBe(false);
    expect(again.data.differences).toContainEqual({ duty: 'ca-s110-1', person: 'person-2', recorded: 'applies', now: 'does_not_apply' });
  });

  it('reject a malformed record with the path of the problem', () => {
    const r = replayDecisionRecord({ recordVersion: 2 });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.at)).toContain('recordVersion');
  });
});
