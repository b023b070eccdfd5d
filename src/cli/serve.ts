import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { safeAssess } from '../assessment/assess.js';
import { rulesetVersionOf } from '../assessment/version.js';
import { safeCheckCompliance } from '../check/check.js';
import type { ValidationIssue } from '../errors/validation-error.js';
import { dutyCatalogue } from '../rules/listing.js';
import { decisionsJson } from './compact.js';
import { parseJson } from './json.js';
import { isSchemaName, jsonSchema, SCHEMA_NAMES } from './schemas.js';
import { version as packageVersion } from '../../package.json';

/*
 * The same operations as the CLI over HTTP, with node:http only. Bound to loopback by default.
 * Every error is JSON `{ error: { code, message, ... } }` without stack traces; nothing about a
 * request is logged. Bodies are capped (413), slow bodies time out (408), and a stop request
 * lets in-flight requests finish before closing.
 */

/** Options of {@link createServer} and {@link startServer}. */
export interface ServeOptions {
  /** Port to listen on (0: any free port). Default 8080. */
  readonly port?: number;
  /** Address to bind. Default `127.0.0.1` (loopback only). */
  readonly host?: string;
  /** Largest request body in bytes (413 beyond). Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Time allowed to receive a request body (408 beyond). Default 10 s. */
  readonly bodyTimeoutMs?: number;
  /** Time allowed to receive the request headers. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Idle keep-alive connections close after this. Default 5 s. */
  readonly keepAliveTimeoutMs?: number;
}

/** A running server. */
export interface RunningServer {
  readonly server: http.Server;
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`, default 10 s), then closes. */
  close(graceMs?: number): Promise<void>;
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { readonly issues?: readonly ValidationIssue[]; readonly line?: number; readonly column?: number } = {},
    readonly close = false,
  ) {
    super(message);
  }
}

function send(res: http.ServerResponse, status: number, body: string, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...JSON_HEADERS, 'content-length': Buffer.byteLength(body), ...extraHeaders });
  res.end(body);
}

function sendError(res: http.ServerResponse, e: HttpError, extraHeaders: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: { code: e.code, message: e.message, ...e.extra } });
  send(res, e.status, body, e.close ? { connection: 'close', ...extraHeaders } : extraHeaders);
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

function readBody(req: http.IncomingMessage, max: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > max) {
      reject(new HttpError(413, 'body_too_large', `the request body is ${declared} bytes; the limit is ${max} bytes`, {}, true));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: HttpError | undefined, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        // Discard whatever else arrives without keeping it; the connection closes after the reply.
        req.removeAllListeners('data');
        req.resume();
        reject(err);
      } else resolve(text as string);
    };
    const timer = setTimeout(() => finish(new HttpError(408, 'request_timeout', `the request body did not arrive within ${timeoutMs} ms`, {}, true)), timeoutMs);
    req.on('data', (c: Buffer) => {
      if (settled) return;
      size += c.length;
      if (size > max) finish(new HttpError(413, 'body_too_large', `the request body is larger than the limit of ${max} bytes`, {}, true));
      else chunks.push(c);
    });
    req.on('end', () => finish(undefined, Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', () => finish(new HttpError(400, 'bad_request', 'the request could not be read', {}, true)));
    req.on('aborted', () => finish(new HttpError(400, 'bad_request', 'the request was aborted', {}, true)));
  });
}

async function jsonBody(req: http.IncomingMessage, max: number, timeoutMs: number): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(415, 'unsupported_media_type', `expected content-type application/json (UTF-8), got ${req.headers['content-type'] ? JSON.stringify(req.headers['content-type']) : 'none'}`, {}, true);
  }
  const text = await readBody(req, max, timeoutMs);
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'the request body is empty: expected a JSON object');
  const r = parseJson(text);
  if (!r.ok) throw new HttpError(400, 'invalid_json', `invalid JSON at line ${r.error.line}, column ${r.error.column}: ${r.error.reason}`, { line: r.error.line, column: r.error.column });
  return r.value;
}

function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v !== null && v !== 'false' && v !== '0';
}

let rulesBody: string | undefined;
const schemaBodies = new Map<string, string>();

/** The request handler (exported for tests and embedding). */
export function createHandler(options: ServeOptions = {}): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const max = options.maxBodyBytes ?? 1024 * 1024;
  const bodyTimeout = options.bodyTimeoutMs ?? 10_000;

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'bad_request', 'the request URL is not valid');
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const allow = (methods: string) => {
      if (!methods.split(', ').includes(method)) {
        throw Object.assign(new HttpError(405, 'method_not_allowed', `${method} is not allowed here; use ${methods}`, {}, method === 'POST' || method === 'PUT'), { allow: methods });
      }
    };

    if (path === '/healthz') {
      allow('GET, HEAD');
      send(res, 200, JSON.stringify({ status: 'ok', version: packageVersion, rulesetVersion: rulesetVersionOf() }));
      return;
    }
    if (path === '/rules') {
      allow('GET, HEAD');
      rulesBody ??= JSON.stringify(dutyCatalogue());
      send(res, 200, rulesBody);
      return;
    }
    if (path.startsWith('/schema/')) {
      allow('GET, HEAD');
      let name: string;
      try {
        name = decodeURIComponent(path.slice('/schema/'.length));
      } catch {
        throw new HttpError(400, 'bad_request', 'the schema name is not valid percent-encoding');
      }
      if (!isSchemaName(name)) throw new HttpError(404, 'not_found', `no schema named ${JSON.stringify(name.slice(0, 40))}; the schemas are ${SCHEMA_NAMES.join(', ')}`);
      let body = schemaBodies.get(name);
      if (!body) {
        body = JSON.stringify(jsonSchema(name));
        schemaBodies.set(name, body);
      }
      send(res, 200, body, { 'content-type': 'application/schema+json; charset=utf-8' });
      return;
    }
    if (path === '/assess') {
      allow('POST');
      const input = await jsonBody(req, max, bodyTimeout);
      // ?full: every reason, as trainers and audits read it; otherwise the decisions level (compact).
      if (flag(url, 'full')) {
        const r = safeAssess(input, { detail: 'full' });
        if (!r.success) throw new HttpError(400, 'invalid_input', r.error.message, { issues: r.error.issues });
        send(res, 200, JSON.stringify(r.data));
      } else {
        const r = safeAssess(input, { detail: 'decisions' });
        if (!r.success) throw new HttpError(400, 'invalid_input', r.error.message, { issues: r.error.issues });
        send(res, 200, decisionsJson(r.data));
      }
      return;
    }
    if (path === '/check') {
      allow('POST');
      const input = await jsonBody(req, max, bodyTimeout);
      const r = safeCheckCompliance(input);
      if (!r.success) throw new HttpError(400, 'invalid_input', r.error.message, { issues: r.error.issues });
      send(res, 200, JSON.stringify(r.data));
      return;
    }
    throw new HttpError(404, 'not_found', `no such endpoint; use POST /assess, POST /check, GET /rules, GET /schema/:name or GET /healthz`);
  };

  return (req, res) => {
    route(req, res).catch((e: unknown) => {
      if (e instanceof HttpError) {
        const allowHeader = (e as HttpError & { allow?: string }).allow;
        sendError(res, e, allowHeader ? { allow: allowHeader } : {});
      } else {
        // Never a stack trace, never the input.
        sendError(res, new HttpError(500, 'internal_error', 'internal error; please report it', {}, true));
      }
    });
  };
}

/** Creates the HTTP server (not yet listening), with its body limit and timeouts. */
export function createServer(options: ServeOptions = {}): http.Server {
  const bodyTimeout = options.bodyTimeoutMs ?? 10_000;
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const requestTimeout = Math.max(bodyTimeout, headersTimeout) + 5_000;
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 2))),
    },
    createHandler(options),
  );
  server.maxConnections = 1024;
  // A malformed request or a timed-out connection must never take the server down.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'the request did not arrive in time']
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'the request headers are too large']
          : [400, 'Bad Request', 'bad_request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ error: { code, message } });
    socket.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

/** Starts the server and resolves when it is listening. */
export function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const server = createServer(options);
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        port,
        url: `http://${shownHost}:${port}`,
        close: (graceMs = 10_000) =>
          new Promise<void>((done) => {
            const force = setTimeout(() => server.closeAllConnections(), graceMs);
            force.unref();
            server.close(() => {
              clearTimeout(force);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
