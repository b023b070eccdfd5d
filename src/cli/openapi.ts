import * as z from 'zod';
import { version as packageVersion } from '../../package.json';
import { VALIDATION_ISSUE_CODES } from '../index.js';
import type { SchemaName } from './schema-names.js';

/*
 * The HTTP contract of `za-duties serve` as an OpenAPI 3.1 description, generated from the same
 * zod schemas as the JSON Schemas in schemas/ (OpenAPI 3.1 schemas are JSON Schema 2020-12, so
 * each one goes in as it is). `za-duties schema openapi` prints it; the package ships it as
 * schemas/openapi.json. The operations are a table: a new endpoint is one more entry.
 */

/** The body of every error response: a code, a message, and for invalid input the issues (path, expected, received). */
export const ErrorBodySchema = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({
        description:
          'What went wrong: invalid_input (the body does not fit the schema; see issues), invalid_json, body_too_large, unsupported_media_type, request_timeout, method_not_allowed, not_found, bad_request, internal_error.',
      }),
      message: z.string(),
      issues: z
        .array(
          z.strictObject({
            code: z.enum(VALIDATION_ISSUE_CODES),
            path: z.array(z.union([z.string(), z.number()])),
            at: z.string(),
            expected: z.string(),
            received: z.string(),
            message: z.string(),
          }),
        )
        .optional()
        .meta({ description: 'For invalid_input: every problem found, each with its path, what was expected and what came in.' }),
      line: z.number().int().optional().meta({ description: 'For invalid_json: the line of the error.' }),
      column: z.number().int().optional().meta({ description: 'For invalid_json: the column of the error.' }),
    }),
  })
  .meta({ title: 'ErrorBody' });

/** The body of `GET /healthz`. */
export const HealthSchema = z.strictObject({ status: z.literal('ok'), version: z.string(), rulesetVersion: z.string() }).meta({ title: 'Health' });

/** Component name in the OpenAPI document → JSON Schema name (schemas/<name>.schema.json). */
const COMPONENTS = {
  CaseInput: 'input',
  Assessment: 'output',
  CompactAssessment: 'output-compact',
  CheckInput: 'check',
  ComplianceCheck: 'check-result',
  DecisionRecord: 'decision-record',
} as const satisfies Record<string, Exclude<SchemaName, 'openapi'>>;

type Json = Record<string, unknown>;
const ref = (name: keyof typeof COMPONENTS | 'ErrorBody' | 'Health') => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { 'application/json': { schema } } });
const errors = (...statuses: number[]): Json =>
  Object.fromEntries(
    statuses.map((s) => [
      String(s),
      json(ref('ErrorBody'), {
        400: 'Invalid JSON, or a body that does not fit the schema (code invalid_input, with the issues).',
        404: 'No such endpoint or schema.',
        405: 'Method not allowed (the Allow header lists the methods).',
        408: 'The body did not arrive in time.',
        413: 'The body is larger than the limit.',
        415: 'The body is not application/json in UTF-8.',
        500: 'An internal error (nothing about the case is logged).',
      }[s] ?? 'Error.'),
    ]),
  );

const jsonBody = (name: keyof typeof COMPONENTS, description: string) => ({ required: true, description, content: { 'application/json': { schema: ref(name) } } });

function withoutMeta(s: Json): Json {
  const { $schema, $id, ...rest } = s;
  void $schema;
  void $id;
  return rest;
}

function toComponent(schema: z.ZodType, io: 'input' | 'output'): Json {
  return withoutMeta(z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as Json);
}

let cached: Json | undefined;

/**
 * The OpenAPI 3.1 description of `za-duties serve`: every endpoint with its request body, its
 * responses (including the error bodies) and the schemas of case, assessment (full and compact),
 * compliance check, catalogue and decision record.
 */
export function openApiDocument(jsonSchema: (name: Exclude<SchemaName, 'openapi'>) => Record<string, unknown>): Json {
  if (cached) return cached;
  const schemas: Json = {};
  for (const [component, name] of Object.entries(COMPONENTS)) schemas[component] = withoutMeta(jsonSchema(name));
  schemas.ErrorBody = toComponent(ErrorBodySchema, 'output');
  schemas.Health = toComponent(HealthSchema, 'output');
  const errorsOf = [400, 405, 408, 413, 415, 500];
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'za-reporting-duties',
      version: packageVersion,
      summary: 'Which South African reporting duties apply when you learn of violence in a household.',
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
          parameters: [{ name: 'full', in: 'query', required: false, schema: { type: 'boolean' }, description: 'Return the full assessment (citations, reasons, guidance) instead of the compact one.' }],
          requestBody: jsonBody('CaseInput', 'A case: reporter, people (no names needed) and concerns. Any field left out is unknown.'),
          responses: {
            '200': json({ oneOf: [ref('CompactAssessment'), ref('Assessment')] }, 'The compact assessment, or with ?full=true the full one.'),
            ...errors(...errorsOf),
          },
        },
      },
      '/check': {
        post: {
          operationId: 'checkCompliance',
          summary: 'Check the reports made about a case against the duties that apply.',
          requestBody: jsonBody('CheckInput', 'A case and the reports made about it.'),
          responses: { '200': json(ref('ComplianceCheck'), 'Which duties are met, overdue, unmet or open.'), ...errors(...errorsOf) },
        },
      },
      '/rules': {
        get: {
          operationId: 'dutyCatalogue',
          summary: 'The catalogue of duties: ids, Acts, provisions, dated versions, recipients, timing, forms, offences.',
          responses: {
            '200': json(
              { type: 'object', required: ['rulesetVersion', 'duties'], properties: { rulesetVersion: { type: 'string' }, duties: { type: 'array', items: { type: 'object' } } } },
              'The duty catalogue, as `za-duties rules` prints it.',
            ),
            ...errors(405, 500),
          },
        },
      },
      '/schema/{name}': {
        get: {
          operationId: 'schema',
          summary: 'A JSON Schema of the contract (the files shipped in schemas/).',
          parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string', enum: [...Object.values(COMPONENTS), 'batch-record', 'openapi'] } }],
          responses: {
            '200': { description: 'The JSON Schema (draft 2020-12), or this document for `openapi`.', content: { 'application/schema+json': { schema: { type: 'object' } } } },
            ...errors(404, 405, 500),
          },
        },
      },
      '/healthz': {
        get: {
          operationId: 'health',
          summary: 'Liveness, with the package and ruleset versions.',
          responses: { '200': json(ref('Health'), 'The server is up.'), ...errors(405) },
        },
      },
    },
    components: { schemas },
  };
  return cached;
}
