import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CompactAssessmentSchema } from '../src/cli/compact.js';
import { startServer, type RunningServer } from '../src/cli/serve.js';
import {
  assess,
  AssessmentSchema,
  ComplianceCheckSchema,
  DUTY_IDS,
  expandTexts,
  ReferencedAssessmentSchema,
  referenceTexts,
} from '../src/index.js';
import { CLI, requireBuiltCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';
import { checkKeptAnswers, expectDocumented, expectRawDocumented } from './helpers/openapi-check.js';
import { httpRequest, type Reply } from './helpers/http.js';

// The HTTP server, in-process on random loopback ports. No timing assertions: timeouts are
// exercised with short limits and the tests wait for the server's answer.

const teacher = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8')) as {
  reporter: Record<string, unknown>;
  concerns: Record<string, unknown>[];
} & Record<string, unknown>;

const MAX_BODY = 64 * 1024;
let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer({
    port: 0,
    host: '127.0.0.1',
    maxBodyBytes: MAX_BODY,
    bodyTimeoutMs: 300,
    headersTimeoutMs: 300,
    maxConcurrent: 1000,
  });
});
afterAll(async () => {
  await srv.close(1000);
});
afterEach(() => checkKeptAnswers());

/** One request with node:http (full control of headers and body). */
function request(
  method: string,
  urlPath: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
  agent?: http.Agent,
): Promise<Reply> {
  return httpRequest({ port: srv.port, method, path: urlPath, body, headers, agent });
}

const postJson = (urlPath: string, value: unknown, agent?: http.Agent) =>
  request('POST', urlPath, JSON.stringify(value), { 'content-type': 'application/json' }, agent);

function expectNoStack(body: string): void {
  expect(body).not.toMatch(/\n\s+at /);
  expect(body).not.toMatch(/\.(ts|js):\d+/);
}

describe('serve: the operations', () => {
  it('GET /healthz', async () => {
    const r = await request('GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.json()).toMatchObject({ status: 'ok' });
  });

  it('POST /assess: a teacher who concludes a child was beaten and injured must report under s110(1)', async () => {
    const r = await postJson('/assess', teacher);
    expect(r.status).toBe(200);
    const a = CompactAssessmentSchema.parse(r.json());
    expect(a.duties.find((d) => d.duty === 'ca-s110-1' && d.person === 'child-a')).toMatchObject({ status: 'applies', modality: 'must' });
    const full = await postJson('/assess?full=1', teacher);
    expect(AssessmentSchema.safeParse(full.json()).success).toBe(true);
    // Written as bytes (src/cli/record-bytes.ts): the text JSON.stringify gives of the library's answer.
    expect(full.body).toBe(JSON.stringify(assess(teacher, { detail: 'full' })));
    // ?referenced=1: the full assessment with each text referred to by id; expanded, the ?full=1 body byte for byte.
    const referenced = await postJson('/assess?referenced=1', teacher);
    expect(referenced.status).toBe(200);
    expect(ReferencedAssessmentSchema.safeParse(referenced.json()).success).toBe(true);
    expect(referenced.body).toBe(JSON.stringify(referenceTexts(assess(teacher, { detail: 'full' }))));
    expect(referenced.body.length).toBeLessThan(full.body.length / 3);
    expect(JSON.stringify(expandTexts(referenced.json()))).toBe(full.body);
    // POST /expand puts the texts back over HTTP: the ?full=1 body, byte for byte.
    const expanded = await request('POST', '/expand', referenced.body, { 'content-type': 'application/json' });
    expect(expanded.status).toBe(200);
    expect(expanded.body).toBe(full.body);
    const other = await postJson('/expand', { ...referenced.json(), rulesetVersion: '0.0.1+rules.0000' });
    expect(other.status).toBe(400);
    expect((other.json() as { error: { code: string; issues: { code: string; at: string }[] } }).error).toMatchObject({
      code: 'invalid_input',
      issues: [{ code: 'other_ruleset', at: 'rulesetVersion' }],
    });
  });

  it('POST /check: 200 with the compliance result either way', async () => {
    const none = await postJson('/check', { case: teacher, actions: [] });
    expect(none.status).toBe(200);
    expect(ComplianceCheckSchema.parse(none.json())).toMatchObject({ compliant: false });
    // Form 22 to the provincial DSD meets s110(1), but not the DVA report, which goes to a social worker or SAPS.
    const form22 = await postJson('/check', {
      case: teacher,
      actions: [{ recipient: 'provincial_department_of_social_development', date: '2026-03-02', form: 'Form 22' }],
    });
    const items = (form22.json().items as { id: string; status: string }[]).map((i) => [i.id, i.status]);
    expect(items).toContainEqual(['ca-s110-1', 'met']);
    expect(items).toContainEqual(['dva-report', 'unmet']);
    expect(form22.json()).toMatchObject({ compliant: false });
    // One report to SAPS meets both (SAPS is a recipient under s110(1) and the DVA).
    const saps = await postJson('/check', { case: teacher, actions: [{ recipient: 'police', date: '2026-03-02' }] });
    expect(saps.json()).toMatchObject({ compliant: true });
  });

  it('GET /rules and GET /schema/:name', async () => {
    const rules = await request('GET', '/rules');
    expect(rules.status).toBe(200);
    expect((rules.json().duties as { id: string }[]).map((d) => d.id)).toEqual([...DUTY_IDS]);
    for (const name of ['input', 'output', 'check']) {
      const s = await request('GET', `/schema/${name}`);
      expect(s.status).toBe(200);
      expect(s.json().$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    }
    const nope = await request('GET', '/schema/nope');
    expect(nope.status).toBe(404);
    expect(nope.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('404 for an unknown path, 405 with Allow for a wrong method', async () => {
    expect((await request('GET', '/nothing-here')).status).toBe(404);
    const r = await request('GET', '/assess');
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('POST');
    const d = await request('DELETE', '/rules');
    expect(d.status).toBe(405);
    expect(d.headers.allow).toBe('GET, HEAD');
  });
});

describe('serve: bad requests', () => {
  it('malformed JSON: 400 with line and column', async () => {
    const r = await request('POST', '/assess', '{\n  "people": [,\n}', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.json()).toMatchObject({ error: { code: 'invalid_json', line: 2, column: 14 } });
    const empty = await request('POST', '/assess', '', { 'content-type': 'application/json' });
    expect(empty.status).toBe(400);
  });

  it('a schema violation: 400 with the validation paths', async () => {
    const r = await postJson('/assess', { ...teacher, concerns: [{ ...teacher.concerns[0], harm: 'bad vibes' }] });
    expect(r.status).toBe(400);
    const e = r.json().error as { code: string; issues: { at: string; expected: string; received: string }[] };
    expect(e.code).toBe('invalid_input');
    expect(e.issues).toEqual([expect.objectContaining({ at: 'concerns[0].harm', received: '"bad vibes"' })]);
    const c = await postJson('/check', { case: teacher, actions: [{ recipient: 'police', date: 'yesterday' }] });
    expect(c.status).toBe(400);
    expect((c.json().error as { issues: { at: string }[] }).issues.map((i) => i.at)).toEqual(['actions[0].date']);
  });

  it('wrong or missing content type: 415', async () => {
    const text = await request('POST', '/assess', JSON.stringify(teacher), { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expect((await request('POST', '/assess', JSON.stringify(teacher))).status).toBe(415);
    expect((await request('POST', '/assess', JSON.stringify(teacher), { 'content-type': 'application/json; charset=latin1' })).status).toBe(
      415,
    );
    expect((await request('POST', '/assess', JSON.stringify(teacher), { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(
      200,
    );
  });

  it('oversized body: 413, declared or streamed', async () => {
    const big = JSON.stringify({ ...teacher, padding: 'x'.repeat(MAX_BODY) });
    const declared = await request('POST', '/assess', big, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(big)),
    });
    expect(declared.status).toBe(413);
    expect(declared.json()).toMatchObject({ error: { code: 'body_too_large' } });
    const chunked = await request('POST', '/assess', big, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect((await request('GET', '/healthz')).status).toBe(200);
  });

  it('a slow client that never finishes its body: 408, and the server stays up', async () => {
    const r = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: srv.port,
          method: 'POST',
          path: '/assess',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': '1000' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
              json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
            }),
          );
        },
      );
      req.on('error', reject);
      req.write('{"people": ['); // and then nothing more
    });
    expect(r.status).toBe(408);
    expectDocumented({ method: 'POST', path: '/assess', ...r });
    expect(r.json()).toMatchObject({ error: { code: 'request_timeout' } });
    expect((await request('GET', '/healthz')).status).toBe(200);
  });

  it('a client that never finishes its headers is cut off', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(srv.port, '127.0.0.1', () => socket.write('POST /assess HTTP/1.1\r\nHost: x\r\n'));
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', () => undefined);
    });
    expect(reply === '' || reply.startsWith('HTTP/1.1 408')).toBe(true);
    if (reply !== '') expectRawDocumented('POST', '/assess', reply);
    expect((await request('GET', '/healthz')).status).toBe(200);
  });

  it('garbage that is not HTTP: 400, and the server stays up', async () => {
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(srv.port, '127.0.0.1', () => socket.write('\u0000\u0001 NOT HTTP AT ALL\r\n\r\n'));
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', () => undefined);
    });
    expect(reply).toMatch(/^HTTP\/1.1 400 /);
    expectRawDocumented('\u0000\u0001', 'NOT', reply);
    expect((await request('GET', '/healthz')).status).toBe(200);
  });

  it('no error response carries a stack trace', async () => {
    const replies = await Promise.all([
      request('POST', '/assess', '{', { 'content-type': 'application/json' }),
      postJson('/assess', { people: 'nobody' }),
      request('POST', '/check', 'x', { 'content-type': 'text/csv' }),
      request('GET', '/schema/%E0%A4%A'),
      request('PUT', '/assess', '{}', { 'content-type': 'application/json' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual([400, 400, 415, 400, 405]);
    for (const r of replies) {
      expect(r.json()).toHaveProperty('error.code');
      expectNoStack(r.body);
    }
  });
});

describe('serve: load and memory', () => {
  it('a burst of 200 concurrent requests gets the right status codes, and the server stays up', async () => {
    const kinds = ['ok', 'bad-json', 'invalid', 'wrong-type', 'too-big', 'check'] as const;
    const big = JSON.stringify({ ...teacher, padding: 'x'.repeat(MAX_BODY) });
    const send = (k: (typeof kinds)[number]) => {
      switch (k) {
        case 'ok':
          return postJson('/assess', teacher);
        case 'bad-json':
          return request('POST', '/assess', '{"a":', { 'content-type': 'application/json' });
        case 'invalid':
          return postJson('/assess', { people: [] });
        case 'wrong-type':
          return request('POST', '/assess', JSON.stringify(teacher), { 'content-type': 'text/plain' });
        case 'too-big':
          return request('POST', '/assess', big, { 'content-type': 'application/json' });
        case 'check':
          return postJson('/check', { case: teacher, actions: [] });
      }
    };
    const expected = { ok: 200, 'bad-json': 400, invalid: 400, 'wrong-type': 415, 'too-big': 413, check: 200 };
    const plan = Array.from({ length: 200 }, (_, i) => kinds[i % kinds.length] as (typeof kinds)[number]);
    const replies = await Promise.all(plan.map((k) => send(k)));
    replies.forEach((r, i) => expect(r.status, plan[i]).toBe(expected[plan[i] as keyof typeof expected]));
    const ok = replies.filter((_, i) => plan[i] === 'ok');
    for (const r of ok)
      expect((r.json().duties as { duty: string; status: string }[]).find((d) => d.duty === 'ca-s110-1')?.status).toBe('applies');
    expect((await request('GET', '/healthz')).status).toBe(200);
  });

  it('memory does not grow without bound over a few thousand requests', async () => {
    const setFlags = v8.setFlagsFromString.bind(v8);
    setFlags('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    const round = async (n: number) => {
      for (let i = 0; i < n; i += 20) {
        await Promise.all(
          Array.from({ length: 20 }, (_, j) =>
            (i + j) % 4 === 3
              ? request('POST', '/assess', '{"broken', { 'content-type': 'application/json' }, agent)
              : postJson('/assess', { ...teacher, id: `case-${i + j}` }, agent),
          ),
        );
      }
    };
    await round(400); // warm up: compile, caches, sockets
    gc();
    const before = process.memoryUsage().heapUsed;
    await round(3000);
    gc();
    const after = process.memoryUsage().heapUsed;
    agent.destroy();
    // Generous: 3,000 requests whose responses are ~2 KB each; a leak of each would be far more.
    expect(after - before).toBeLessThan(20 * 1024 * 1024);
  });
});

describe('serve: graceful shutdown', () => {
  it('close() lets an in-flight request finish, then refuses new connections', async () => {
    const s = await startServer({ port: 0, bodyTimeoutMs: 5000 });
    const body = JSON.stringify(teacher);
    let req!: http.ClientRequest;
    const inFlight = new Promise<number>((resolve, reject) => {
      req = http.request(
        {
          host: '127.0.0.1',
          port: s.port,
          method: 'POST',
          path: '/assess',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
    });
    // The server has the request (headers in, body pending) before it is told to stop.
    await new Promise<void>((resolve) => s.server.once('request', () => resolve()));
    const closed = s.close(5000);
    req.end(body.slice(10));
    expect(await inFlight).toBe(200);
    await closed;
    await expect(
      new Promise((resolve, reject) => net.connect(s.port, '127.0.0.1').on('connect', resolve).on('error', reject)),
    ).rejects.toThrow();
  });

  it('the CLI stops on SIGTERM and exits 0', async () => {
    requireBuiltCli();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (m?.[1]) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGTERM: finishing in-flight requests');
    expect(stderr).toContain('stopped');
  });

  it('the CLI refuses a bad port with exit 2, and a port in use with exit 1', async () => {
    requireBuiltCli();
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        c.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
        c.on('exit', (code) => resolve({ code, stderr: err }));
      });
    expect((await run(['serve', '--port', '99999'])).code).toBe(2);
    const inUse = await run(['serve', '--port', String(srv.port)]);
    expect(inUse.code).toBe(1);
    expect(inUse.stderr).toContain('the port is in use');
  });
});

// The schemas ship as files too (generated by the build).
describe('schemas/ in the package', () => {
  it('matches what the server gives', async () => {
    const file = path.join(ROOT, 'schemas', 'input.schema.json');
    if (!fs.existsSync(file)) throw new Error('schemas/ is missing: run `npm run build` first (npm test does)');
    const served = await request('GET', '/schema/input');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(served.json());
  });
});
