import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assess,
  AssessmentSchema,
  dutyCatalogue,
  englishMessages,
  expandTexts,
  isValidationError,
  referenceTexts,
  ReferencedAssessmentSchema,
  safeAssess,
  safeExpandTexts,
  type Assessment,
  type ReferencedAssessment,
} from '../src/index.js';
import helplines from '../rules/guidance/helplines.json';
import items from '../rules/guidance/items.json';
import { BatchRecordSchema } from '../src/cli/compact.js';
import { caseArb } from './helpers/arbitraries.js';
import { requireBuiltCli, runCli, spawnCli } from './helpers/cli.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';

/*
 * "Each text once" (issue 13): an assessment with its texts referred to by id. Expanding the
 * references gives today's content, byte for byte; nothing the case decided is left out; nothing
 * of the law is carried; what it refers to must be in these rules.
 */

const TODAY = { today: '2026-11-28' } as const;
const MODES = [{ presumptions: true }, { presumptions: false }] as const;
const LEVELS = ['full', 'standard'] as const;
const scenarios = loadScenarios().filter((s) => !s.scenario.expected.error);

/** Through JSON and back, as a stored or sent record is. */
const viaJson = (r: ReferencedAssessment): unknown => JSON.parse(JSON.stringify(r));

/** Expands the referenced form of `a` (through JSON) and checks it is `a` again, byte for byte. */
function roundTrip(a: Assessment, name: string): ReferencedAssessment {
  const r = referenceTexts(a);
  expect(ReferencedAssessmentSchema.safeParse(r).success, name).toBe(true);
  const back = expandTexts(viaJson(r));
  expect(JSON.stringify(back), name).toBe(JSON.stringify(a));
  expect(AssessmentSchema.safeParse(back).success, name).toBe(true);
  return r;
}

/** What the case decided, read from either form. */
function decided(a: Assessment | ReferencedAssessment): unknown {
  return {
    duties: a.duties.map((d) => [
      d.duty,
      d.person,
      d.status,
      d.modality,
      d.strictStatus,
      d.concerns,
      d.deadline,
      d.reasons.map((x) => [x.fact, x.value, x.result, x.within, x.concern]),
      d.missing.map((m) => [m.fact, m.about, m.inputs]),
      (d.presumed ?? []).map((p) => [p.id, p.fact, p.about]),
      d.notes.map((n) => (typeof n === 'string' ? n : n.id)),
    ]),
    overlaps: a.overlaps.map((o) => [o.id, o.person, o.duties, o.status]),
    guidance: a.guidance.items.map((g) => [g.id, g.persons]),
  };
}

/** Long constant texts of the rules and guidance files: none may be carried by a referenced assessment. */
const LAW_TEXTS: readonly string[] = [
  ...dutyCatalogue().duties.flatMap((d) => d.versions.map((v) => v.text)),
  ...(items as { text: string }[]).map((i) => i.text),
  ...(helplines as { description: string }[]).map((h) => h.description),
  englishMessages['disclaimer'] as string,
].filter((t) => t.length >= 40);

describe('texts referred to by id (referenceTexts, expandTexts)', () => {
  it('expanding gives every scenario back byte for byte, at full and standard detail, in both modes', () => {
    let checked = 0;
    for (const s of scenarios)
      for (const mode of MODES)
        for (const detail of LEVELS) {
          const a = assess(s.scenario.case, { ...s.scenario.options, ...mode, ...TODAY, detail });
          const r = roundTrip(a, `${s.file}: ${s.scenario.name} (${detail}, ${mode.presumptions ? 'presumptive' : 'strict'})`);
          expect(decided(r)).toEqual(decided(a));
          checked++;
        }
    expect(checked).toBeGreaterThan(200);
  });

  it('expanding gives random cases back byte for byte (property, both modes, both levels)', () => {
    fc.assert(
      fc.property(caseArb, fc.constantFrom(...MODES), fc.constantFrom(...LEVELS), (c, mode, detail) => {
        const a = assess(c, { ...mode, ...TODAY, detail });
        const r = roundTrip(a, 'random case');
        expect(decided(r)).toEqual(decided(a));
      }),
      { numRuns: 400 },
    );
  });

  it('carries no statute, guidance or helpline text, and is a fraction of the full JSON', () => {
    const sizes: number[] = [];
    for (const s of scenarios) {
      const a = assess(s.scenario.case, { ...s.scenario.options, ...TODAY, detail: 'full' });
      const json = JSON.stringify(referenceTexts(a));
      for (const t of LAW_TEXTS) expect(json.includes(t), `${s.scenario.name}: ${t.slice(0, 60)}`).toBe(false);
      expect(json).not.toContain('"citation"');
      expect(json).not.toContain('"helplines"');
      sizes.push(json.length / JSON.stringify(a).length);
    }
    sizes.sort((x, y) => x - y);
    expect(sizes[sizes.length >> 1]).toBeLessThan(0.25);
  });

  it('with a message catalogue: expanded with the same catalogue, the same texts; without, the English ones', () => {
    const pseudo = Object.fromEntries(Object.entries(englishMessages).map(([id, t]) => [id, `⟦${t}⟧`]));
    for (const s of scenarios.slice(0, 40)) {
      const localized = assess(s.scenario.case, { ...s.scenario.options, ...TODAY, detail: 'full', messages: pseudo });
      const english = assess(s.scenario.case, { ...s.scenario.options, ...TODAY, detail: 'full' });
      const r = viaJson(referenceTexts(localized));
      expect(JSON.stringify(expandTexts(r, { messages: pseudo })), s.scenario.name).toBe(JSON.stringify(localized));
      expect(JSON.stringify(expandTexts(r)), s.scenario.name).toBe(JSON.stringify(english));
    }
  });

  it('a note id names one text within a duty, as expansion looks notes up by id', () => {
    for (const d of dutyCatalogue().duties) {
      const texts = new Map<string, string>();
      for (const n of [...d.notes, ...d.versions.flatMap((v) => v.notes)]) {
        expect(texts.get(n.id) ?? n.text, `${d.id}: note ${n.id}`).toBe(n.text);
        texts.set(n.id, n.text);
      }
    }
  });

  it('the expanded assessment is the caller’s own: changing the input afterwards changes nothing', () => {
    const a = assess(scenarios[0]?.scenario.case as never, { ...TODAY, detail: 'full' });
    const input = viaJson(referenceTexts(a)) as { duties: { reasons: { value: unknown }[]; concerns: string[] }[] };
    const back = expandTexts(input);
    const before = JSON.stringify(back);
    for (const d of input.duties) {
      d.concerns.push('changed');
      for (const x of d.reasons) x.value = 'changed';
    }
    expect(JSON.stringify(back)).toBe(before);
  });
});

describe('expandTexts refuses what these rules cannot expand, naming the path', () => {
  const a = assess(
    {
      assessmentDate: '2026-11-28',
      reporter: { role: 'teacher' },
      people: [{ id: 'child', ageYears: 7 }, { id: 'father' }],
      concerns: [{ id: 'c1', victim: 'child', allegedBy: 'father', relationship: 'parent', harm: 'physical_abuse', basis: 'knowledge' }],
    },
    { ...TODAY, detail: 'full' },
  );
  const base = (): Record<string, unknown> & { duties: Record<string, unknown>[] } =>
    viaJson(referenceTexts(a)) as Record<string, unknown> & { duties: Record<string, unknown>[] };

  const issuesOf = (input: unknown) => {
    const r = safeExpandTexts(input);
    expect(r.success).toBe(false);
    return r.success ? [] : r.error.issues.map((i) => [i.code, i.at]);
  };

  it('a record made with other rules (rulesetVersion): other_ruleset, with the version to use', () => {
    const r = safeExpandTexts({ ...base(), rulesetVersion: '0.0.1+rules.0000' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues[0]?.code).toBe('other_ruleset');
    expect(r.error.issues[0]?.at).toBe('rulesetVersion');
    expect(r.error.issues[0]?.message).toContain(dutyCatalogue().rulesetVersion);
    expect(r.error.issues[0]?.message).toContain('0.0.1+rules.0000');
  });

  it('echoes no long value from the input whole: each is cut to 60 characters in the issue', () => {
    const long = 'x'.repeat(100_000);
    const version = safeExpandTexts({ ...base(), rulesetVersion: long });
    const message = base();
    const reason = (message.duties[0] as { reasons: { msg: { test: { id: string } } }[] }).reasons[0];
    if (reason === undefined) throw new Error('the example has no reason');
    reason.msg.test.id = long;
    const law = base();
    (law.duties[0] as Record<string, unknown>).law = long;
    const catalogue = safeAssess(scenarios[0]?.scenario.case as never, { messages: { [long]: 'x' } });
    for (const r of [version, safeExpandTexts(message), safeExpandTexts(law), catalogue]) {
      expect(r.success).toBe(false);
      if (r.success) continue;
      for (const i of r.error.issues) {
        expect(i.received.length).toBeLessThanOrEqual(62);
        expect(i.message.length).toBeLessThan(600);
      }
    }
  });

  it('a rule version, provision, note, presumption, message, overlap or guidance item these rules do not have: unknown_reference at its path', () => {
    const law = base();
    (law.duties[1] as Record<string, unknown>).law = '1999-01-01';
    expect(issuesOf(law)).toEqual([['unknown_reference', 'duties[1].law']]);
    const note = base();
    (note.duties[0] as Record<string, unknown>).notes = ['no-such-note'];
    expect(issuesOf(note)).toEqual([['unknown_reference', 'duties[0].notes[0]']]);
    const overlap = base();
    overlap.overlaps = [
      {
        id: 'no-such-overlap',
        person: 'child',
        duties: [],
        status: 'applies',
        msg: { title: { id: 'disclaimer' }, text: { id: 'disclaimer' } },
      },
    ];
    expect(issuesOf(overlap)).toEqual([['unknown_reference', 'overlaps[0].id']]);
    const provision = base();
    (provision.duties[0] as Record<string, unknown>).provision = 's999(9)';
    expect(issuesOf(provision)).toEqual([['unknown_reference', 'duties[0].provision']]);
    const message = base();
    const reason = (message.duties[0] as { reasons: { msg: { test: { id: string } } }[] }).reasons[0];
    if (reason === undefined) throw new Error('the example has no reason');
    reason.msg.test.id = 'no.such.message';
    expect(issuesOf(message)).toEqual([['unknown_reference', 'duties[0].reasons[0].msg.test.id']]);
    // A name every object inherits is no message id either (it once crashed, or expanded to nothing).
    for (const id of ['toString', 'constructor', '__proto__']) {
      const inherited = base();
      const r0 = (inherited.duties[0] as { reasons: { msg: { test: { id: string } } }[] }).reasons[0];
      if (r0 === undefined) throw new Error('the example has no reason');
      r0.msg.test.id = id;
      expect(issuesOf(inherited), id).toEqual([['unknown_reference', 'duties[0].reasons[0].msg.test.id']]);
    }
    const presumed = base();
    (presumed.duties[0] as Record<string, unknown>).presumed = [{ id: 'no-such-presumption', fact: 'x', about: 'reporter' }];
    expect(issuesOf(presumed)).toEqual([['unknown_reference', 'duties[0].presumed[0].id']]);
    const item = base();
    item.guidance = { items: [{ id: 'no-such-item', persons: ['child'] }] };
    expect(issuesOf(item)).toEqual([['unknown_reference', 'guidance.items[0].id']]);
  });

  it('what does not fit the schema: the zod issues, with path, expected and received', () => {
    const { texts: _texts, ...withoutMarker } = base();
    expect(issuesOf(withoutMarker)).toEqual([['invalid_value', 'texts']]);
    const status = base();
    (status.duties[0] as Record<string, unknown>).status = 'perhaps';
    expect(issuesOf(status)[0]).toEqual(['invalid_value', 'duties[0].status']);
    // The full assessment itself is not a referenced one.
    expect(issuesOf(JSON.parse(JSON.stringify(a))).length).toBeGreaterThan(0);
  });

  it('expandTexts throws the ValidationError', () => {
    let thrown: unknown;
    try {
      expandTexts({ ...base(), rulesetVersion: 'other' });
    } catch (e) {
      thrown = e;
    }
    expect(isValidationError(thrown)).toBe(true);
  });
});

describe('za-duties: --referenced and expand', () => {
  const example = fs.readFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), 'utf8');
  const lines = [
    ...scenarios.slice(0, 30).map((s) => JSON.stringify({ ...(s.scenario.case as object), assessmentDate: '2026-11-28' })),
    '{"not":"a case"}',
    '',
    'not json',
  ];
  const ndjson = `${lines.join('\n')}\n`;

  it('assess --full --referenced, expanded (one line or indented), is assess --full byte for byte', async () => {
    const full = await runCli(['assess', '--full', '-'], example);
    const ref = await runCli(['assess', '--full', '--referenced', '-'], example);
    expect(ref.code).toBe(0);
    expect(ref.stdout.length).toBeLessThan(full.stdout.length / 3);
    expect(JSON.parse(ref.stdout).texts).toBe('referenced');
    expect((await runCli(['expand', '-'], ref.stdout)).stdout).toBe(full.stdout);
    const pretty = await runCli(['assess', '--full', '--referenced', '--pretty', '-'], example);
    expect((await runCli(['expand', '-'], pretty.stdout)).stdout).toBe(full.stdout);
    expect((await runCli(['expand', '--pretty', '-'], ref.stdout)).stdout).toBe(
      (await runCli(['assess', '--full', '--pretty', '-'], example)).stdout,
    );
  });

  it('--referenced stands for --full --referenced; with --format text it is a usage error', async () => {
    const both = await runCli(['assess', '--full', '--referenced', '-'], example);
    expect((await runCli(['assess', '--referenced', '-'], example)).stdout).toBe(both.stdout);
    const text = await runCli(['assess', '--referenced', '--format', 'text', '-'], example);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('--referenced is a JSON output');
    const batch = await runCli(['batch', '--referenced', '-'], `${example.replace(/\n/g, ' ')}\n`);
    expect(batch.stdout).toBe((await runCli(['batch', '--full', '--referenced', '-'], `${example.replace(/\n/g, ' ')}\n`)).stdout);
    expect(JSON.parse(batch.stdout).texts).toBe('referenced');
  });

  it('batch --full --referenced with 1 and 2 jobs, expanded, is batch --full byte for byte; error and blank records pass through', async () => {
    requireBuiltCli();
    const full = await spawnCli(['batch', '--full', '-'], ndjson);
    expect(full.code).toBe(3);
    for (const jobs of ['1', '2']) {
      const ref = await spawnCli(['batch', '--full', '--referenced', '--jobs', jobs, '-'], ndjson);
      expect(ref.code).toBe(3);
      expect(ref.stdout.split('\n').length).toBe(full.stdout.split('\n').length);
      for (const record of [...ref.stdout.split('\n'), ...full.stdout.split('\n')].filter(Boolean))
        expect(BatchRecordSchema.safeParse(JSON.parse(record)).success).toBe(true);
      const back = await spawnCli(['expand', '-'], ref.stdout);
      expect(back.code, back.stderr).toBe(0);
      expect(back.stdout).toBe(full.stdout);
    }
  });

  it('expand stops at the first line it cannot expand: exit 2, the line and the path on stderr, the lines before it written', async () => {
    const ref = await runCli(['assess', '--full', '--referenced', '-'], example);
    const other = JSON.stringify({ ...(JSON.parse(ref.stdout) as object), rulesetVersion: '0.0.1+rules.0000' });
    const r = await runCli(['expand', '-'], `${ref.stdout.trim()}\n${other}\n${ref.stdout.trim()}\n`);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain('line 2');
    expect(r.stderr).toContain('rulesetVersion');
    const bad = await runCli(['expand', '-'], `${ref.stdout.trim()}\n{"line": 3, "texts": "referenced"}\n`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 2');
    // A line number that is not a whole number from 1 (1e400 was written back as Infinity, which is not JSON).
    const record = JSON.parse(ref.stdout) as object;
    for (const line of ['1e400', '-1', '0', '1.5']) {
      const text = JSON.stringify({ line: 7, ...record }).replace('"line":7', `"line":${line}`);
      const error = JSON.stringify({ line: 7, error: { code: 'invalid_json', message: 'x', issues: [] } }).replace(
        '"line":7',
        `"line":${line}`,
      );
      for (const input of [text, error]) {
        const r = await runCli(['expand', '-'], `${input}\n`);
        expect(r.code, `${line}: ${r.stdout.slice(0, 80)}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain('at line: expected');
      }
    }
  });

  it('expand refuses compact records (they have no texts to put back) and a --messages file it cannot use', async () => {
    const compact = await runCli(['batch', '-'], `${example.replace(/\n/g, ' ')}\n`);
    const r = await runCli(['expand', '-'], compact.stdout);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 1: not a referenced assessment of these rules');
    expect(r.stderr).toContain('at texts');
    const ref = await runCli(['assess', '--referenced', '-'], example);
    const messages = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'expand-')), 'm.json');
    fs.writeFileSync(messages, JSON.stringify({ 'no.such.id': 'x' }));
    const bad = await runCli(['expand', '--messages', messages, '-'], ref.stdout);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('invalid --messages');
    expect(bad.stderr).toContain('no.such.id');
  });

  it('expand reads an indented document after blank lines, and names the line and column of bad JSON in one', async () => {
    const full = await runCli(['assess', '--full', '-'], example);
    const pretty = await runCli(['assess', '--referenced', '--pretty', '-'], example);
    expect((await runCli(['expand', '-'], `\n\n${pretty.stdout}`)).stdout).toBe(full.stdout);
    const broken = pretty.stdout.replace('"texts": "referenced",', '"texts": "referenced",,');
    const lineOfError = broken.split('\n').findIndex((l) => l.includes(',,')) + 1;
    const r = await runCli(['expand', '-'], `\n${broken}`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`za-duties expand: stdin:${lineOfError + 1}:\\d+: invalid JSON`));
  });

  it('expand of a file that is not there: exit 2, said on stderr', async () => {
    const r = await runCli(['expand', 'no-such-file.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('za-duties expand: file not found: no-such-file.ndjson');
  });

  it('schema referenced is the JSON Schema of the referenced form', async () => {
    const r = await runCli(['schema', 'referenced']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { title: string; required: string[] };
    expect(s.title).toBe('ReferencedAssessment');
    expect(s.required).toContain('texts');
  });
});
