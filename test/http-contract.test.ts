import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../src/cli/http.js';
import { openApiDocument } from '../src/cli/openapi.js';
import { jsonSchema } from '../src/cli/schemas.js';
import { startServer, type RunningServer } from '../src/cli/serve.js';
import { decisionRecord, dutyCatalogue, safeAssess, safeValidateCase } from '../src/index.js';
import { answerProblems, answersChecked, checkKeptAnswers } from './helpers/openapi-check.js';
import { httpRequest, type Reply } from './helpers/http.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';
import pkg from '../package.json';

// The HTTP contract for other languages: GET /openapi.json, the version and rules hash on every
// answer, POST /validate, /record and /replay, and the request handler mounted in a server of
// one's own (za-reporting-duties/http). Every answer is checked against the OpenAPI description.

const teacher = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8')) as Record<string, unknown>;
const HASH = dutyCatalogue().rulesHash;

let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await srv.close(1000);
});
afterEach(() => checkKeptAnswers());

function request(method: string, urlPath: string, body?: string, port = srv.port): Promise<Reply> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return httpRequest({ port, method, path: urlPath, body, headers, documentedPath: urlPath.replace(/^\/duties\//, '/') });
}
const post = (urlPath: string, value: unknown) => request('POST', urlPath, JSON.stringify(value));

function expectProvenance(r: Reply): void {
  expect(r.headers['za-duties-version']).toBe(pkg.version);
  expect(r.headers['za-duties-rules-hash']).toBe(HASH);
  expect(r.headers['za-duties-ruleset']).toBe(dutyCatalogue().rulesetVersion);
}

describe('GET /openapi.json', () => {
  it('is the OpenAPI document of schemas/openapi.json and describes every route the server answers', async () => {
    const r = await request('GET', '/openapi.json');
    expect(r.status).toBe(200);
    expectProvenance(r);
    const doc = r.json() as { openapi: string; info: Record<string, unknown>; paths: Record<string, unknown> };
    expect(doc).toEqual(openApiDocument(jsonSchema));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ version: pkg.version, 'x-rules-hash': HASH });
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/assess',
      '/check',
      '/expand',
      '/healthz',
      '/openapi.json',
      '/record',
      '/replay',
      '/rules',
      '/schema/{name}',
      '/validate',
    ]);
    // The 404 names exactly the documented routes.
    const nope = await request('GET', '/nope');
    for (const p of Object.keys(doc.paths))
      expect(nope.json().error).toMatchObject({ message: expect.stringContaining(p.replace('{name}', ':name')) });
  });

  it('the checker refuses answers that depart from it (so the checks in the tests can fail)', () => {
    const headers = {
      'content-type': 'application/json',
      'za-duties-version': pkg.version,
      'za-duties-ruleset': 'x',
      'za-duties-rules-hash': HASH,
    };
    const error = JSON.stringify({ error: { code: 'not_found', message: 'x' }, version: pkg.version, rulesHash: HASH });
    expect(answerProblems({ method: 'GET', path: '/nope', status: 404, headers, body: error })).toEqual([]);
    expect(
      answerProblems({ method: 'GET', path: '/nope', status: 404, headers: { 'content-type': 'application/json' }, body: error }).join(),
    ).toContain('ZA-Duties-Version is missing');
    expect(
      answerProblems({ method: 'GET', path: '/healthz', status: 200, headers, body: JSON.stringify({ status: 'ok' }) }).join(),
    ).toContain("must have required property 'version'");
    expect(answerProblems({ method: 'POST', path: '/assess', status: 418, headers, body: error }).join()).toContain(
      'status 418 is not documented',
    );
    expect(
      answerProblems({
        method: 'POST',
        path: '/validate',
        status: 400,
        headers,
        body: JSON.stringify({ error: { code: 'whatever', message: 'x' }, version: 'x', rulesHash: HASH }),
      }).join(),
    ).toContain('allowed values');
    expect(
      answerProblems({
        method: 'POST',
        path: '/validate',
        status: 200,
        headers,
        body: JSON.stringify({ valid: true, assessmentDate: '2026-02-30', knowledgeDate: '2026-02-01', version: 'x', rulesHash: HASH }),
      }).join(),
    ).toContain('format "date"');
  });
});

describe('the version and the rules hash on every answer', () => {
  it('in the headers of every route, success or error, and in the server bodies', async () => {
    const replies = await Promise.all([
      request('GET', '/healthz'),
      request('HEAD', '/healthz'),
      request('GET', '/rules'),
      request('GET', '/schema/input'),
      post('/assess', teacher),
      post('/assess?full=1', teacher),
      post('/check', { case: teacher, actions: [] }),
      post('/validate', teacher),
      post('/record', teacher),
      request('GET', '/nothing'),
      request('DELETE', '/assess'),
      request('POST', '/assess', '{'),
    ]);
    for (const r of replies) expectProvenance(r);
    expect(replies[0]?.json()).toEqual({
      status: 'ok',
      version: pkg.version,
      rulesetVersion: dutyCatalogue().rulesetVersion,
      rulesHash: HASH,
    });
    expect(replies[2]?.json()).toMatchObject({ rulesHash: HASH });
    for (const i of [7, 8, 9, 10, 11]) expect(replies[i]?.json(), String(i)).toMatchObject({ version: pkg.version, rulesHash: HASH });
    // The library's assessment keeps its own shape, with its ruleset version (package version and hash prefix).
    expect(replies[5]?.json()).toMatchObject({ rulesetVersion: `${pkg.version}+rules.${HASH.slice(0, 14)}` });
    expect(replies[5]?.json()).not.toHaveProperty('rulesHash');
  });
});

describe('POST /validate', () => {
  it('a valid case: 200 with the dates it would be assessed on, and nothing assessed', async () => {
    const r = await post('/validate', teacher);
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      valid: true,
      assessmentDate: teacher.assessmentDate,
      knowledgeDate: expect.any(String),
      version: pkg.version,
      rulesHash: HASH,
    });
    expect(r.json()).not.toHaveProperty('duties');
  });

  it('the cross-field rules JSON Schema cannot carry: 400 with each issue in the documented error shape', async () => {
    const bad = {
      assessmentDate: '2026-03-02',
      reporter: { knowledgeDate: '2026-03-05' },
      people: [
        { id: 'a', ageYears: 5, dateOfBirth: '2010-01-01' },
        { id: 'a' },
        { id: 'b', caregiverOf: ['zz'], dateOfBirth: '2027-01-01' },
      ],
      concerns: [{ id: 'c1', victim: 'x', allegedBy: 'y', harm: 'neglect' }],
    };
    const r = await post('/validate', bad);
    expect(r.status).toBe(400);
    const error = r.json().error as { code: string; issues: { at: string; code: string }[] };
    expect(error.code).toBe('invalid_input');
    expect(error.issues.map((i) => i.at).sort()).toEqual([
      'concerns[0].allegedBy',
      'concerns[0].victim',
      'people[1].id',
      'people[2].caregiverOf[0]',
    ]);
    expect(error.issues.map((i) => [i.at, i.code]).sort()).toEqual([
      ['concerns[0].allegedBy', 'unknown_person_id'],
      ['concerns[0].victim', 'unknown_person_id'],
      ['people[1].id', 'duplicate_id'],
      ['people[2].caregiverOf[0]', 'unknown_person_id'],
    ]);
    // Once the ids are right, the dates and ages: knowledge after the assessment, a birth after it, ages that disagree.
    const dated = await post('/validate', {
      ...bad,
      people: [
        { id: 'a', ageYears: 5, dateOfBirth: '2010-01-01' },
        { id: 'b', dateOfBirth: '2027-01-01' },
      ],
      concerns: [{ id: 'c1', victim: 'a', harm: 'neglect' }],
    });
    const issues = (dated.json().error as { issues: { at: string; code: string }[] }).issues;
    expect(issues.map((i) => [i.at, i.code]).sort()).toEqual([
      ['people[0].ageYears', 'conflicting_facts'],
      ['people[1].dateOfBirth', 'born_after_assessment_date'],
      ['reporter.knowledgeDate', 'after_assessment_date'],
    ]);
  });

  it('answers exactly what an assessment would reject, for every fixture', () => {
    let invalid = 0;
    for (const { scenario } of loadScenarios()) {
      const v = safeValidateCase(scenario.case);
      const a = safeAssess(scenario.case);
      expect(v.success, scenario.name).toBe(a.success);
      if (!v.success && !a.success) {
        invalid++;
        expect(v.error.issues, scenario.name).toEqual(a.error.issues);
      }
    }
    expect(invalid).toBeGreaterThan(3);
  });
});

describe('POST /record and POST /replay', () => {
  it('a record with the id mapping beside it, never inside; replayed: identical', async () => {
    const r = await post('/record', teacher);
    expect(r.status).toBe(200);
    const body = r.json() as { record: Record<string, unknown>; ids: { people: { id: string; recordId: string }[] } };
    const lib = decisionRecord(teacher as unknown);
    if (!lib.success) throw lib.error;
    expect(body.record).toEqual(JSON.parse(JSON.stringify(lib.data)));
    expect(body.ids).toEqual(lib.ids);
    for (const p of body.ids.people) expect(JSON.stringify(body.record)).not.toContain(`"${p.id}"`);
    const replay = await post('/replay', body.record);
    expect(replay.status).toBe(200);
    expect(replay.json()).toEqual({ sameRules: true, identical: true, differences: [], version: pkg.version, rulesHash: HASH });
  });

  it('a record whose outcome was changed: 200 with the differences; ?strict=1 records strict mode', async () => {
    const { record } = (await post('/record?strict=1', teacher)).json() as {
      record: { mode: string; outcome: { duty: string; person: string; status: string }[] };
    };
    expect(record.mode).toBe('strict');
    const i = record.outcome.findIndex((d) => d.status === 'applies');
    const first = record.outcome[i] as { duty: string; person: string; status: string };
    const changed = { ...record, outcome: record.outcome.map((d, j) => (j === i ? { ...d, status: 'does_not_apply' } : d)) };
    const r = await post('/replay', changed);
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({
      identical: false,
      differences: [{ duty: first.duty, person: first.person, recorded: 'does_not_apply', now: 'applies' }],
    });
  });

  it('not a record, or a case that is not valid: 400 invalid_input', async () => {
    const r = await post('/replay', { recordVersion: 1 });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_input' } });
    const c = await post('/record', { people: [] });
    expect(c.status).toBe(400);
    expect((c.json().error as { issues: { at: string }[] }).issues.map((i) => i.at)).toEqual(['people', 'concerns']);
    expect((await request('GET', '/record')).status).toBe(405);
  });
});

describe('the request handler in a server of ones own (za-reporting-duties/http)', () => {
  it('mounted under a prefix of a node:http server, it answers as za-duties serve does', async () => {
    const handle = createHandler({ maxPeople: 5 });
    const own = http.createServer((req, res) => {
      if (req.url?.startsWith('/duties/')) {
        req.url = req.url.slice('/duties'.length);
        handle(req, res);
      } else {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('my app');
      }
    });
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const port = (own.address() as AddressInfo).port;
    try {
      const health = await request('GET', '/duties/healthz', undefined, port);
      expect(health.json()).toMatchObject({ status: 'ok', rulesHash: HASH });
      const big = await request(
        'POST',
        '/duties/assess',
        JSON.stringify({ ...teacher, people: Array.from({ length: 6 }, (_, i) => ({ id: `p${i}` })) }),
        port,
      );
      expect(big.status).toBe(413);
      const a = await request('POST', '/duties/assess', JSON.stringify(teacher), port);
      expect(a.status).toBe(200);
      expectProvenance(a);
    } finally {
      await new Promise((resolve) => own.close(resolve));
    }
  });
});

describe('the checks', () => {
  it('checked every answer of this file against the OpenAPI description', () => {
    checkKeptAnswers();
    expect(answersChecked()).toBeGreaterThanOrEqual(25);
  });
});
