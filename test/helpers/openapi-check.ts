import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { jsonSchema } from '../../src/cli/schemas.js';

/*
 * Every response the server gives in the tests is checked against its OpenAPI description
 * (schemas/openapi.json): its status is documented for the operation, it carries the documented
 * headers, and its body fits the documented schema (JSON Schema 2020-12, validated with Ajv).
 * test/serve.test.ts, test/serve-limits.test.ts and test/http-contract.test.ts call it on every
 * answer they receive, including the raw answers to requests that are not valid HTTP.
 */

type Json = Record<string, unknown>;
interface MediaType {
  schema: Json;
}
interface Response {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, Response>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Json; headers: Record<string, { schema: Json }> };
}

const doc = jsonSchema('openapi') as unknown as Doc;
const DOC_ID = 'https://za-reporting-duties.test/openapi.json';
// ajv-formats is CommonJS: its default export comes through as the module object under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
ajv.addSchema({ $id: DOC_ID, ...(doc as unknown as Json) });

const compiled = new Map<string, ValidateFunction>();
const pointer = (parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
function validatorAt(parts: string[]): ValidateFunction {
  const ref = `${DOC_ID}#/${pointer(parts)}`;
  let v = compiled.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: ref });
    compiled.set(ref, v);
  }
  return v;
}

// Compiled once, before any server answers: compiling on the first answer would hold the event
// loop the servers under test share with these checks.
for (const [template, ops] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(ops)) {
    for (const [status, r] of Object.entries(op.responses)) {
      for (const type of Object.keys(r.content ?? {}))
        validatorAt(['paths', template, method, 'responses', status, 'content', type, 'schema']);
    }
  }
}
for (const key of Object.keys(doc.components.headers)) validatorAt(['components', 'headers', key, 'schema']);
validatorAt(['components', 'schemas', 'ErrorBody']);

/** The documented path template a request path falls under (the server ignores trailing slashes). */
function templateOf(urlPath: string): string | undefined {
  const p = (urlPath.split('?')[0] ?? '/').replace(/\/+$/, '') || '/';
  for (const t of Object.keys(doc.paths)) {
    const re = new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (re.test(p)) return t;
  }
  return undefined;
}

/** One answer as received. */
export interface Answer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** Every way the answer departs from the OpenAPI description (empty: it fits). */
export function answerProblems(a: Answer): string[] {
  const problems: string[] = [];
  const template = templateOf(a.path);
  const method = a.method.toUpperCase() === 'HEAD' ? 'get' : a.method.toLowerCase();
  const op = template === undefined ? undefined : doc.paths[template]?.[method];
  // An unknown path or method has no operation: its answer is an error body (404, 405, or one that any request can meet).
  let response: Response | undefined;
  let where: string[];
  if (op) {
    response = op.responses[String(a.status)];
    where = ['paths', template as string, method, 'responses', String(a.status)];
    if (!response)
      problems.push(`${a.method} ${a.path}: status ${a.status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`);
  } else {
    if (a.status < 400) problems.push(`${a.method} ${a.path}: ${a.status} for a path or method that is not documented`);
    where = ['components', 'schemas', 'ErrorBody'];
    response = {
      description: '',
      headers: doc.paths['/healthz']?.get?.responses['200']?.headers as Response['headers'],
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    };
  }
  if (!response) return problems;
  for (const [name, h] of Object.entries(response.headers ?? {})) {
    const value = a.headers[name.toLowerCase()];
    if (typeof value !== 'string') {
      problems.push(`${a.method} ${a.path} ${a.status}: header ${name} is missing`);
      continue;
    }
    const key = h.$ref.slice('#/components/headers/'.length);
    const v = validatorAt(['components', 'headers', key, 'schema']);
    if (!v(value)) problems.push(`${a.method} ${a.path} ${a.status}: header ${name}: ${ajv.errorsText(v.errors)}`);
  }
  if (a.method.toUpperCase() === 'HEAD' || !response.content) return problems;
  const type =
    String(a.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim() ?? '';
  const media = response.content[type];
  if (!media) {
    problems.push(
      `${a.method} ${a.path} ${a.status}: content-type ${type || 'none'} is not documented (${Object.keys(response.content).join(', ')})`,
    );
    return problems;
  }
  let body: unknown;
  try {
    body = JSON.parse(a.body);
  } catch {
    problems.push(`${a.method} ${a.path} ${a.status}: the body is not JSON`);
    return problems;
  }
  const v = op ? validatorAt([...where, 'content', type, 'schema']) : validatorAt(where);
  if (!v(body))
    problems.push(
      `${a.method} ${a.path} ${a.status}: the body does not fit: ${ajv.errorsText(v.errors, { separator: '; ' }).slice(0, 2000)}`,
    );
  return problems;
}

let checked = 0;
/** How many answers have been checked in this test file. */
export function answersChecked(): number {
  return checked;
}

const pending: Answer[] = [];
const found: string[] = [];
/**
 * Keeps an answer to check after the test (`checkKeptAnswers` in an afterEach): checking each at
 * once would take the event loop from the server under test, which runs in the same process.
 * Every hundred answers are checked as a batch (a few milliseconds), so that a test of the
 * server's memory does not measure answers kept here.
 */
export function keepAnswer(a: Answer): void {
  pending.push(a);
  if (pending.length >= 100) checkPending();
}

function checkPending(): void {
  for (const a of pending.splice(0)) {
    checked++;
    found.push(...answerProblems(a));
  }
}

/** Checks every answer kept since the last call; throws with every problem found. */
export function checkKeptAnswers(): void {
  checkPending();
  const problems = found.splice(0);
  if (problems.length > 0) throw new Error(`answers that do not fit the OpenAPI description:\n${problems.slice(0, 20).join('\n')}`);
}

/** Throws at once when the answer departs from the OpenAPI description. */
export function expectDocumented(a: Answer): void {
  checked++;
  const p = answerProblems(a);
  if (p.length > 0) throw new Error(`the answer does not fit the OpenAPI description:\n${p.join('\n')}`);
}

/** Checks a raw HTTP/1.1 answer (status line, headers, body) as received on a socket, for a request with this method and path. */
export function expectRawDocumented(method: string, path: string, raw: string): void {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const rest = end === -1 ? '' : raw.slice(end + 4);
  // Only the first answer (a pipelined request may have more after it): its body is content-length bytes.
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  const body = length === undefined ? rest : Buffer.from(rest, 'utf8').subarray(0, length).toString('utf8');
  expectDocumented({ method, path, status, headers, body });
}
