import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decisionRecord, dutyCatalogue } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

// `za-duties validate`, `record` and `replay`: exit codes, what goes to stdout and what to stderr.

const example = fs.readFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), 'utf8');
const exampleCase = JSON.parse(example) as { people: { id: string }[] } & Record<string, unknown>;
const HASH = dutyCatalogue().rulesHash;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'za-duties-records-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('za-duties validate', () => {
  it('a valid case: exit 0, {"valid":true,…} on stdout, nothing assessed', async () => {
    const r = await runCli(['validate', 'examples/mitchells-plain.json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ valid: true, assessmentDate: exampleCase.assessmentDate, rulesHash: HASH });
    expect(out).not.toHaveProperty('duties');
    expect(r.stderr).toBe('za-duties validate: valid\n');
  });

  it('a case that breaks a cross-field rule: exit 2, the issues on stderr and in the error shape on stdout', async () => {
    const bad = { ...exampleCase, concerns: [{ id: 'c1', victim: 'nobody', harm: 'neglect' }] };
    const r = await runCli(['validate', '-'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('concerns[0].victim');
    const out = JSON.parse(r.stdout) as { error: { code: string; issues: { at: string; code: string }[] }; rulesHash: string };
    expect(out.error.code).toBe('invalid_input');
    expect(out.error.issues.map((i) => i.at)).toEqual(['concerns[0].victim']);
    expect(out.rulesHash).toBe(HASH);
  });

  it('not JSON, a missing file, two files: exit 2', async () => {
    expect((await runCli(['validate', '-'], '{ nope')).code).toBe(2);
    expect((await runCli(['validate', 'no-such.json'])).code).toBe(2);
    const two = await runCli(['validate', 'a.json', 'b.json']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('takes one input');
  });
});

describe('za-duties record and replay', () => {
  it('record: the record on stdout, the id mapping on stderr and never in the record', async () => {
    const r = await runCli(['record', 'examples/mitchells-plain.json']);
    expect(r.code).toBe(0);
    const lib = decisionRecord(exampleCase as unknown);
    if (!lib.success) throw lib.error;
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(lib.data)));
    for (const p of exampleCase.people) expect(r.stdout).not.toContain(`"${p.id}"`);
    const [, mapping = ''] = /id mapping \(keep it apart from the record\): (.*)\n$/.exec(r.stderr) ?? [];
    expect(JSON.parse(mapping)).toEqual(lib.ids);
  });

  it('record --ids FILE: the mapping in its own file (owner-only), stderr says where; --strict records strict mode', async () => {
    const ids = path.join(tmp, 'ids.json');
    const r = await runCli(['record', 'examples/mitchells-plain.json', '--ids', ids, '--strict']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mode: string }).mode).toBe('strict');
    expect((JSON.parse(fs.readFileSync(ids, 'utf8')) as { people: { id: string }[] }).people.map((p) => p.id)).toEqual(
      exampleCase.people.map((p) => p.id),
    );
    if (process.platform !== 'win32') expect(fs.statSync(ids).mode & 0o077).toBe(0);
    expect(r.stderr).toContain(`id mapping written to ${ids}`);
    expect(r.stderr).not.toContain('"people"');
    // Over a file that was there, readable by others: it becomes owner-only too.
    const old = path.join(tmp, 'old-ids.json');
    fs.writeFileSync(old, 'old\n', { mode: 0o644 });
    fs.chmodSync(old, 0o644);
    expect((await runCli(['record', 'examples/mitchells-plain.json', '--ids', old])).code).toBe(0);
    if (process.platform !== 'win32') expect(fs.statSync(old).mode & 0o077).toBe(0);
    expect(fs.readFileSync(old, 'utf8')).toContain('"people"');
  });

  it('record --ids into a folder that does not exist: exit 1 and no record printed; an invalid case: exit 2', async () => {
    const r = await runCli(['record', 'examples/mitchells-plain.json', '--ids', path.join(tmp, 'no', 'such', 'ids.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('could not write the id mapping');
    const bad = await runCli(['record', '-'], JSON.stringify({ people: [] }));
    expect(bad.code).toBe(2);
    expect((JSON.parse(bad.stdout) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('replay of a fresh record: exit 0, identical, same rules', async () => {
    const rec = await runCli(['record', 'examples/mitchells-plain.json']);
    const r = await runCli(['replay', '-'], rec.stdout);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      sameRules: true,
      identical: true,
      differences: [],
      version: expect.any(String),
      rulesHash: HASH,
    });
    expect(r.stderr).toBe('za-duties replay: identical (same rules)\n');
  });

  it('replay of a record whose outcome differs: exit 1 with the differences; other rules are said', async () => {
    const rec = JSON.parse((await runCli(['record', 'examples/mitchells-plain.json'])).stdout) as {
      rulesHash: string;
      outcome: { duty: string; person: string; status: string }[];
    };
    const i = rec.outcome.findIndex((d) => d.status === 'may_apply');
    const target = rec.outcome[i] as { duty: string; person: string };
    const changed = { ...rec, rulesHash: '0'.repeat(64), outcome: rec.outcome.map((d, j) => (j === i ? { ...d, status: 'applies' } : d)) };
    const r = await runCli(['replay', '-'], JSON.stringify(changed));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      sameRules: false,
      identical: false,
      differences: [{ duty: target.duty, person: target.person, recorded: 'applies', now: 'may_apply' }],
    });
    expect(r.stderr).toBe('za-duties replay: 1 difference (the rules have changed since the record was made)\n');
  });

  it('replay of something that is not a record: exit 2, the issues on stderr and stdout', async () => {
    const r = await runCli(['replay', '-'], JSON.stringify({ recordVersion: 2 }));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('rulesetVersion');
    expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('invalid_input');
    expect((await runCli(['replay', '-'], 'not json')).code).toBe(2);
  });

  it('--help for each, and each listed in za-duties --help', async () => {
    const main = await runCli(['--help']);
    for (const cmd of ['validate', 'record', 'replay']) {
      expect(main.stdout).toContain(`  ${cmd} [file|-]`);
      const h = await runCli([cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`Usage: za-duties ${cmd}`);
    }
  });
});
