import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer, type ServeOptions } from '../src/cli/serve.js';
import { assess } from '../src/index.js';
import { ROOT } from './helpers/fixtures.js';
import { checkKeptAnswers, expectRawDocumented } from './helpers/openapi-check.js';
import { httpRequest } from './helpers/http.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

// The server's limits: idle sockets, clients that do not read, a burst beyond the concurrency cap,
// answers too large, Host and Expect. All on 127.0.0.1, bounded in count; no timing assertions:
// short limits, and the tests wait for the server to act (vitest's test timeout bounds the wait).

const teacher = fs.readFileSync(path.join(ROOT, 'examples', 'teacher-injured-child.json'), 'utf8');

/** The largest valid case: its full assessment is over 5 MB, more than loopback's socket buffers take. */
function bigCase(): string {
  const people = Array.from({ length: 200 }, (_, i) => ({ id: `p${i}`, ageYears: i % 2 ? 9 : 40 }));
  const harms = ['physical_abuse', 'sexual_abuse', 'exposure_to_domestic_violence', 'neglect'];
  const concerns = Array.from({ length: 500 }, (_, i) => ({
    id: `c${i}`,
    victim: `p${(i * 2 + 1) % 200}`,
    allegedBy: `p${(i * 2) % 200}`,
    relationship: 'parent',
    harm: harms[i % 4],
    basis: 'reasonable_suspicion',
  }));
  return JSON.stringify({
    assessmentDate: '2026-11-28',
    reporter: { role: 'teacher', ageYears: 34, inCourseOfDuties: true },
    people,
    concerns,
  });
}

let servers: RunningServer[] = [];
const sockets: net.Socket[] = [];
async function serve(options: ServeOptions): Promise<RunningServer> {
  const s = await startServer({ port: 0, host: '127.0.0.1', ...options });
  servers.push(s);
  return s;
}
afterEach(() => checkKeptAnswers());
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.map((s) => s.close(100)));
  servers = [];
});

function request(
  srv: RunningServer,
  method: string,
  urlPath: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return httpRequest({ port: srv.port, method, path: urlPath, body, headers });
}
const post = (srv: RunningServer, urlPath: string, body: string | Buffer) =>
  request(srv, 'POST', urlPath, body, { 'content-type': 'application/json' });
const json = (r: Reply) => JSON.parse(r.body) as { error?: { code: string; message: string } } & Record<string, unknown>;

/** Sends raw bytes and collects everything until the server closes the connection. */
function raw(srv: RunningServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(srv.port, '127.0.0.1', () => socket.write(text));
    sockets.push(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => {
      const reply = Buffer.concat(chunks).toString('utf8');
      // A complete answer must fit the OpenAPI description, whatever the request was.
      if (reply.startsWith('HTTP/1.1 ')) {
        const [method = '', path = ''] = text.split(' ');
        try {
          expectRawDocumented(method, path, reply);
        } catch (e) {
          reject(e as Error);
          return;
        }
      }
      resolve(reply);
    });
    socket.on('error', () => undefined);
  });
}

async function connectionsOf(srv: RunningServer): Promise<number> {
  return new Promise((resolve, reject) => srv.server.getConnections((e, n) => (e ? reject(e) : resolve(n))));
}

async function until(f: () => Promise<boolean>): Promise<void> {
  while (!(await f())) await new Promise((r) => setTimeout(r, 20));
}

describe('serve: idle connections', () => {
  it('connections that never send a byte are closed, so they cannot fill the connection cap', async () => {
    const srv = await serve({ idleTimeoutMs: 100, maxConnections: 8 });
    const idle = Array.from({ length: 8 }, () => raw(srv, ''));
    const replies = await Promise.all(idle);
    expect(replies).toEqual(Array.from({ length: 8 }, () => ''));
    await until(async () => (await connectionsOf(srv)) === 0);
    const r = await request(srv, 'GET', '/healthz');
    expect(r.status).toBe(200);
  });

  it('an idle keep-alive connection is closed too', async () => {
    const srv = await serve({ idleTimeoutMs: 100 });
    const reply = await raw(srv, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expect(reply).toMatch(/^HTTP\/1.1 200 /);
  });
});

describe('serve: clients that do not read their answer', () => {
  it('are disconnected after the send timeout, and the answer is not held', async () => {
    const srv = await serve({ sendTimeoutMs: 200, maxResponseBytes: 64 * 1024 * 1024, maxPeople: 200, maxConcerns: 500 });
    const body = bigCase();
    const closed: Promise<void>[] = [];
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(srv.port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.pause(); // never read
      socket.write(
        `POST /assess?full=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    srv.server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) =>
      closed.push(new Promise((r) => res.once('close', () => r()))),
    );
    await until(async () => closed.length === 3);
    await Promise.all(closed);
    await until(async () => (await connectionsOf(srv)) === 0);
    expect((await request(srv, 'GET', '/healthz')).status).toBe(200);
  });

  it('answers waiting for slow clients are bounded in total: beyond, the longest-waiting is cut off, and others are served', async () => {
    const srv = await serve({
      sendTimeoutMs: 60_000,
      maxUnsentBytes: 8 * 1024 * 1024,
      maxResponseBytes: 64 * 1024 * 1024,
      maxPeople: 200,
      maxConcerns: 500,
    });
    const body = bigCase();
    const responses: http.ServerResponse[] = [];
    srv.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (req.url?.includes('full')) responses.push(res);
    });
    const slow = () => {
      const socket = net.connect(srv.port, '127.0.0.1');
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.pause(); // never read
      socket.write(
        `POST /assess?full=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    };
    slow();
    await until(async () => responses.length === 1 && responses[0]?.headersSent === true);
    const first = responses[0] as http.ServerResponse;
    const firstClosed = new Promise<void>((r) => (first.destroyed ? r() : first.once('close', () => r())));
    // One stalled answer (over 5 MB) is within the budget: it is kept while others are served.
    expect((await post(srv, '/assess', teacher)).status).toBe(200);
    expect(first.destroyed).toBe(false);
    // A second stalled answer takes the total over the budget: the first is cut off.
    slow();
    await firstClosed; // (the send timeout is a minute: only the budget can have closed it)
    expect((await post(srv, '/assess', teacher)).status).toBe(200);
    expect((await request(srv, 'GET', '/healthz')).status).toBe(200);
  });

  it('a case larger than the server takes is refused before it is assessed: 413 case_too_large', async () => {
    const srv = await serve({});
    const big = bigCase();
    const r = await post(srv, '/assess?full=1', big);
    expect(r.status).toBe(413);
    expect(json(r).error).toMatchObject({
      code: 'case_too_large',
      message: expect.stringContaining('people has 200 entries; this server takes at most 50'),
    });
    const c = await post(srv, '/check', `{"case":${big},"actions":[]}`);
    expect(c.status).toBe(413);
    expect(json(c).error?.message).toContain('case.people has 200 entries');
    const raised = await serve({ maxPeople: 200, maxConcerns: 500, maxResponseBytes: 64 << 20 });
    expect((await post(raised, '/assess', big)).status).toBe(200);
    // A full answer of many megabytes, written as bytes: JSON.stringify's text of the library's answer.
    const whole = await post(raised, '/assess?full=1', big);
    expect(whole.status).toBe(200);
    expect(whole.body).toBe(JSON.stringify(assess(JSON.parse(big) as unknown, { detail: 'full' })));
  });

  it('an answer larger than the limit is refused with 413 response_too_large; the compact one fits', async () => {
    const srv = await serve({ maxResponseBytes: 20_000 });
    const full = await post(srv, '/assess?full=1', teacher);
    expect(full.status).toBe(413);
    expect(json(full).error).toMatchObject({ code: 'response_too_large', message: expect.stringContaining('without ?full=1') });
    expect((await post(srv, '/assess', teacher)).status).toBe(200);
  });
});

describe('serve: a burst beyond the concurrency cap', () => {
  it('gets 503 with Retry-After while the cap is taken, /healthz keeps answering, and held requests still succeed', async () => {
    const srv = await serve({ maxConcurrent: 2, bodyTimeoutMs: 60_000 });
    // Two requests take the two slots: their bodies are half sent.
    const body = Buffer.from(teacher);
    const held = [0, 1].map(() => {
      let req!: http.ClientRequest;
      const reply = new Promise<Reply>((resolve, reject) => {
        req = http.request(
          {
            host: '127.0.0.1',
            port: srv.port,
            method: 'POST',
            path: '/assess',
            agent: false,
            headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
            );
          },
        );
        req.on('error', reject);
        req.write(body.subarray(0, 10));
      });
      return { req, reply };
    });
    // Wait until the server holds both (a probe then finds the cap full).
    await until(async () => {
      const probe = await post(srv, '/assess', teacher);
      if (probe.status === 503) return true;
      expect(probe.status).toBe(200);
      return false;
    });
    const burst = await Promise.all(Array.from({ length: 12 }, () => post(srv, '/assess', teacher)));
    for (const r of burst) {
      expect(r.status).toBe(503);
      expect(r.headers['retry-after']).toBe('1');
      expect(json(r).error?.code).toBe('overloaded');
    }
    expect((await request(srv, 'GET', '/healthz')).status).toBe(200);
    for (const h of held) h.req.end(body.subarray(10));
    const answers = await Promise.all(held.map((h) => h.reply));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    // The slots are free again.
    expect((await post(srv, '/assess', teacher)).status).toBe(200);
  });

  it('/healthz is answered while assessments queue, not after the whole queue', async () => {
    const srv = await serve({ maxPeople: 200, maxConcerns: 500 });
    const order: string[] = [];
    srv.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => res.once('finish', () => order.push(req.url ?? '')));
    const big = bigCase();
    // Four of the largest cases (each a long assessment), then /healthz: connected (and accepted:
    // a busy server accepts one connection per turn of its event loop) first, then all written at
    // once, so the server reads them together.
    const texts = [
      ...Array.from(
        { length: 4 },
        () =>
          `POST /assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(big)}\r\nConnection: close\r\n\r\n${big}`,
      ),
      'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    ];
    const conns = await Promise.all(
      texts.map(
        () =>
          new Promise<net.Socket>((resolve) => {
            const c = net.connect(srv.port, '127.0.0.1', () => resolve(c));
            sockets.push(c);
            c.on('error', () => undefined);
          }),
      ),
    );
    const replies = conns.map(
      (c) =>
        new Promise<string>((resolve) => {
          const chunks: Buffer[] = [];
          c.on('data', (d: Buffer) => chunks.push(d));
          c.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        }),
    );
    await until(async () => (await connectionsOf(srv)) === texts.length);
    conns.forEach((c, i) => c.write(texts[i] as string));
    for (const r of await Promise.all(replies)) expect(r).toMatch(/^HTTP\/1.1 200 /);
    expect(order).toHaveLength(5);
    expect(order.indexOf('/healthz')).toBeLessThan(order.lastIndexOf('/assess'));
  });

  it('a body that arrived while the server was busy is assessed, not answered 408', async () => {
    const srv = await serve({ bodyTimeoutMs: 50 });
    const body = Buffer.from(teacher);
    const got = new Promise<void>((r) => srv.server.once('request', () => r()));
    let req!: http.ClientRequest;
    const reply = new Promise<Reply>((resolve, reject) => {
      req = http.request(
        {
          host: '127.0.0.1',
          port: srv.port,
          method: 'POST',
          path: '/assess',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    await got;
    req.end(body);
    // The event loop is busy (as with other assessments) for longer than the body timeout while
    // the body sits in the socket.
    const busyUntil = Date.now() + 300;
    while (Date.now() < busyUntil);
    const r = await reply;
    expect(r.status).toBe(200);
  });
});

describe('serve: Host and Expect', () => {
  it('no Host header: 400 in the JSON shape', async () => {
    const srv = await serve({});
    const reply = await raw(srv, 'GET /healthz HTTP/1.1\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1.1 400 /);
    const body = reply.slice(reply.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('Host') } });
  });

  it('a Host that is not a loopback name is refused when bound to loopback (DNS rebinding)', async () => {
    const srv = await serve({});
    const evil = await request(srv, 'GET', '/healthz', undefined, { host: `evil.example:${srv.port}` });
    expect(evil.status).toBe(421);
    expect(json(evil).error?.code).toBe('host_not_allowed');
    for (const host of [`localhost:${srv.port}`, `127.0.0.1:${srv.port}`, 'localhost', `[::1]:${srv.port}`]) {
      expect((await request(srv, 'GET', '/healthz', undefined, { host })).status, host).toBe(200);
    }
  });

  it('an Expect other than 100-continue: 417 in the JSON shape; 100-continue works', async () => {
    const srv = await serve({});
    const bad = await request(srv, 'POST', '/assess', teacher, { 'content-type': 'application/json', expect: 'the-moon' });
    expect(bad.status).toBe(417);
    expect(json(bad).error?.code).toBe('expectation_failed');
    const ok = await new Promise<Reply>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: srv.port,
          method: 'POST',
          path: '/assess',
          agent: false,
          headers: { 'content-type': 'application/json', expect: '100-continue' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('continue', () => req.end(teacher));
      req.on('error', reject);
    });
    expect(ok.status).toBe(200);
  });
});

describe('serve: bodies', () => {
  it('a body that is not valid UTF-8: 415', async () => {
    const srv = await serve({});
    const r = await post(srv, '/assess', Buffer.concat([Buffer.from('{"id":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
    expect(r.status).toBe(415);
    expect(json(r).error?.message).toContain('not valid UTF-8');
  });

  it('a repeated key: 400 invalid_json naming it', async () => {
    const srv = await serve({});
    const r = await post(srv, '/assess', teacher.replace('"physicalInjury": true', '"physicalInjury": true, "physicalInjury": false'));
    expect(r.status).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'invalid_json', message: expect.stringContaining('"physicalInjury" appears twice') });
  });

  it('nesting deeper than the call stack, within the body limit: 400 invalid_input, not 500', async () => {
    const srv = await serve({});
    const deep = `${'['.repeat(120_000)}${']'.repeat(120_000)}`;
    const r = await post(srv, '/assess', JSON.stringify(JSON.parse(teacher)).replace(/}$/, `,"x":${deep}}`));
    expect(r.status).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('unknown field "x"') });
  });
});

describe('serve: the limits as flags', () => {
  it('each limit has a flag, and a bad value is a usage error (exit 2) before anything listens', async () => {
    const { runCli } = await import('./helpers/cli.js');
    const help = await runCli(['serve', '--help']);
    for (const f of [
      '--max-body-bytes',
      '--max-people',
      '--max-concerns',
      '--max-response-bytes',
      '--max-concurrent',
      '--max-unsent-bytes',
      '--max-connections',
      '--idle-timeout-ms',
      '--headers-timeout-ms',
      '--timeout-ms',
      '--request-timeout-ms',
      '--send-timeout-ms',
    ]) {
      expect(help.stdout).toContain(f);
      const bad = await runCli(['serve', '--port', '0', f, '0']);
      expect(bad.code, f).toBe(2);
      expect(bad.stderr).toContain(`--${f.slice(2)} expects a whole number`);
    }
  });
});
