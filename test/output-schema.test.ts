import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess, AssessmentSchema } from '../src/index.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';

// Every assessment the library produces for the bundled scenarios and examples fits the output
// contract (strict objects: no field missing, none extra).
const scenarios = loadScenarios().filter((s) => !s.scenario.expected.error);
const examples = fs
  .readdirSync(path.join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, input: JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')) as unknown }));

function issuesOf(input: unknown): string[] {
  const r = AssessmentSchema.safeParse(assess(input));
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('AssessmentSchema (the output contract)', () => {
  it('has scenarios and examples to check', () => {
    expect(scenarios.length).toBeGreaterThan(0);
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(scenarios.map((s) => [`${s.file}: ${s.scenario.name}`, s.scenario.case] as const))('%s', (_name, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it.each(examples.map((e) => [e.file, e.input] as const))('examples/%s', (_name, input) => {
    expect(issuesOf(input)).toEqual([]);
  });

  it('is strict: an extra field or a missing one is rejected', () => {
    const a = assess(examples[0]?.input);
    expect(AssessmentSchema.safeParse({ ...a, extra: 1 }).success).toBe(false);
    const { disclaimer: _d, ...without } = a;
    expect(AssessmentSchema.safeParse(without).success).toBe(false);
    const duty = { ...a.duties[0], surprise: true };
    expect(AssessmentSchema.safeParse({ ...a, duties: [duty] }).success).toBe(false);
  });
});
