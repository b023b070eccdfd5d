import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeAssess } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

// Input the CLI must refuse whole rather than guess at: repeated keys, invalid UTF-8; errors that
// never echo a huge input; every issue in one pass; usage errors that are usage errors.

const teacher = fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8');
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'za-duties-input-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('duplicate keys', () => {
  const dup = teacher.replace('"physicalInjury": true', '"physicalInjury": true, "physicalInjury": false');

  it('the example has the key this test repeats', () => {
    expect(dup).not.toBe(teacher);
  });

  it('assess rejects a key repeated in one object, with its path, line and column (exit 2)', async () => {
    const r = await runCli(['assess', '-'], dup);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/stdin:\d+:\d+: invalid JSON: the key "physicalInjury" appears twice in the same object \(at concerns\[0\]\)/);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('check rejects it too, and batch gives the line an error record', async () => {
    expect(
      (await runCli(['check', '-'], JSON.stringify({ case: {}, actions: [] }).replace('"actions"', '"actions":[],"actions"'))).code,
    ).toBe(2);
    const b = await runCli(['batch', '-'], `${JSON.stringify(JSON.parse(teacher))}\n{"a":1,"a":1}\n`);
    expect(b.code).toBe(3);
    const lines = b.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; error?: { code: string; message: string } });
    expect(lines[0]?.error).toBeUndefined();
    expect(lines[1]).toMatchObject({ line: 2, error: { code: 'invalid_json', message: expect.stringContaining('appears twice') } });
  });

  it('the same key in different objects is fine', async () => {
    expect((await runCli(['assess', '-'], teacher)).code).toBe(0);
  });
});

describe('nesting deeper than the call stack', () => {
  // JSON.parse takes nesting as deep as the text allows: 170,000 arrays in 340 KB, under the line
  // limit. Before 0.5.4 the CLI's count of keys recursed, and every command gave an internal error.
  const deep = `${'['.repeat(170_000)}${']'.repeat(170_000)}`;
  const deepCase = JSON.stringify(JSON.parse(teacher)).replace(/}$/, `,"x":${deep}}`);

  it('the case carries the nesting', () => {
    expect(deepCase.length).toBeGreaterThan(340_000);
    expect(deepCase.endsWith(']]}')).toBe(true);
  });

  it.each(['assess', 'validate', 'record', 'check', 'expand', 'replay'])(
    '%s: an input error (exit 2), not an internal error',
    async (command) => {
      const r = await runCli([command, '-'], deepCase);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(2);
    },
  );

  it('assess names the unknown field that holds it', async () => {
    const r = await runCli(['assess', '-'], deepCase);
    expect(r.stderr).toMatch(/unknown field "x"/);
  });

  it('batch answers the line and goes on to the next', async () => {
    const b = await runCli(['batch', '-'], `${deepCase}\n${JSON.stringify(JSON.parse(teacher))}\n`);
    expect(b.code).toBe(3);
    const lines = b.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; error?: { code: string } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ line: 1, error: { code: 'invalid_input' } });
    expect(lines[1]?.error).toBeUndefined();
  });

  it('a key repeated deep inside is found, and the path to it is cut', async () => {
    const dupDeep = `{"a":${'['.repeat(170_000)}{"k":1,"k":2}${']'.repeat(170_000)}}`;
    const r = await runCli(['assess', '-'], dupDeep);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the key "k" appears twice in the same object \(at a\[0\]\[0\].*\.\.\.\)/);
    expect(r.stderr.length).toBeLessThan(1000);
  });
});

describe('invalid UTF-8', () => {
  const oneLine = JSON.stringify({ ...(JSON.parse(teacher) as object), id: 'XX' });
  const [before, after] = oneLine.split('XX') as [string, string];
  const bad = Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(after)]);

  it('a file that is not UTF-8 is rejected (exit 2), not read with replacement characters', async () => {
    const file = path.join(tmp, 'latin.json');
    fs.writeFileSync(file, bad);
    const r = await runCli(['assess', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not valid UTF-8');
    expect(r.stdout).not.toContain('\ufffd');
  });

  it('a batch line that is not UTF-8 gets an error record', async () => {
    const b = await runCli(['batch', '-'], Buffer.concat([bad, Buffer.from('\n')]));
    expect(b.code).toBe(3);
    expect(JSON.parse(b.stdout)).toMatchObject({
      line: 1,
      error: { code: 'invalid_json', message: expect.stringContaining('not valid UTF-8') },
    });
  });
});

describe('errors never echo a huge input', () => {
  it('an unknown 1 MB key name is cut in the issue and the message', () => {
    const big = 'k'.repeat(1_000_000);
    const r = safeAssess({ ...(JSON.parse(teacher) as object), [big]: 1 });
    expect(r.success).toBe(false);
    if (r.success) return;
    const text = JSON.stringify(r.error.issues) + r.error.message;
    expect(text.length).toBeLessThan(5000);
    expect(r.error.issues[0]?.received).toMatch(/unknown field "k+\.\.\."/);
  });

  it('a huge key in a path is cut too', () => {
    const big = 'p'.repeat(100_000);
    const r = safeAssess({ people: [{ id: 'a' }], concerns: [{ id: 'c', victim: 'a', harm: 'neglect', [big]: { x: 1 } }] });
    expect(r.success).toBe(false);
    if (!r.success) expect(JSON.stringify(r.error.issues).length).toBeLessThan(5000);
  });
});

describe('every issue in one pass', () => {
  it('a bad harm does not hide an unknown victim, an unknown caregiverOf or a repeated id', () => {
    const r = safeAssess(<unknown>{
      assessmentDate: '2026-11-28',
      people: [
        { id: 'a', ageYears: 'five' },
        { id: 'a', caregiverOf: ['ghost'] },
      ],
      concerns: [{ id: 'k', victim: 'nobody', harm: 'bad-harm' }],
    });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => i.at).sort()).toEqual([
      'concerns[0].harm',
      'concerns[0].victim',
      'people[0].ageYears',
      'people[1].caregiverOf[0]',
      'people[1].id',
    ]);
  });

  it('ids of the wrong type still give their own issue, without a crash', () => {
    const r = safeAssess({ people: [{ id: 5 }], concerns: [{ id: 'k', victim: 'nobody', harm: 'neglect' }] } as unknown);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.at)).toContain('people[0].id');
  });
});

describe('schema --write', () => {
  it('an existing file as the folder is a usage error (exit 2), not an internal error', async () => {
    const file = path.join(tmp, 'a-file');
    fs.writeFileSync(file, 'x');
    const r = await runCli(['schema', '--write', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('it is a file, not a folder');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('concern ids left out', () => {
  it('still get the cross-field checks: an unknown victim is a ValidationError, not a crash', () => {
    const r = safeAssess({ people: [{ id: 'a', ageYears: 5 }], concerns: [{ victim: 'nobody', harm: 'neglect' }] } as unknown);
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.at)).toContain('concerns[0].victim');
  });
});
