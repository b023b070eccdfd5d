import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactAssessment, decisionsJson, CompactAssessmentSchema, BatchRecordSchema } from '../src/cli/compact.js';
import { runBatch } from '../src/cli/batch.js';
import { assess, AssessmentSchema, ComplianceCheckSchema, DUTY_IDS, englishMessages } from '../src/index.js';
import { caseArb } from './helpers/arbitraries.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';
import { requireBuiltCli, runCli, Sink, spawnCli } from './helpers/cli.js';

const example = fs.readFileSync(path.join(ROOT, 'examples', 'mitchells-plain.json'), 'utf8');
const exampleCase = JSON.parse(example) as Record<string, unknown>;

/** A teacher who concludes a 9-year-old was beaten and injured by a parent: s110(1) applies. */
const teacher = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8')) as {
  reporter: Record<string, unknown>;
  concerns: Record<string, unknown>[];
} & Record<string, unknown>;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'za-duties-cli-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function statusOf(out: string, duty: string, person: string): string | undefined {
  const a = JSON.parse(out) as { duties: { duty: string; person: string; status: string }[] };
  return a.duties.find((d) => d.duty === duty && d.person === person)?.status;
}

describe('za-duties assess', () => {
  it("assesses the Mitchell's Plain example: a DVA report is due for each child, s2A/s2B turn on the functionary question", async () => {
    const r = await runCli(['assess', 'examples/mitchells-plain.json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const a = CompactAssessmentSchema.parse(JSON.parse(r.stdout));
    expect(a.caseId).toBe('example-mitchells-plain');
    expect(a.lawAsAt).toBe('2026-11-20');
    for (const child of ['child-a', 'child-b']) {
      expect(a.overlaps).toContainEqual({ id: 'dva-report', person: child, status: 'applies' });
      for (const duty of ['dva-s2A', 'dva-s2B']) {
        const d = a.duties.find((x) => x.duty === duty && x.person === child);
        expect(d?.status).toBe('may_apply');
        expect(d?.missing).toEqual(['reporterIsFunctionary']);
        expect(d?.reasons).toEqual([]);
      }
      expect(a.duties.find((x) => x.duty === 'ca-s110-1' && x.person === child)?.status).toBe('does_not_apply');
    }
    // Compact: every duty of every person at risk, with the deciding reasons only.
    expect(a.duties).toHaveLength(3 * DUTY_IDS.length);
    const s110 = a.duties.find((x) => x.duty === 'ca-s110-1' && x.person === 'child-a');
    expect(s110?.reasons.some((x) => x.fact === 'physicalInjury' && x.value === false && x.result === false)).toBe(true);
    expect(Object.keys(s110 ?? {})).not.toContain('citation');
  });

  it('--messages renders the texts with another catalogue (assess and check); a bad one is invalid input', async () => {
    const m = path.join(tmp, 'af.json');
    fs.writeFileSync(m, JSON.stringify({ disclaimer: 'Nie regsadvies nie.', 'check.unmet': 'Nie nagekom nie: {label} vir {person}.' }));
    const r = await runCli(['assess', '--full', '--messages', m, 'examples/mitchells-plain.json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { disclaimer: string; msg: { disclaimer: { id: string } } };
    expect(a.disclaimer).toBe('Nie regsadvies nie.');
    expect(a.msg.disclaimer.id).toBe('disclaimer');
    const text = await runCli(['assess', '--format', 'text', '--messages', m, 'examples/mitchells-plain.json']);
    expect(text.stdout).toContain('Nie regsadvies nie.');
    const c = path.join(tmp, 'check.json');
    fs.writeFileSync(c, JSON.stringify({ case: exampleCase, actions: [] }));
    const checked = await runCli(['check', '--messages', m, c]);
    const items = (JSON.parse(checked.stdout) as { items: { status: string; text: string }[] }).items;
    expect(items.filter((i) => i.status === 'unmet').length).toBeGreaterThan(0);
    for (const i of items.filter((x) => x.status === 'unmet')) expect(i.text).toMatch(/^Nie nagekom nie: /);
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ 'no.such.id': 'x' }));
    const refused = await runCli(['assess', '--messages', bad, 'examples/mitchells-plain.json']);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'invalid_input', issues: [{ code: 'unknown_message_id' }] } });
    expect((await runCli(['assess', '--messages', path.join(tmp, 'none.json'), 'examples/mitchells-plain.json'])).code).toBe(2);
    // Read as a case is: a byte-order mark ignored; a key given twice, bytes that are not UTF-8, a value that is not an object refused.
    const bom = path.join(tmp, 'bom.json');
    fs.writeFileSync(bom, `\ufeff${JSON.stringify({ disclaimer: 'Nie regsadvies nie.' })}`);
    expect((await runCli(['assess', '--messages', bom, 'examples/mitchells-plain.json'])).code).toBe(0);
    const twice = path.join(tmp, 'twice.json');
    fs.writeFileSync(twice, '{"disclaimer":"a","disclaimer":"b"}');
    const dup = await runCli(['assess', '--messages', twice, 'examples/mitchells-plain.json']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('appears twice');
    const latin1 = path.join(tmp, 'latin1.json');
    fs.writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0x64, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]));
    const notUtf8 = await runCli(['assess', '--messages', latin1, 'examples/mitchells-plain.json']);
    expect(notUtf8.code).toBe(2);
    expect(notUtf8.stderr).toContain('not valid UTF-8');
    for (const value of ['"x"', '1', 'null', '{"toString":"x"}']) {
      const odd = path.join(tmp, 'odd.json');
      fs.writeFileSync(odd, value);
      const r = await runCli(['assess', '--messages', odd, 'examples/mitchells-plain.json']);
      expect(r.code, value).toBe(2);
      expect(r.stderr, value).not.toContain('internal error');
    }
  });

  it('gives the same decisions as the library, and --full gives the whole assessment', async () => {
    const r = await runCli(['assess', '--full', 'examples/mitchells-plain.json']);
    expect(r.code).toBe(0);
    const full = JSON.parse(r.stdout) as unknown;
    expect(AssessmentSchema.safeParse(full).success).toBe(true);
    expect(full).toEqual(JSON.parse(JSON.stringify(assess(exampleCase, { detail: 'full' }))));
    const compact = await runCli(['assess', 'examples/mitchells-plain.json']);
    expect(JSON.parse(compact.stdout)).toEqual(JSON.parse(JSON.stringify(compactAssessment(assess(exampleCase, { detail: 'full' })))));
  });

  it('reads stdin with - and when piped', async () => {
    const dash = await runCli(['assess', '-'], JSON.stringify(teacher));
    const piped = await runCli(['assess'], JSON.stringify(teacher));
    expect(dash.code).toBe(0);
    expect(statusOf(dash.stdout, 'ca-s110-1', 'child-a')).toBe('applies');
    expect(piped.stdout).toBe(dash.stdout);
  });

  it('prints a readable summary with --format text: duties that apply first, then uncertainty and questions, then guidance', async () => {
    const r = await runCli(['assess', 'examples/mitchells-plain.json', '--format', 'text']);
    expect(r.code).toBe(0);
    const t = r.stdout;
    const order = [
      'YOU MUST REPORT',
      'dva-report',
      'MAY APPLY',
      'QUESTIONS THAT WOULD SETTLE IT',
      'GUIDANCE',
      'HELPLINES',
      'DOES NOT APPLY',
      'NOT LEGAL ADVICE',
    ].map((s) => t.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(t).toMatch(/Are you a "functionary"/);
    expect(t).toMatch(/Report to: a social worker/);
    const teacherText = await runCli(['assess', '--format', 'text'], JSON.stringify(teacher));
    expect(teacherText.stdout).toMatch(/YOU MUST REPORT\n-+\n\* ca-s110-1 — /);
    expect(teacherText.stdout).toMatch(/Form: Form 22/);
    const full = await runCli(['assess', 'examples/mitchells-plain.json', '--format', 'text', '--full']);
    expect(full.stdout.length).toBeGreaterThan(t.length);
    expect(full.stdout).toMatch(/\[no \] causing physical injury/);
  });

  it('a missing file: exit 2 and a clear message', async () => {
    const r = await runCli(['assess', 'no-such-case.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('za-duties assess: file not found: no-such-case.json\n');
    expect(JSON.parse(r.stdout)).toEqual({
      error: { code: 'input_error', message: 'file not found: no-such-case.json' },
      version: expect.any(String),
      rulesHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('bad JSON: exit 2 with the line and column', async () => {
    const file = path.join(tmp, 'bad.json');
    fs.writeFileSync(file, '{\n  "people": [],\n  "concerns": [}\n');
    const r = await runCli(['assess', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}:3:16: invalid JSON: expected a JSON value (object, array, string, number, true, false or null), got '}'`,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'invalid_json', line: 3, column: 16 } });
    const stdin = await runCli(['assess', '-'], '{"people": [1,]}');
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain('stdin:1:15: invalid JSON');
    const empty = await runCli(['assess', '-'], '  \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('stdin is empty');
  });

  it('a schema violation: exit 2 with every path, what was expected and what came in', async () => {
    const bad = { ...teacher, reporter: { ...teacher.reporter, ageYears: -1 }, concerns: [{ ...teacher.concerns[0], basis: 'gossip' }] };
    const r = await runCli(['assess', '-'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^za-duties assess: invalid input\n/);
    expect(r.stderr).toContain(
      'at concerns[0].basis: expected one of "knowledge", "reasonable_belief", "reasonable_suspicion", "rumour", got "gossip"',
    );
    expect(r.stderr).toContain('at reporter.ageYears: expected a number of at least 0, got -1');
    const json = JSON.parse(r.stdout) as { error: { code: string; issues: { at: string }[] } };
    expect(json.error.code).toBe('invalid_input');
    expect(json.error.issues.map((i) => i.at).sort()).toEqual(['concerns[0].basis', 'reporter.ageYears']);
    const victim = await runCli(['assess', '-'], JSON.stringify({ ...teacher, concerns: [{ ...teacher.concerns[0], victim: 'nobody' }] }));
    expect(victim.code).toBe(2);
    expect(victim.stderr).toContain('at concerns[0].victim: expected one of the people ids (child-a, father), got "nobody"');
    const text = await runCli(['assess', '-', '--format', 'text'], JSON.stringify(bad));
    expect(text.code).toBe(2);
    expect(text.stdout).toBe('');
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['assess', '--bogus', 'x.json'])).code).toBe(2);
    expect((await runCli(['assess', '--format', 'xml', 'examples/mitchells-plain.json'])).stderr).toContain(
      '--format expects json or text',
    );
    expect((await runCli(['assess', 'a.json', 'b.json'])).code).toBe(2);
    const tty = await runCli(['assess'], '', { stdinIsTTY: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toContain('no input');
    const unknown = await runCli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
  });
});

describe('the compact form', () => {
  const inputs: unknown[] = [
    ...loadScenarios()
      .filter((s) => !s.scenario.expected.error)
      .map((s) => s.scenario.case),
    exampleCase,
  ];
  // Ids are the user's: quotes, backslashes, control characters and non-ASCII must come out as JSON.
  inputs.push({
    ...teacher,
    id: 'x"y\\z\u0001—案',
    people: [
      { id: 'chi"ld\n', ageYears: 9 },
      { id: 'father', ageYears: 39 },
    ],
    concerns: [{ ...teacher.concerns[0], victim: 'chi"ld\n' }],
  });

  it('decisionsJson writes exactly JSON.stringify of the compact assessment, for every scenario', () => {
    for (const input of inputs) {
      const c = compactAssessment(assess(input, { detail: 'full' }));
      const text = decisionsJson(c);
      expect(text).toBe(JSON.stringify(c));
      expect(text).toBe(JSON.stringify(assess(input, { detail: 'decisions' })));
      expect(CompactAssessmentSchema.safeParse(JSON.parse(text)).success).toBe(true);
      expect(JSON.parse(decisionsJson(c, 7))).toEqual({ line: 7, ...(JSON.parse(text) as object) });
    }
  });
});

describe('za-duties --help and --version', () => {
  it.each(['assess', 'batch', 'check', 'schema', 'rules', 'serve'])('%s --help', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: za-duties ${cmd}`));
    expect((await runCli(['help', cmd])).stdout).toBe(r.stdout);
  });

  it('the overview documents the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const line of ['0   done', '1   check: a must-duty', '2   invalid input', '3   batch']) expect(r.stdout).toContain(line);
    expect((await runCli([])).stdout).toBe(r.stdout);
  });

  it('--version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^za-duties \d+\.\d+\.\d+ \(ruleset \d+\.\d+\.\d+\+rules\.[0-9a-f]{14}\)\n$/);
  });
});

describe('za-duties check', () => {
  const exposure = {
    assessmentDate: '2026-11-28',
    reporter: { role: 'member_of_public', ageYears: 40, knowledgeDate: '2026-11-20' },
    people: [
      { id: 'child-a', ageYears: 5 },
      { id: 'partner', ageYears: 35 },
    ],
    concerns: [
      {
        id: 'c1',
        victim: 'child-a',
        allegedBy: 'partner',
        relationship: 'parent',
        harm: 'exposure_to_domestic_violence',
        basis: 'reasonable_suspicion',
      },
    ],
  };

  it('exit 0 when every must-duty that applies is met', async () => {
    const r = await runCli(
      ['check', '-'],
      JSON.stringify({ case: exposure, actions: [{ recipient: 'social_worker', date: '2026-11-21' }] }),
    );
    expect(r.code).toBe(0);
    const c = ComplianceCheckSchema.parse(JSON.parse(r.stdout));
    expect(c.compliant).toBe(true);
    expect(c.items.find((i) => i.id === 'dva-s2B')?.status).toBe('met');
    expect(r.stderr).toContain('compliant: 1 met, 0 overdue, 0 unmet');
  });

  it('exit 1 when a must-duty is unmet or overdue', async () => {
    const unmet = await runCli(['check', '-'], JSON.stringify({ case: exposure, actions: [] }));
    expect(unmet.code).toBe(1);
    expect(JSON.parse(unmet.stdout)).toMatchObject({ compliant: false, summary: { unmet: 1 } });
    expect(unmet.stderr).toContain('NOT compliant');
    const policeCase = {
      assessmentDate: '2026-03-05',
      reporter: { role: 'police_official', ageYears: 35, inCourseOfDuties: true, knowledgeDate: '2026-03-02' },
      people: [{ id: 'child-a', ageYears: 9 }],
      concerns: [
        {
          id: 'c1',
          victim: 'child-a',
          harm: 'physical_abuse',
          basis: 'reasonable_belief',
          physicalInjury: true,
          receivedAsReport: true,
          relationship: 'parent',
        },
      ],
    };
    const overdue = await runCli(
      ['check', '-'],
      JSON.stringify({ case: policeCase, actions: [{ recipient: 'police', date: '2026-03-02' }] }),
    );
    expect(overdue.code).toBe(1);
    expect(
      (JSON.parse(overdue.stdout) as { items: { id: string; status: string }[] }).items.find((i) => i.id === 'ca-s110-4')?.status,
    ).toBe('overdue');
  });

  it('exit 2 on invalid input, with the path', async () => {
    const r = await runCli(
      ['check', '-'],
      JSON.stringify({ case: exposure, actions: [{ recipient: 'the neighbour', date: '2026-11-21' }] }),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at actions[0].recipient: expected one of');
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'invalid_input', issues: [{ at: 'actions[0].recipient' }] } });
    const json = await runCli(['check', '-'], '{"case": ');
    expect(json.code).toBe(2);
  });
});

describe('za-duties schema and rules', () => {
  it.each(['input', 'output', 'check', 'output-compact', 'check-result', 'batch-record', 'referenced'])(
    'schema %s is a JSON Schema',
    async (name) => {
      const r = await runCli(['schema', name]);
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout) as Record<string, unknown>;
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.$id).toBe(`https://unpkg.com/za-reporting-duties/schemas/${name}.schema.json`);
    },
  );

  it('the input schema names the closed vocabularies and is strict', async () => {
    const s = JSON.parse((await runCli(['schema'])).stdout) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, unknown>;
    };
    expect(s.required).toEqual(['people', 'concerns']);
    expect(s.additionalProperties).toBe(false);
    expect(JSON.stringify(s.properties.concerns)).toContain('exposure_to_domestic_violence');
  });

  it('an unknown schema name exits 2; --write writes every schema', async () => {
    expect((await runCli(['schema', 'nope'])).code).toBe(2);
    const dir = path.join(tmp, 'schemas');
    const r = await runCli(['schema', '--write', dir]);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(
      [
        ...['batch-record', 'check-result', 'check', 'decision-record', 'input', 'output-compact', 'output', 'referenced'].map(
          (n) => `${n}.schema.json`,
        ),
        'openapi.json',
        'messages.en.json',
      ].sort(),
    );
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'messages.en.json'), 'utf8'))).toEqual(englishMessages);
  });

  it('rules: the catalogue of the 11 duties with citations and verification labels', async () => {
    const r = await runCli(['rules']);
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as {
      rulesetVersion: string;
      duties: { id: string; versions: { verification: string; provision: string }[] }[];
    };
    expect(c.duties.map((d) => d.id)).toEqual([...DUTY_IDS]);
    for (const d of c.duties) for (const v of d.versions) expect(['exact', 'partial', 'secondary', 'unverified']).toContain(v.verification);
  });
});

// ---------------------------------------------------------------------------------------------
// batch

type BatchLine = {
  line: number;
  error?: { code: string; column?: number; bytes?: number; issues?: { at: string }[] };
  skipped?: string;
  caseId?: string;
  duties?: unknown[];
};

function records(stdout: string): BatchLine[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((l) => JSON.parse(l) as BatchLine);
}

/** An output that takes each chunk a tick later, with a small buffer: a slow reader (backpressure). */
function slowReader(received: Buffer[]): Writable {
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, cb) {
      received.push(Buffer.from(chunk));
      setImmediate(cb);
    },
  });
}

const expectedCompact = (c: unknown) =>
  JSON.parse(JSON.stringify(compactAssessment(assess(c, { detail: 'full' })))) as Record<string, unknown>;

describe('za-duties batch: every line accounted for', () => {
  const good1 = { ...teacher, id: 'good-1' };
  const good2 = { ...exampleCase, id: 'good-2' };
  const violating = { ...teacher, id: 'violating', concerns: [{ ...teacher.concerns[0], victim: 'nobody' }] };
  const twoMb = JSON.stringify({ ...teacher, id: 'huge', padding: 'x'.repeat(2 * 1024 * 1024) });
  const lines = [
    JSON.stringify(good1), // 1 good
    '{"assessmentDate": "2026-03-02", "people": [', // 2 malformed
    '', // 3 blank
    twoMb, // 4 oversized (2 MB > 1 MiB)
    JSON.stringify(violating), // 5 schema violation
    `${JSON.stringify(good2)}\r`, // 6 good, CRLF
    'null', // 7 JSON but not a case
    JSON.stringify(good1).slice(0, 80), // 8 truncated, last line without newline
  ];
  const input = `\ufeff${lines.join('\n')}`;

  it('one record per line, in order, good lines assessed correctly, bad lines as error records, exit 3', async () => {
    const file = path.join(tmp, 'mixed.ndjson');
    fs.writeFileSync(file, input);
    const r = await runCli(['batch', file]);
    expect(r.code).toBe(3);
    const recs = records(r.stdout);
    expect(recs.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const x of recs) expect(BatchRecordSchema.safeParse(x).success).toBe(true);
    const { line: l1, ...a1 } = recs[0] as BatchLine;
    expect(l1).toBe(1);
    expect(a1).toEqual(expectedCompact(good1));
    expect((a1 as { duties: { duty: string; status: string }[] }).duties.find((d) => d.duty === 'ca-s110-1')?.status).toBe('applies');
    expect(recs[1]?.error).toMatchObject({ code: 'invalid_json', column: 45 });
    expect(recs[2]).toEqual({ line: 3, skipped: 'blank line' });
    expect(recs[3]?.error).toMatchObject({ code: 'line_too_long', bytes: Buffer.byteLength(twoMb), limit: 1024 * 1024 });
    expect(recs[4]).toMatchObject({
      line: 5,
      caseId: 'violating',
      error: { code: 'invalid_input', issues: [{ at: 'concerns[0].victim' }] },
    });
    const { line: l6, ...a6 } = recs[5] as BatchLine;
    expect(l6).toBe(6);
    expect(a6).toEqual(expectedCompact(good2));
    expect(recs[6]?.error).toMatchObject({ code: 'invalid_input', issues: [{ at: '(root)' }] });
    expect(recs[7]?.error?.code).toBe('invalid_json');
    // The summary counts, names error lines, and says nothing about the cases.
    expect(r.stderr).toMatch(/^za-duties batch: 8 lines: 2 assessed, 5 error records \(lines 2, 4, 5, 7, 8\), 1 blank; /);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    for (const secret of ['good-1', 'violating', 'child-a', 'nobody']) expect(r.stderr).not.toContain(secret);
  });

  it('exit 0 when every line is assessed (blank lines are not errors)', async () => {
    const r = await runCli(['batch', '-'], `${JSON.stringify(good1)}\n\n${JSON.stringify(good2)}\n`);
    expect(r.code).toBe(0);
    expect(records(r.stdout).map((x) => [x.line, x.caseId ?? x.skipped])).toEqual([
      [1, 'good-1'],
      [2, 'blank line'],
      [3, 'good-2'],
    ]);
  });

  it('an empty input gives no records and exit 0', async () => {
    const r = await runCli(['batch', '-'], '');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/0 lines: 0 assessed/);
  });

  it('splits lines correctly however the input is chunked (multi-byte characters across chunks)', async () => {
    const withUnicode = { ...good1, id: 'ünïcødé—案例' };
    const text = `${JSON.stringify(withUnicode)}\n${JSON.stringify(good2)}\n{"bad":\n`;
    const whole = await runCli(['batch', '-'], text);
    const bytes = Buffer.from(text);
    const pieces: Buffer[] = [];
    for (let i = 0, n = 1; i < bytes.length; i += n, n = (n % 7) + 1) pieces.push(bytes.subarray(i, i + n));
    const chunked = await runCli(['batch', '-'], Readable.from(pieces));
    expect(chunked.stdout).toBe(whole.stdout);
    expect(records(chunked.stdout)[0]?.caseId).toBe('ünïcødé—案例');
    expect(chunked.code).toBe(3);
  });

  it('--full writes the whole assessment per line', async () => {
    const r = await runCli(['batch', '--full', '-'], `${JSON.stringify(good1)}\n`);
    const [rec] = records(r.stdout);
    const { line, ...a } = rec as BatchLine;
    expect(line).toBe(1);
    expect(AssessmentSchema.safeParse(a).success).toBe(true);
  });

  it('--max-line-bytes sets the limit', async () => {
    const r = await runCli(['batch', '--max-line-bytes', '100', '-'], `${JSON.stringify(good1)}\n{}\n`);
    const recs = records(r.stdout);
    expect(recs[0]?.error).toMatchObject({ code: 'line_too_long', limit: 100 });
    expect(recs[1]?.error?.code).toBe('invalid_input');
    expect((await runCli(['batch', '--max-line-bytes', 'lots', '-'], '')).code).toBe(2);
  });

  it('a missing input file exits 2', async () => {
    const r = await runCli(['batch', 'nope.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file not found: nope.ndjson');
  });

  it('a slow reader (backpressure) loses nothing', async () => {
    const n = 300;
    const text = Array.from({ length: n }, (_, i) => JSON.stringify({ ...good1, id: `case-${i}` })).join('\n');
    const received: Buffer[] = [];
    const s = await runBatch(Readable.from([Buffer.from(text)]), slowReader(received), {});
    expect(s).toMatchObject({ lines: n, assessed: n, errors: 0 });
    const recs = records(Buffer.concat(received).toString('utf8'));
    expect(recs.map((x) => x.caseId)).toEqual(Array.from({ length: n }, (_, i) => `case-${i}`));
  });

  it('stops with exit 1 when the output is closed early', async () => {
    let writes = 0;
    const closing = new Sink();
    closing._write = (_chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void) => {
      writes++;
      cb(writes > 1 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
    };
    const many = Array.from({ length: 3000 }, () => JSON.stringify(good1)).join('\n');
    const { run } = await import('../src/cli/main.js');
    const stderr = new Sink();
    const code = await run(['batch', '-'], {
      stdin: Readable.from([Buffer.from(many.slice(0, 500_000)), Buffer.from(many.slice(500_000))]),
      stdout: closing,
      stderr,
      cwd: ROOT,
    });
    expect(code).toBe(1);
    expect(stderr.text()).toContain('stopped early: the output was closed');
  });

  it('an over-long line is skipped without being held in memory', async () => {
    const setFlags = v8.setFlagsFromString.bind(v8);
    setFlags('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const chunk = Buffer.alloc(64 * 1024, 0x61); // 'a'
    let sent = 0;
    let peak = 0;
    const total = 64 * 1024 * 1024;
    const source = Readable.from(
      (function* () {
        yield Buffer.from('{"x":"');
        while (sent < total) {
          sent += chunk.length;
          if (sent % (4 * 1024 * 1024) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
          yield chunk;
        }
        yield Buffer.from(`"}\n${JSON.stringify(good1)}\n`);
      })(),
    );
    gc();
    const before = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const out = new Sink();
    const s = await runBatch(source, out, {});
    expect(s).toMatchObject({ lines: 2, assessed: 1, errors: 1 });
    const recs = records(out.text());
    expect(recs[0]?.error).toMatchObject({ code: 'line_too_long', bytes: total + 8 });
    expect(recs[1]?.caseId).toBe('good-1');
    // A 64 MiB line passed through; memory stayed far below it (generous bound).
    expect(peak - before).toBeLessThan(24 * 1024 * 1024);
  });
});

describe('za-duties batch --jobs: worker threads, the same output', () => {
  // Worker threads run the built CLI (dist/cli.js); the thread that reads and writes is this
  // source's, in-process, or the built CLI's, in a child process.
  const WORKER = new URL(`file://${path.join(ROOT, 'dist', 'cli.js')}`);
  beforeAll(requireBuiltCli);

  const good = { ...teacher, id: 'good' };
  const violating = { ...teacher, id: 'violating', concerns: [{ ...teacher.concerns[0], victim: 'nobody' }] };
  const bad = Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d]); // {"\xff"}: not UTF-8
  // Every kind of line, again and again: enough lines for many jobs (128 lines each) over the workers.
  const kinds = [
    JSON.stringify(good),
    '{"assessmentDate": "2026-03-02", "people": [',
    '',
    JSON.stringify({ ...good, id: 'long', padding: 'x'.repeat(3000) }),
    JSON.stringify(violating),
    `${JSON.stringify(exampleCase)}\r`,
    'null',
  ];
  const parts: Buffer[] = [Buffer.from('\ufeff')];
  for (let i = 0; i < 1200; i++) {
    parts.push(Buffer.from(i % kinds.length === 0 ? JSON.stringify({ ...good, id: `good-${i}` }) : (kinds[i % kinds.length] as string)));
    if (i % 97 === 0) parts.push(Buffer.from('\n'), bad);
    parts.push(Buffer.from('\n'));
  }
  parts.push(Buffer.from(JSON.stringify(good).slice(0, 80))); // a last line without a newline, cut short
  const input = Buffer.concat(parts);

  it('the built CLI writes the same bytes and the same summary with 1, 2 or 3 jobs', async () => {
    const file = path.join(tmp, 'jobs.ndjson');
    fs.writeFileSync(file, input);
    const runs = await Promise.all(['1', '2', '3'].map((j) => spawnCli(['batch', '--jobs', j, '--max-line-bytes', '2048', file])));
    const [one, ...more] = runs as [Awaited<ReturnType<typeof spawnCli>>, ...Awaited<ReturnType<typeof spawnCli>>[]];
    expect(one.code).toBe(3);
    const recs = records(one.stdout);
    expect(recs).toHaveLength(1200 + 13 + 1);
    expect(recs.map((x) => x.line)).toEqual(recs.map((_, i) => i + 1));
    const codes = new Set(recs.map((x) => x.error?.code ?? x.skipped ?? 'assessed'));
    expect([...codes].sort()).toEqual(['assessed', 'blank line', 'invalid_input', 'invalid_json', 'line_too_long']);
    const summary = (t: string) => t.replace(/; [\d.]+ s, \d+ lines\/s\n$/, '');
    for (const r of more) {
      expect(r.code).toBe(3);
      expect(r.stdout).toBe(one.stdout);
      expect(summary(r.stderr)).toBe(summary(one.stderr));
    }
  });

  it('--full and a chunked input: the same records from this thread with two jobs as with one', async () => {
    const text = input.subarray(0, 60_000);
    const pieces: Buffer[] = [];
    for (let i = 0, n = 1; i < text.length; i += n, n = (n * 7) % 4093) pieces.push(text.subarray(i, i + n));
    const one = new Sink();
    const s1 = await runBatch(Readable.from(pieces), one, { full: true, today: '2026-11-30' });
    const two = new Sink();
    const s2 = await runBatch(Readable.from(pieces), two, { full: true, today: '2026-11-30', jobs: 2, workerScript: WORKER });
    expect(s1.lines).toBeGreaterThan(50);
    expect(s2).toEqual(s1);
    expect(two.text()).toBe(one.text());
    expect((records(two.text())[0] as Record<string, unknown>).guidance).toBeDefined();
  });

  it('the largest case the schema allows is answered by a worker under its memory cap (compact records)', async () => {
    // 200 people and 500 concerns, every id 200 characters long, nothing known of the reporter: the
    // most a worker's capped old generation holds for one line. Each line is a job of its own, and
    // the first job goes to the worker.
    const id = (p: string, i: number) => `${p}${i}`.padEnd(200, '-');
    const harms = ['physical_abuse', 'sexual_abuse', 'exposure_to_domestic_violence', 'neglect', 'emotional_abuse', 'trafficking'];
    const people = Array.from({ length: 200 }, (_, i) => ({ id: id('p', i), ageYears: i % 2 ? 9 : 40 }));
    const concerns = Array.from({ length: 500 }, (_, i) => ({
      id: id('c', i),
      victim: id('p', i % 200),
      allegedBy: id('p', (i + 3) % 200),
      harm: harms[i % harms.length],
    }));
    const line = JSON.stringify({ id: id('case', 0), assessmentDate: '2026-11-28', people, concerns });
    expect(line.length).toBeGreaterThan(1 << 18); // over a job's bytes: a job of its own
    const text = Array.from({ length: 4 }, () => line).join('\n');
    const one = new Sink();
    const s1 = await runBatch(Readable.from([Buffer.from(text)]), one, {});
    const two = new Sink();
    const s2 = await runBatch(Readable.from([Buffer.from(text)]), two, { jobs: 2, workerScript: WORKER });
    expect(s1).toMatchObject({ lines: 4, assessed: 4, errors: 0 });
    // No worker ran out of memory (the summary would say so).
    expect(s2).toEqual(s1);
    expect(two.text()).toBe(one.text());
    // A duty for every one of the 200 people at risk, on every line.
    const recs = records(two.text());
    expect(recs.map((r) => new Set((r.duties as { person: string }[]).map((d) => d.person)).size)).toEqual([200, 200, 200, 200]);
  });

  it('a line longer than the default line limit is never sent to a worker: every line answered, as with one job', async () => {
    // 12 MB of one array (under a raised line limit). Sent to a worker, one allocation for it made
    // V8 stop the whole process (exit 134), with no record written.
    const huge = `{"x":[${Array.from({ length: 6_000_000 }, () => '1').join(',')}]}`;
    const text = [JSON.stringify(good), huge, JSON.stringify({ ...good, id: 'last' })].join('\n');
    const options = { maxLineBytes: 16 * 1024 * 1024 };
    const one = new Sink();
    const s1 = await runBatch(Readable.from([Buffer.from(text)]), one, options);
    const two = new Sink();
    const s2 = await runBatch(Readable.from([Buffer.from(text)]), two, { ...options, jobs: 2, workerScript: WORKER });
    expect(s1).toMatchObject({ lines: 3, assessed: 2, errors: 1 });
    expect(s2).toEqual(s1);
    expect(two.text()).toBe(one.text());
  });

  it("a line too large for a worker's capped heap is made on this thread: every line answered, as with one job", async () => {
    // 450,000 empty objects in 1.35 MB (under a raised line limit, and sent to workers up to 4 MiB):
    // more than a worker's capped old generation holds. The worker runs out of memory; it is
    // replaced, and its jobs are made here.
    const huge = `{"assessmentDate":"2026-11-28","people":[${Array.from({ length: 450_000 }, () => '{}').join(',')}],"concerns":[]}`;
    const text = [
      JSON.stringify(good),
      huge,
      JSON.stringify({ ...good, id: 'between' }),
      huge,
      JSON.stringify({ ...good, id: 'last' }),
    ].join('\n');
    const options = { maxLineBytes: 4 * 1024 * 1024 };
    const one = new Sink();
    const s1 = await runBatch(Readable.from([Buffer.from(text)]), one, options);
    const two = new Sink();
    const s2 = await runBatch(Readable.from([Buffer.from(text)]), two, {
      ...options,
      jobs: 2,
      workerScript: WORKER,
      workerLineBytes: 4 * 1024 * 1024,
    });
    expect(s1).toMatchObject({ lines: 5, assessed: 3, errors: 2 });
    expect(s1.stoppedEarly).toBeUndefined();
    expect(s2).toEqual({ ...s1, workersOutOfMemory: expect.any(Number) });
    expect(s2.workersOutOfMemory).toBeGreaterThanOrEqual(1);
    expect(two.text()).toBe(one.text());
    expect(records(two.text()).map((r) => r.error?.code ?? r.caseId)).toEqual([
      'good',
      'invalid_input',
      'between',
      'invalid_input',
      'last',
    ]);
  });

  it('a slow reader (backpressure) loses nothing and keeps the order', async () => {
    const n = 2000;
    const text = Array.from({ length: n }, (_, i) => JSON.stringify({ ...good, id: `case-${i}` })).join('\n');
    const received: Buffer[] = [];
    const s = await runBatch(Readable.from([Buffer.from(text)]), slowReader(received), { jobs: 3, workerScript: WORKER });
    expect(s).toMatchObject({ lines: n, assessed: n, errors: 0 });
    expect(records(Buffer.concat(received).toString('utf8')).map((x) => x.caseId)).toEqual(
      Array.from({ length: n }, (_, i) => `case-${i}`),
    );
  });

  // The invariant itself: whatever the lines and however the input arrives, the records and the
  // summary do not depend on the number of jobs. Few runs: each starts worker threads.
  const lineArb = fc.oneof(
    caseArb.map((c) => JSON.stringify(c)),
    fc.constantFrom('', '   ', 'null', '[]', '{"a":1,"a":2}', '{"assessmentDate": "2026-03-02", "people": ['),
    fc.string({ unit: 'grapheme', maxLength: 40 }).map((t) => JSON.stringify({ ...good, id: t })),
    fc.constant(JSON.stringify({ ...good, id: 'long', padding: 'y'.repeat(5000) })),
  );
  test.prop(
    [
      fc.array(fc.tuple(lineArb, fc.boolean()), { minLength: 1, maxLength: 400, size: 'max' }),
      fc.integer({ min: 2, max: 3 }),
      fc.boolean(),
      fc.integer({ min: 1, max: 9000 }),
    ],
    // The example: an input that is one empty line without a newline, that is, no line at all.
    { numRuns: 6, examples: [[[['', false]], 2, false, 1]] },
  )('the records and the summary are the same with 1, 2 or 3 jobs, however the input is chunked', async (lines, jobs, full, cut) => {
    const text = Buffer.from(lines.map(([l, crlf]) => (crlf ? `${l}\r` : l)).join('\n'));
    const chunks = (b: Buffer) => Array.from({ length: Math.ceil(b.length / cut) }, (_, i) => b.subarray(i * cut, (i + 1) * cut));
    const options = { full, today: '2026-11-30', maxLineBytes: 4096 };
    const one = new Sink();
    const s1 = await runBatch(Readable.from([text]), one, options);
    const many = new Sink();
    const s2 = await runBatch(Readable.from(chunks(text)), many, { ...options, jobs, workerScript: WORKER });
    // A final line is read without a newline, unless it is empty (then the input ended with one).
    const [lastText, lastCr] = lines[lines.length - 1] as [string, boolean];
    expect(s1.lines).toBe(lastText === '' && !lastCr ? lines.length - 1 : lines.length);
    expect(s2).toEqual(s1);
    expect(many.text()).toBe(one.text());
  });

  it('a worker that cannot start stops the run early (exit 1 in the CLI), with nothing out of order', async () => {
    const out = new Sink();
    const lines = `${JSON.stringify(good)}\n`.repeat(600);
    const s = await runBatch(Readable.from([Buffer.from(lines)]), out, {
      jobs: 2,
      workerScript: new URL('data:text/javascript,throw new Error("boom")'),
    });
    expect(s.stoppedEarly).toBe('a batch worker failed (Error); please report it');
    // The first job went to the worker; nothing after it may be written before it.
    expect(out.text()).toBe('');
    expect(s.lines).toBe(0);
  });

  it('--jobs takes a whole number from 1 to 64', async () => {
    for (const bad of ['0', '65', 'two', '1.5']) {
      const r = await runCli(['batch', '--jobs', bad, '-'], '');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--jobs expects a whole number from 1 to 64');
    }
  });
});

describe('the built CLI (dist/cli.js)', () => {
  beforeAll(requireBuiltCli);

  it('assess and check exit codes from a real process', async () => {
    const ok = await spawnCli(['assess', 'examples/mitchells-plain.json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ caseId: 'example-mitchells-plain' });
    const missing = await spawnCli(['assess', 'missing.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('za-duties assess: file not found: missing.json\n');
    const unmet = await spawnCli(['check', '-'], JSON.stringify({ case: exampleCase, actions: [] }));
    expect(unmet.code).toBe(1);
  });

  it('batch over stdin exits 3 with an error line, and no stack traces anywhere', async () => {
    const r = await spawnCli(['batch'], `${JSON.stringify(teacher)}\nnot json\n`);
    expect(r.code).toBe(3);
    expect(records(r.stdout).map((x) => x.line)).toEqual([1, 2]);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+\)/);
  });

  it('prints the text summary as npm run example does', async () => {
    const r = await spawnCli(['assess', 'examples/mitchells-plain.json', '--format', 'text']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('za-duties: reporting duties for case example-mitchells-plain');
  });
});
