import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  decisionRecord,
  dutyCatalogue,
  replayDecisionRecord,
  referenceTexts,
  safeAssess,
  safeExpandTexts,
  safeCheckCompliance,
  safeValidateCase,
  type ErrorCode,
  type ValidationIssue,
} from '../index.js';
import { decisionsJson } from './compact.js';
import { RecordBytes } from './record-bytes.js';
import { decodeUtf8, parseJson } from './json.js';
import { isSchemaName, jsonSchema, SCHEMA_NAMES } from './schemas.js';
import { SERVER_PATHS } from './openapi.js';
import { version as packageVersion } from '../../package.json';

/*
 * The same operations as the CLI over HTTP, on node:http (fastify was measured and not taken: see
 * docs/cli.md). Bound to loopback by default, and then only loopback Host names are answered (DNS
 * rebinding). Every error is JSON `{ error: { code, message, ... } }` without stack traces; nothing
 * about a request is logged. Every phase of a connection is bounded: silence before the first byte
 * and between requests (idle), the headers, the body, the whole request, and the delivery of the
 * answer to a client that does not read it (send). At most `maxConcurrent` POST requests are
 * received and assessed at once (503 with Retry-After beyond, decided before the body is read, so a
 * body that arrived is never answered 408); at most `maxUnsentBytes` of answers wait for slow
 * clients (beyond, the longest-waiting is cut off); a case is capped (people, concerns: 413) so one
 * assessment is short and its answer fits; a body is capped (413), and so is an answer (413 `response_too_large`, e.g.
 * `?full=1` of a huge case). A stop request lets in-flight requests finish before closing.
 */

/**
 * The server's limits and timeouts when none are given (docs/cli.md lists them with their flags).
 *
 * @example
 * ```ts
 * SERVE_DEFAULTS.maxBodyBytes; //=> 262144
 * ```
 * @category HTTP
 */
export const SERVE_DEFAULTS = {
  port: 8080,
  host: '127.0.0.1',
  maxBodyBytes: 256 * 1024,
  maxPeople: 50,
  maxConcerns: 100,
  maxResponseBytes: 6 * 1024 * 1024,
  maxConcurrent: 64,
  maxUnsentBytes: 64 * 1024 * 1024,
  maxConnections: 1024,
  idleTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  sendTimeoutMs: 10_000,
} as const;

/** Options of {@link createServer} and {@link startServer} (defaults: {@link SERVE_DEFAULTS}). */
export interface ServeOptions {
  /** Port to listen on (0: any free port). Default 8080. */
  readonly port?: number;
  /** Address to bind. Default `127.0.0.1` (loopback only; then only loopback Host names are answered). */
  readonly host?: string;
  /** Largest request body in bytes (413 beyond). Default 256 KiB (the largest valid case is about 70 KB). */
  readonly maxBodyBytes?: number;
  /**
   * Most people in one case (413 `case_too_large` beyond; the library and CLI take 200). Default 50:
   * with at most 100 concerns, an assessment takes tens of milliseconds and its full answer stays
   * under the 6 MiB answer limit (about 4.1 MB at most), so one request cannot hold the server or its memory for long.
   */
  readonly maxPeople?: number;
  /** Most concerns in one case (413 `case_too_large` beyond; the library and CLI take 500). Default 100. */
  readonly maxConcerns?: number;
  /** Largest answer in bytes (413 `response_too_large` beyond, e.g. `?full=1` of a huge case). Default 6 MiB. */
  readonly maxResponseBytes?: number;
  /** POST requests (/assess, /check, /validate, /record, /replay) being received and assessed at once; 503 with Retry-After beyond. Default 64. */
  readonly maxConcurrent?: number;
  /** Answers not yet taken by their (slow) clients, in bytes in total; beyond, the longest-waiting is cut off. Default 64 MiB. */
  readonly maxUnsentBytes?: number;
  /** Open connections at once; more are refused. Default 1024. */
  readonly maxConnections?: number;
  /** A connection that sends nothing (before its first request, or between requests) is closed after this. Default 5 s. */
  readonly idleTimeoutMs?: number;
  /** Time allowed to receive the request headers. Default 10 s. */
  readonly headersTimeoutMs?: number;
  /** Time allowed to receive a request body (408 beyond). Default 10 s. */
  readonly bodyTimeoutMs?: number;
  /** Time allowed to receive a whole request, headers and body. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Time allowed to deliver an answer; a client that does not read it is disconnected. Default 10 s. */
  readonly sendTimeoutMs?: number;
  /** @deprecated The same limit as `idleTimeoutMs`, which wins when both are given. */
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

type Limits = { -readonly [K in Exclude<keyof typeof SERVE_DEFAULTS, 'port' | 'host'>]: number };

function limitsOf(o: ServeOptions): Limits {
  const d = SERVE_DEFAULTS;
  return {
    maxBodyBytes: o.maxBodyBytes ?? d.maxBodyBytes,
    maxPeople: o.maxPeople ?? d.maxPeople,
    maxConcerns: o.maxConcerns ?? d.maxConcerns,
    maxResponseBytes: o.maxResponseBytes ?? d.maxResponseBytes,
    maxConcurrent: o.maxConcurrent ?? d.maxConcurrent,
    maxUnsentBytes: o.maxUnsentBytes ?? d.maxUnsentBytes,
    maxConnections: o.maxConnections ?? d.maxConnections,
    idleTimeoutMs: o.idleTimeoutMs ?? o.keepAliveTimeoutMs ?? d.idleTimeoutMs,
    headersTimeoutMs: o.headersTimeoutMs ?? d.headersTimeoutMs,
    bodyTimeoutMs: o.bodyTimeoutMs ?? d.bodyTimeoutMs,
    requestTimeoutMs: o.requestTimeoutMs ?? Math.max(d.requestTimeoutMs, (o.bodyTimeoutMs ?? 0) + (o.headersTimeoutMs ?? 0)),
    sendTimeoutMs: o.sendTimeoutMs ?? d.sendTimeoutMs,
  };
}

/** True for a bind address on this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

/** The host name of a Host header, without the port (`[::1]:8080` → `::1`). */
function hostName(header: string): string {
  const h = header.trim();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') === -1 ? undefined : h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

/** What every answer says about the library that produced it: in headers, and in the server's own bodies. */
interface Provenance {
  readonly version: string;
  readonly rulesetVersion: string;
  readonly rulesHash: string;
  readonly headers: Readonly<Record<string, string>>;
}
let provenanceCache: Provenance | undefined;
/**
 * The package version, ruleset version and rules hash (SHA-256 of the rule files), and the
 * headers that carry them on every response: `ZA-Duties-Version`, `ZA-Duties-Ruleset`,
 * `ZA-Duties-Rules-Hash`.
 */
function provenance(): Provenance {
  if (!provenanceCache) {
    const c = dutyCatalogue();
    provenanceCache = {
      version: packageVersion,
      rulesetVersion: c.rulesetVersion,
      rulesHash: c.rulesHash,
      headers: { 'za-duties-version': packageVersion, 'za-duties-ruleset': c.rulesetVersion, 'za-duties-rules-hash': c.rulesHash },
    };
  }
  return provenanceCache;
}

/** A body the server builds itself, with the package version and the rules hash. */
function stamped(body: Record<string, unknown>): string {
  const p = provenance();
  return JSON.stringify({ ...body, version: p.version, rulesHash: p.rulesHash });
}

/** The data of a library result, or the 400 `invalid_input` error with its issues. */
function valid<T>(
  r:
    | { readonly success: true; readonly data: T }
    | { readonly success: false; readonly error: { readonly message: string; readonly issues: readonly ValidationIssue[] } },
): T {
  if (!r.success) throw new HttpError(400, 'invalid_input', r.error.message, { issues: r.error.issues });
  return r.data;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly extra: { readonly issues?: readonly ValidationIssue[]; readonly line?: number; readonly column?: number } = {},
    readonly close = false,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Writes a JSON answer; a client that does not take it within `sendTimeoutMs` is disconnected. */
function send(
  res: http.ServerResponse,
  sendTimeoutMs: number,
  status: number,
  body: string | Uint8Array,
  extraHeaders: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  // A large answer is held as UTF-8 bytes, not as the (two-byte) string: half the memory while a
  // slow client takes it, and the string is free at once.
  const bytes = typeof body === 'string' && body.length > 65_536 ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...JSON_HEADERS, ...provenance().headers, 'content-length': Buffer.byteLength(bytes), ...extraHeaders });
  res.end(bytes);
  if (res.writableFinished) return;
  // 'finish' comes when the last byte is handed to the OS: until then the answer is held in memory.
  const timer = setTimeout(() => res.destroy(), sendTimeoutMs);
  timer.unref();
  const clear = () => clearTimeout(timer);
  res.once('finish', clear);
  res.once('close', clear);
}

function sendError(res: http.ServerResponse, sendTimeoutMs: number, e: HttpError): void {
  const body = stamped({ error: { code: e.code, message: e.message, ...e.extra } });
  send(res, sendTimeoutMs, e.status, body, e.close ? { connection: 'close', ...e.headers } : e.headers);
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type = '', ...params] = header.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json' && !/^application\/[a-z0-9.+-]+\+json$/.test(type)) return false;
  const charset = params.find((p) => p.startsWith('charset='));
  return charset === undefined || /^charset="?utf-8"?$/.test(charset);
}

function readBody(req: http.IncomingMessage, max: number, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declaredHeader = req.headers['content-length'];
    const declared = declaredHeader === undefined ? undefined : Number(declaredHeader);
    if (declared !== undefined && declared > max) {
      reject(new HttpError(413, 'body_too_large', `the request body is ${declaredHeader} bytes; the limit is ${max} bytes`, {}, true));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: HttpError | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        // Discard whatever else arrives without keeping it; the connection closes after the reply.
        req.removeAllListeners('data');
        req.resume();
        reject(err);
      } else resolve(Buffer.concat(chunks, size));
    };
    const timedOut = () => {
      // The event loop may have been busy (assessing other requests) while this body sat unread in
      // the socket: read what has arrived before deciding it is late, so a body that arrived is
      // never answered 408.
      setImmediate(() =>
        setImmediate(() => {
          if (settled || (declared !== undefined && size >= declared)) return;
          finish(new HttpError(408, 'request_timeout', `the request body did not arrive within ${timeoutMs} ms`, {}, true));
        }),
      );
    };
    const timer = setTimeout(timedOut, timeoutMs);
    req.on('data', (c: Buffer) => {
      if (settled) return;
      size += c.length;
      if (size > max) finish(new HttpError(413, 'body_too_large', `the request body is larger than the limit of ${max} bytes`, {}, true));
      else chunks.push(c);
    });
    req.on('end', () => finish(undefined));
    req.on('error', () => finish(new HttpError(400, 'bad_request', 'the request could not be read', {}, true)));
    req.on('aborted', () => finish(new HttpError(400, 'bad_request', 'the request was aborted', {}, true)));
  });
}

async function jsonBody(req: http.IncomingMessage, limits: Limits): Promise<unknown> {
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new HttpError(
      415,
      'unsupported_media_type',
      `expected content-type application/json (UTF-8), got ${req.headers['content-type'] ? JSON.stringify(req.headers['content-type'].slice(0, 100)) : 'none'}`,
      {},
      true,
    );
  }
  const bytes = await readBody(req, limits.maxBodyBytes, limits.bodyTimeoutMs);
  const text = decodeUtf8(bytes);
  if (text === undefined)
    throw new HttpError(415, 'unsupported_media_type', 'the request body is not valid UTF-8: expected application/json in UTF-8');
  if (text.trim() === '') throw new HttpError(400, 'invalid_json', 'the request body is empty: expected a JSON object');
  const r = parseJson(text);
  if (!r.ok)
    throw new HttpError(400, 'invalid_json', `invalid JSON at line ${r.error.line}, column ${r.error.column}: ${r.error.reason}`, {
      line: r.error.line,
      column: r.error.column,
    });
  return r.value;
}

/** 413 for a case larger than this server takes (the schema's own limits are checked by the assessment). */
function checkCaseSize(c: unknown, limits: Limits, at: string): void {
  if (typeof c !== 'object' || c === null) return;
  const { people, concerns } = c as { people?: unknown; concerns?: unknown };
  const over = (list: unknown, max: number, name: string) =>
    Array.isArray(list) && list.length > max
      ? `${at}${name} has ${list.length} entries; this server takes at most ${max} (--max-${name}); the command line takes larger cases`
      : undefined;
  const why = over(people, limits.maxPeople, 'people') ?? over(concerns, limits.maxConcerns, 'concerns');
  if (why) throw new HttpError(413, 'case_too_large', why);
}

/** The longest the assessments keep the event loop before it reads the sockets again (one assessment always runs). */
const TURN_MS = 2;
/** Turns of the event loop left to I/O alone between two turns of assessments (at least). */
const IDLE_TURNS = 8;

function flag(url: URL, name: string): boolean {
  const v = url.searchParams.get(name);
  return v !== null && v !== 'false' && v !== '0';
}

let rulesBody: string | undefined;
let openApiBody: string | undefined;
const schemaBodies = new Map<string, string>();

/**
 * The request handler of `za-duties serve`, `(req, res) => void`, to mount in a Node server of your
 * own (public as `za-reporting-duties/http`). It has its own count of requests in flight and its own
 * limits (`options`: the host decides which Host names it answers). Mounted under a prefix, strip
 * the prefix from `req.url` first. Connection timeouts (idle, headers, whole request) belong to the
 * server: {@link createServer} sets them; set your own where you mount it.
 *
 * @param options - Limits and timeouts ({@link SERVE_DEFAULTS}); `host` as the server binds it.
 * @returns The handler.
 * @example
 * ```ts
 * import http from 'node:http';
 * import { createHandler } from 'za-reporting-duties/http';
 * http.createServer(createHandler()).listen(8080, '127.0.0.1');
 * // curl -s localhost:8080/healthz //=> {"status":"ok","version":"0.6.0",…}
 * ```
 * @category HTTP
 */
export function createHandler(options: ServeOptions = {}): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  const limits = limitsOf(options);
  const loopbackOnly = isLoopbackHost(options.host ?? SERVE_DEFAULTS.host);
  let inFlight = 0;
  let unsent = 0;
  /** Writes full answers as bytes (one at a time: answers are made in turn); keeps no string of a case. */
  const fullBytes = new RecordBytes(1 << 16, false);
  /** Answers not yet taken by their clients, oldest first, with their sizes. */
  const waiting = new Map<http.ServerResponse, number>();

  // Assessments run in turns of the event loop of at most TURN_MS each (a turn runs at least one):
  // between turns the loop reads the sockets, so /healthz (and the 503s, and bodies still
  // arriving) are answered while assessments queue, instead of after the whole queue. A busy Node
  // accepts one new connection per turn of its event loop, so between two turns of assessments the
  // loop turns on its own several times more (microseconds each): a new connection (a /healthz
  // probe) waits for a few assessments at most, not for every connection queued before it.
  const turns: (() => void)[] = [];
  let idleTurns = 0;
  const nextTurn = () => {
    if (idleTurns > 0) {
      idleTurns--;
      setImmediate(nextTurn);
      return;
    }
    const started = performance.now();
    do turns.shift()?.();
    while (turns.length > 0 && performance.now() - started < TURN_MS);
    if (turns.length > 0) {
      // The longer the turn was, the more connections may be waiting: two idle turns per millisecond.
      idleTurns = Math.max(IDLE_TURNS, Math.round(2 * (performance.now() - started)));
      setImmediate(nextTurn);
    }
  };
  const inTurn = <T>(work: () => T): Promise<T> =>
    new Promise((resolve, reject) => {
      turns.push(() => {
        try {
          resolve(work());
        } catch (e) {
          reject(e);
        }
      });
      if (turns.length === 1) setImmediate(nextTurn);
    });

  const answer = (res: http.ServerResponse, body: string | Uint8Array, headers: Record<string, string> = {}) => {
    const bytes = Buffer.byteLength(body);
    if (bytes > limits.maxResponseBytes) {
      throw new HttpError(
        413,
        'response_too_large',
        `the answer is ${bytes} bytes; the limit is ${limits.maxResponseBytes} bytes: ask for the compact assessment (without ?full=1), or split the case`,
      );
    }
    send(res, limits.sendTimeoutMs, 200, body, headers);
    if (res.writableFinished) return;
    // Held until the client takes it or the send timeout cuts it off. Over the budget, the answer
    // that has waited longest goes first: its client is the likeliest not to be reading at all.
    unsent += bytes;
    waiting.set(res, bytes);
    res.once('close', () => {
      unsent -= bytes;
      waiting.delete(res);
    });
    for (const [old] of waiting) {
      if (unsent <= limits.maxUnsentBytes || old === res) break;
      old.destroy();
    }
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse, slot: { taken: boolean }): Promise<void> => {
    const host = req.headers.host;
    if (host === undefined || host === '') {
      if (req.httpVersion !== '1.0') throw new HttpError(400, 'bad_request', 'the Host header is missing (required by HTTP/1.1)', {}, true);
    } else if (loopbackOnly && !isLoopbackHost(hostName(host))) {
      // A page on another site whose name now points at 127.0.0.1 (DNS rebinding) must get nothing.
      throw new HttpError(421, 'host_not_allowed', 'this server answers only loopback host names (localhost, 127.0.0.1, [::1])', {}, true);
    }
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
        throw new HttpError(
          405,
          'method_not_allowed',
          `${method.slice(0, 20)} is not allowed here; use ${methods}`,
          {},
          method === 'POST' || method === 'PUT',
          { allow: methods },
        );
      }
    };
    /** Takes a slot for a POST (freed once its answer is handed over), or answers 503 at once without reading the body. */
    const admit = () => {
      if (inFlight >= limits.maxConcurrent) {
        req.resume(); // discard the body unread; the connection closes after the answer
        throw new HttpError(
          503,
          'overloaded',
          `the server is busy (${limits.maxConcurrent} requests are being received or assessed); retry after a second`,
          {},
          true,
          { 'retry-after': '1' },
        );
      }
      inFlight++;
      slot.taken = true;
      if (req.headers.expect !== undefined) res.writeContinue();
    };

    if (path === '/healthz') {
      allow('GET, HEAD');
      const p = provenance();
      send(
        res,
        limits.sendTimeoutMs,
        200,
        JSON.stringify({ status: 'ok', version: p.version, rulesetVersion: p.rulesetVersion, rulesHash: p.rulesHash }),
      );
      return;
    }
    if (path === '/openapi.json') {
      allow('GET, HEAD');
      openApiBody ??= JSON.stringify(jsonSchema('openapi'));
      send(res, limits.sendTimeoutMs, 200, openApiBody);
      return;
    }
    if (path === '/rules') {
      allow('GET, HEAD');
      rulesBody ??= JSON.stringify(dutyCatalogue());
      send(res, limits.sendTimeoutMs, 200, rulesBody);
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
      if (!isSchemaName(name))
        throw new HttpError(
          404,
          'not_found',
          `no schema named ${JSON.stringify(name.slice(0, 40))}; the schemas are ${SCHEMA_NAMES.join(', ')}`,
        );
      let body = schemaBodies.get(name);
      if (!body) {
        body = JSON.stringify(jsonSchema(name));
        schemaBodies.set(name, body);
      }
      send(res, limits.sendTimeoutMs, 200, body, { 'content-type': 'application/schema+json; charset=utf-8' });
      return;
    }
    /**
     * A POST endpoint: admitted, its JSON body read, the case in it held to the size limits (at
     * `caseOf`, named `prefix`), then answered in turn with what `produce` makes of it.
     */
    const post = async (
      produce: (input: unknown) => string | Uint8Array,
      caseOf: ((input: unknown) => unknown) | undefined = (input) => input,
      prefix = '',
    ): Promise<void> => {
      allow('POST');
      admit();
      const input = await jsonBody(req, limits);
      if (caseOf) checkCaseSize(caseOf(input), limits, prefix);
      answer(res, await inTurn(() => produce(input)));
    };

    if (path === '/assess') {
      // ?full: every reason, as trainers and audits read it; ?referenced: the same with each text
      // referred to by id; otherwise the decisions level (compact).
      const referenced = flag(url, 'referenced');
      const full = referenced || flag(url, 'full');
      // A full answer is written straight into UTF-8 bytes (the same bytes as JSON.stringify): no
      // string of several megabytes first, and the rules' texts and objects copied as kept bytes.
      return post((input) =>
        full
          ? fullBytes.json(
              referenced ? referenceTexts(valid(safeAssess(input, { detail: 'full' }))) : valid(safeAssess(input, { detail: 'full' })),
            )
          : decisionsJson(valid(safeAssess(input, { detail: 'decisions' }))),
      );
    }
    if (path === '/check') {
      return post(
        (input) => JSON.stringify(valid(safeCheckCompliance(input))),
        (input) => (typeof input === 'object' && input !== null ? (input as { case?: unknown }).case : undefined),
        'case.',
      );
    }
    if (path === '/validate') {
      return post((input) => {
        const v = valid(safeValidateCase(input));
        return stamped({ valid: true, assessmentDate: v.assessmentDate, knowledgeDate: v.knowledgeDate });
      });
    }
    if (path === '/record') {
      const strict = flag(url, 'strict');
      return post((input) => {
        const r = decisionRecord(input, strict ? { presumptions: false } : {});
        // The mapping links the record to the case: it comes beside the record, never inside it.
        return stamped({ record: valid(r), ids: r.success ? r.ids : undefined });
      });
    }
    if (path === '/expand') {
      // A referenced assessment (?referenced=1) with its texts put back: the ?full=1 answer.
      return post((input) => JSON.stringify(valid(safeExpandTexts(input))), undefined);
    }
    if (path === '/replay') {
      return post((input) => {
        const r = valid(replayDecisionRecord(input));
        return stamped({ sameRules: r.sameRules, identical: r.identical, differences: r.differences });
      }, undefined);
    }
    throw new HttpError(404, 'not_found', `no such endpoint; use ${SERVER_PATHS}`);
  };

  return (req, res) => {
    // Once a request has begun, its own limits (headers, body, request, send) apply, not the idle one:
    // an answer waiting behind other assessments is not idleness.
    req.socket.setTimeout(0);
    const slot = { taken: false };
    route(req, res, slot)
      .catch((e: unknown) => {
        if (e instanceof HttpError) sendError(res, limits.sendTimeoutMs, e);
        // Never a stack trace, never the input.
        else sendError(res, limits.sendTimeoutMs, new HttpError(500, 'internal_error', 'internal error; please report it', {}, true));
      })
      .finally(() => {
        if (slot.taken) inFlight--;
      });
  };
}

/** Answers a request Node's parser refused before it reached the handler, in the same JSON shape. */
function rawError(status: number, reason: string, code: ErrorCode, message: string): string {
  const body = stamped({ error: { code, message } });
  const meta = Object.entries(provenance().headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json; charset=utf-8\r\ncache-control: no-store\r\n${meta}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

/**
 * Creates the HTTP server of `za-duties serve` (not yet listening), with its limits and timeouts.
 *
 * @param options - Limits and timeouts ({@link SERVE_DEFAULTS}).
 * @returns A node:http server.
 * @example
 * ```ts
 * import { createServer } from 'za-reporting-duties/http';
 * createServer({ maxConcurrent: 8 }).listen(8080, '127.0.0.1');
 * ```
 * @category HTTP
 */
export function createServer(options: ServeOptions = {}): http.Server {
  const limits = limitsOf(options);
  const handler = createHandler(options);
  const server = http.createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      keepAliveTimeout: limits.idleTimeoutMs,
      connectionsCheckingInterval: Math.max(
        50,
        Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 2)),
      ),
      // A missing Host is answered by the handler, in JSON, rather than by Node's empty 400.
      requireHostHeader: false,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  // Node's headers timeout starts at the first byte: a connection that never sends one is closed
  // by the socket's idle timeout (the handler lifts it once a request has begun).
  server.setTimeout(limits.idleTimeoutMs);
  // `Expect: 100-continue` is answered by the handler once the request has a slot; any other
  // expectation is refused in JSON (Node's own answer has no body).
  server.on('checkContinue', handler);
  server.on('checkExpectation', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    sendError(
      res,
      limits.sendTimeoutMs,
      new HttpError(417, 'expectation_failed', 'the only Expect this server meets is 100-continue', {}, true),
    );
  });
  // A malformed request or a timed-out connection must never take the server down.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message]: [number, string, ErrorCode, string] =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request_timeout', 'the request did not arrive in time']
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large', 'headers_too_large', 'the request headers are too large']
          : [400, 'Bad Request', 'bad_request', 'the request is not valid HTTP'];
    socket.end(rawError(status, reason, code, message));
  });
  return server;
}

/**
 * Starts the server of `za-duties serve` and resolves when it is listening.
 *
 * @param options - Port, host, limits and timeouts ({@link SERVE_DEFAULTS}).
 * @returns The running server: its URL, port and `close()`.
 * @example
 * ```ts
 * import { startServer } from 'za-reporting-duties/http';
 * const s = await startServer({ port: 0 });
 * s.url; //=> 'http://127.0.0.1:41234'
 * await s.close();
 * ```
 * @category HTTP
 */
export function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const server = createServer(options);
  const host = options.host ?? SERVE_DEFAULTS.host;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? SERVE_DEFAULTS.port, host, () => {
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
