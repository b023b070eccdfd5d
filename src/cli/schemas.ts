import * as z from 'zod';
import { AssessmentSchema } from '../assessment/output-schema.js';
import { CaseInputSchema } from '../case/schema.js';
import { CheckInputSchema } from '../check/schema.js';
import { ComplianceCheckSchema } from '../check/types.js';
import { DecisionRecordSchema } from '../assessment/record.js';
import { BatchRecordSchema, CompactAssessmentSchema } from './compact.js';
import { openApiDocument } from './openapi.js';

/**
 * The JSON Schemas `za-duties schema <name>` prints, `serve` gives at `/schema/<name>`, and the
 * package ships in `schemas/`; `openapi` is the OpenAPI 3.1 description of `serve`, built from them.
 */
export const SCHEMA_NAMES = ['input', 'output', 'check', 'output-compact', 'check-result', 'batch-record', 'decision-record', 'openapi'] as const;
/** A JSON Schema name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

const SOURCES: Record<Exclude<SchemaName, 'openapi'>, { schema: z.ZodType; io: 'input' | 'output'; title: string }> = {
  input: { schema: CaseInputSchema, io: 'input', title: 'CaseInput' },
  output: { schema: AssessmentSchema, io: 'output', title: 'Assessment' },
  check: { schema: CheckInputSchema, io: 'input', title: 'CheckInput' },
  'output-compact': { schema: CompactAssessmentSchema, io: 'output', title: 'CompactAssessment' },
  'check-result': { schema: ComplianceCheckSchema, io: 'output', title: 'ComplianceCheck' },
  'batch-record': { schema: BatchRecordSchema, io: 'output', title: 'BatchRecord' },
  'decision-record': { schema: DecisionRecordSchema, io: 'output', title: 'DecisionRecord' },
};

/** The file a schema is written to by `schema --write` (and shipped as in `schemas/`). */
export function schemaFileName(name: SchemaName): string {
  return name === 'openapi' ? 'openapi.json' : `${name}.schema.json`;
}

const cache = new Map<SchemaName, Record<string, unknown>>();

/** True when `name` is a schema name. */
export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}

/** The JSON Schema (draft 2020-12) of one of the contracts, generated from its zod schema. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  if (name === 'openapi') return openApiDocument();
  let s = cache.get(name);
  if (!s) {
    const src = SOURCES[name];
    const generated = z.toJSONSchema(src.schema, { io: src.io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema, ...rest } = generated;
    s = { $schema, $id: `https://unpkg.com/za-reporting-duties/schemas/${name}.schema.json`, title: src.title, ...rest };
    cache.set(name, s);
  }
  return s;
}
