import * as z from 'zod';
import { version as packageVersion } from '../../package.json';
import { DUTY_IDS, DUTY_STATUSES, dutyCatalogue, ERROR_CODES, ValidationIssueSchema } from '../index.js';
import type { SchemaName } from './schema-names.js';

/*
 * The HTTP contract of `za-duties serve` as an OpenAPI 3.1 description, generated from the same
 * zod schemas as the JSON Schemas in schemas/ (OpenAPI 3.1 schemas are JSON Schema 2020-12, so
 * each one goes in as it is). `za-duties schema openapi` prints it; the package ships it as
 * schemas/openapi.json. The operations are a table: a new endpoint is one more entry.
 */

/** Every endpoint of `za-duties serve`, as its 404 and its start-up line name them. */
export const SERVER_PATHS =
  'POST /assess, POST /expand, POST /check, POST /validate, POST /record, POST /replay, GET /rules, GET /schema/:name, GET /openapi.json or GET /healthz';

/** The error codes of the server (and of the CLI's JSON error output: invalid_json, invalid_input, input_error). */

const Version = z
  .string()
  .meta({ description: 'The version of za-reporting-duties that answered (also in the ZA-Duties-Version header).' });
const RulesHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .meta({ description: 'SHA-256 (hex) of the rule files it applied (also in the ZA-Duties-Rules-Hash header).' });

/** The body of every error response: a code, a message, and for invalid input the issues (path, expected, received). */
export const ErrorBodySchema = z
  .strictObject({
    version: Version,
    rulesHash: RulesHash,
    error: z.strictObject({
      code: z.enum(ERROR_CODES).meta({
        description:
          'What went wrong: invalid_input (the body does not fit the schema, or breaks a rule listed in the CaseInput description; see issues), invalid_json (with line and column), body_too_large, case_too_large (more people or concerns than this server takes), response_too_large, unsupported_media_type, request_timeout, method_not_allowed (see the Allow header), not_found, bad_request, host_not_allowed (a non-loopback Host on a loopback server), expectation_failed, headers_too_large, overloaded (503, see Retry-After), internal_error.',
      }),
      message: z.string(),
      issues: z
        .array(ValidationIssueSchema)
        .optional()
        .meta({ description: 'For invalid_input: every problem found, each with its path, what was expected and what came in.' }),
      line: z.number().int().optional().meta({ description: 'For invalid_json: the line of the error.' }),
      column: z.number().int().optional().meta({ description: 'For invalid_json: the column of the error.' }),
    }),
  })
  .meta({ title: 'ErrorBody' });

/** The body of `GET /healthz`. */
const HealthSchema = z
  .strictObject({ status: z.literal('ok'), version: Version, rulesetVersion: z.string(), rulesHash: RulesHash })
  .meta({ title: 'Health' });

/** The body of `POST /validate` for a valid case (an invalid one is answered 400 with the error body). */
const ValidateResultSchema = z
  .strictObject({
    valid: z.literal(true),
    assessmentDate: z.iso
      .date()
      .meta({ description: 'The assessment date the case would be assessed on (given, or today in Africa/Johannesburg).' }),
    knowledgeDate: z.iso.date().meta({ description: 'The knowledge date (given, or the assessment date).' }),
    version: Version,
    rulesHash: RulesHash,
  })
  .meta({ title: 'ValidateResult' });

const IdPairs = z.array(z.strictObject({ id: z.string(), recordId: z.string() }));

/** The id mapping a record applied (to be kept apart from the record: it links the record to the case). */
const IdMappingSchema = z.strictObject({ people: IdPairs, concerns: IdPairs }).meta({
  title: 'IdMapping',
  description: 'The case ids and the neutral ids that stand for them in the record. Keep it apart from the record.',
});

/** The body of `POST /replay`. */
const ReplayResultSchema = z
  .strictObject({
    sameRules: z.boolean().meta({ description: 'The rules hash is the one the record was made with.' }),
    identical: z.boolean().meta({ description: 'Every duty status and overlap came out the same.' }),
    differences: z.array(
      z.strictObject({
        duty: z.string().meta({ description: 'A duty id, or an overlap id.' }),
        person: z.string(),
        recorded: z.enum([...DUTY_STATUSES, 'absent']),
        now: z.enum([...DUTY_STATUSES, 'absent']),
      }),
    ),
    version: Version,
    rulesHash: RulesHash,
  })
  .meta({ title: 'ReplayResult' });

/** The body of `GET /rules` (the catalogue; each duty in detail as `za-duties rules` prints it). */
const DutyCatalogueSchema = z
  .looseObject({
    rulesetVersion: z.string(),
    rulesHash: RulesHash,
    duties: z.array(z.looseObject({ id: z.enum(DUTY_IDS), title: z.string(), versions: z.array(z.looseObject({})) })),
  })
  .meta({ title: 'DutyCatalogue' });

/** Component name in the OpenAPI document → JSON Schema name (schemas/<name>.schema.json). */
const COMPONENTS = {
  CaseInput: 'input',
  Assessment: 'output',
  CompactAssessment: 'output-compact',
  CheckInput: 'check',
  ComplianceCheck: 'check-result',
  DecisionRecord: 'decision-record',
  ReferencedAssessment: 'referenced',
} as const satisfies Record<string, Exclude<SchemaName, 'openapi'>>;

type Json = Record<string, unknown>;
type Component =
  | keyof typeof COMPONENTS
  | 'ErrorBody'
  | 'Health'
  | 'ValidateResult'
  | 'RecordResult'
  | 'IdMapping'
  | 'ReplayResult'
  | 'DutyCatalogue';
const ref = (name: Component) => ({ $ref: `#/components/schemas/${name}` });
/** Every response carries these headers. */
const PROVENANCE_HEADERS = {
  'ZA-Duties-Version': { $ref: '#/components/headers/ZA-Duties-Version' },
  'ZA-Duties-Ruleset': { $ref: '#/components/headers/ZA-Duties-Ruleset' },
  'ZA-Duties-Rules-Hash': { $ref: '#/components/headers/ZA-Duties-Rules-Hash' },
};
const json = (schema: Json, description: string) => ({
  description,
  headers: PROVENANCE_HEADERS,
  content: { 'application/json': { schema } },
});
const errors = (...statuses: number[]): Json =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      json(
        ref('ErrorBody'),
        {
          400: 'Invalid JSON, or a body that does not fit the schema (code invalid_input, with the issues), or a request that is not valid HTTP.',
          404: 'No such endpoint or schema.',
          405: 'Method not allowed (the Allow header lists the methods).',
          408: 'The request or its body did not arrive in time.',
          413: 'The body, the case (people, concerns) or the answer is larger than this server takes.',
          415: 'The body is not application/json in UTF-8.',
          417: 'An Expect header other than 100-continue.',
          421: 'A Host name that is not loopback, on a server bound to loopback.',
          431: 'The request headers are too large.',
          500: 'An internal error (nothing about the case is logged).',
          503: 'The server is busy (Retry-After says when to try again).',
        }[s] ?? 'Error.',
      ),
    ]),
  );

const jsonBody = (name: keyof typeof COMPONENTS, description: string) => ({
  required: true,
  description,
  content: { 'application/json': { schema: ref(name) } },
});

function withoutMeta(s: Json): Json {
  const { $schema, $id, ...rest } = s;
  void $schema;
  void $id;
  return rest;
}

function toComponent(schema: z.ZodType, io: 'input' | 'output'): Json {
  return withoutMeta(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json);
}

/**
 * Moves the definitions a component schema carries (`$defs`, e.g. the recursive `MessageRef`) to
 * the components, and points its references there: inside an OpenAPI document `#/$defs/...`
 * would resolve against the document's root.
 */
function hoistDefinitions(schemas: Json): void {
  const retarget = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(retarget);
    if (typeof v !== 'object' || v === null) return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v as Json)) {
      out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/$defs/') ? `#/components/schemas/${x.slice(8)}` : retarget(x);
    }
    return out;
  };
  for (const name of Object.keys(schemas)) {
    const { $defs, ...rest } = schemas[name] as Json;
    if ($defs !== undefined) {
      for (const [d, def] of Object.entries($defs as Json)) {
        const hoisted = retarget(def);
        const had = schemas[d];
        if (had !== undefined && JSON.stringify(had) !== JSON.stringify(hoisted)) throw new Error(`two schemas named ${d}`);
        schemas[d] = hoisted;
      }
    }
    schemas[name] = retarget(rest);
  }
}

let cached: Json | undefined;

/**
 * The OpenAPI 3.1 description of `za-duties serve`: every endpoint with its request body, its
 * responses (including the error bodies) and the schemas of case, assessment (full and compact),
 * compliance check, catalogue and decision record.
 */
export function openApiDocument(jsonSchema: (name: Exclude<SchemaName, 'openapi'>) => Record<string, unknown>): Json {
  const rulesHashOf = () => dutyCatalogue().rulesHash;
  if (cached) return cached;
  const schemas: Json = {};
  for (const [component, name] of Object.entries(COMPONENTS)) schemas[component] = withoutMeta(jsonSchema(name));
  schemas.ErrorBody = toComponent(ErrorBodySchema, 'output');
  schemas.Health = toComponent(HealthSchema, 'output');
  schemas.ValidateResult = toComponent(ValidateResultSchema, 'output');
  schemas.IdMapping = toComponent(IdMappingSchema, 'output');
  schemas.RecordResult = {
    title: 'RecordResult',
    description: 'A decision record and, beside it, the id mapping it applied: keep them apart (the mapping links the record to the case).',
    type: 'object',
    required: ['record', 'ids', 'version', 'rulesHash'],
    additionalProperties: false,
    properties: {
      record: ref('DecisionRecord'),
      ids: ref('IdMapping'),
      version: { type: 'string' },
      rulesHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    },
  };
  schemas.ReplayResult = toComponent(ReplayResultSchema, 'output');
  schemas.DutyCatalogue = toComponent(DutyCatalogueSchema, 'output');
  hoistDefinitions(schemas);
  // Every request can meet these (the request line and headers, the Host, the limits of the server).
  const always = [400, 408, 417, 421, 431, 500];
  const get = [...always, 405];
  const post = [...always, 405, 413, 415, 503];
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'za-reporting-duties',
      version: packageVersion,
      summary: 'Which South African reporting duties apply when you learn of violence in a household.',
      'x-rules-hash': rulesHashOf(),
      description:
        'The HTTP interface of `za-duties serve` (loopback by default). Not legal advice: every duty carries a verification label. Requests are JSON in UTF-8; nothing about a case is logged.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://127.0.0.1:8080', description: 'za-duties serve (default port; see `za-duties serve --help`)' }],
    paths: {
      '/assess': {
        post: {
          operationId: 'assess',
          summary: 'Assess a case: the reporting duties for every person at risk.',
          parameters: [
            {
              name: 'full',
              in: 'query',
              required: false,
              schema: { type: 'boolean' },
              description: 'Return the full assessment (citations, reasons, guidance) instead of the compact one.',
            },
            {
              name: 'referenced',
              in: 'query',
              required: false,
              schema: { type: 'boolean' },
              description:
                'Return the full assessment with each text referred to by id instead of carried (about a sixth of the size; implies full). `expandTexts` in the library, or `za-duties expand`, puts the texts back.',
            },
          ],
          requestBody: jsonBody('CaseInput', 'A case: reporter, people (no names needed) and concerns. Any field left out is unknown.'),
          responses: {
            '200': json(
              { oneOf: [ref('CompactAssessment'), ref('Assessment'), ref('ReferencedAssessment')] },
              'The compact assessment, with ?full=true the full one, or with ?referenced=true the full one with its texts referred to by id (each names its rulesetVersion: package version and rules hash prefix).',
            ),
            ...errors(...post),
          },
        },
      },
      '/expand': {
        post: {
          operationId: 'expandTexts',
          summary:
            'Put the texts back into a referenced assessment (POST /assess?referenced=1): the full assessment, the same JSON byte for byte as ?full=1 gave.',
          requestBody: jsonBody(
            'ReferencedAssessment',
            'An assessment with its texts referred to by id, made by this version (its rulesetVersion; another is refused with the issue code other_ruleset).',
          ),
          responses: { '200': json(ref('Assessment'), 'The full assessment.'), ...errors(...post) },
        },
      },
      '/check': {
        post: {
          operationId: 'checkCompliance',
          summary: 'Check the reports made about a case against the duties that apply.',
          requestBody: jsonBody('CheckInput', 'A case and the reports made about it.'),
          responses: { '200': json(ref('ComplianceCheck'), 'Which duties are met, overdue, unmet or open.'), ...errors(...post) },
        },
      },
      '/validate': {
        post: {
          operationId: 'validate',
          summary: 'Check a case without assessing it: the schema and the cross-field rules listed in the CaseInput description.',
          requestBody: jsonBody('CaseInput', 'A case.'),
          responses: { '200': json(ref('ValidateResult'), 'The case is valid.'), ...errors(...post) },
        },
      },
      '/record': {
        post: {
          operationId: 'decisionRecord',
          summary:
            'Assess a case and return a replayable decision record (no names, no dates of birth, no exact dates), with the id mapping beside it.',
          parameters: [
            {
              name: 'strict',
              in: 'query',
              required: false,
              schema: { type: 'boolean' },
              description: 'Strict mode: no ordinary presumptions.',
            },
          ],
          requestBody: jsonBody('CaseInput', 'A case.'),
          responses: { '200': json(ref('RecordResult'), 'The record, and the id mapping to keep apart from it.'), ...errors(...post) },
        },
      },
      '/replay': {
        post: {
          operationId: 'replayDecisionRecord',
          summary: "Replay a decision record with this server's rules: is the outcome identical, and are the rules the same?",
          requestBody: jsonBody('DecisionRecord', 'A record from POST /record (its `record` member) or `za-duties record`.'),
          responses: {
            '200': json(ref('ReplayResult'), 'The replay: identical or not (200 either way), with the differences.'),
            ...errors(...post),
          },
        },
      },
      '/rules': {
        get: {
          operationId: 'dutyCatalogue',
          summary: 'The catalogue of duties: ids, Acts, provisions, dated versions, recipients, timing, forms, offences.',
          responses: { '200': json(ref('DutyCatalogue'), 'The duty catalogue, as `za-duties rules` prints it.'), ...errors(...get) },
        },
      },
      '/schema/{name}': {
        get: {
          operationId: 'schema',
          summary: 'A JSON Schema of the contract (the files shipped in schemas/).',
          parameters: [
            {
              name: 'name',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: [...Object.values(COMPONENTS), 'batch-record', 'openapi'] },
            },
          ],
          responses: {
            '200': {
              description: 'The JSON Schema (draft 2020-12), or this document for `openapi`.',
              headers: PROVENANCE_HEADERS,
              content: { 'application/schema+json': { schema: { type: 'object' } } },
            },
            ...errors(...get, 404),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'openapi',
          summary: 'This OpenAPI 3.1 description.',
          responses: {
            '200': json(
              { type: 'object', required: ['openapi', 'paths', 'components'] },
              'The OpenAPI 3.1 document (the same as schemas/openapi.json).',
            ),
            ...errors(...get),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness, with the package version, ruleset version and rules hash.',
          responses: { '200': json(ref('Health'), 'The server is up.'), ...errors(...get) },
        },
      },
    },
    components: {
      schemas,
      headers: {
        'ZA-Duties-Version': {
          description: 'The version of za-reporting-duties that answered.',
          required: true,
          schema: { type: 'string' },
        },
        'ZA-Duties-Ruleset': {
          description: 'The ruleset version: `<package version>+rules.<first 14 hex digits of the rules hash>`.',
          required: true,
          schema: { type: 'string' },
        },
        'ZA-Duties-Rules-Hash': {
          description: 'SHA-256 (hex) of the rule files the answer applied.',
          required: true,
          schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      },
    },
  };
  return cached;
}
