import * as z from 'zod';
import { AssessmentSchema, CaseInputSchema, CheckInputSchema, ComplianceCheckSchema, DecisionRecordSchema } from '../index.js';
import { BatchRecordSchema, CompactAssessmentSchema } from './compact.js';
import { openApiDocument } from './openapi.js';
import type { SchemaName } from './schema-names.js';

export { isSchemaName, schemaFileName, SCHEMA_NAMES, type SchemaName } from './schema-names.js';

const SOURCES: Record<Exclude<SchemaName, 'openapi'>, { schema: z.ZodType; io: 'input' | 'output'; title: string }> = {
  input: { schema: CaseInputSchema, io: 'input', title: 'CaseInput' },
  output: { schema: AssessmentSchema, io: 'output', title: 'Assessment' },
  check: { schema: CheckInputSchema, io: 'input', title: 'CheckInput' },
  'output-compact': { schema: CompactAssessmentSchema, io: 'output', title: 'CompactAssessment' },
  'check-result': { schema: ComplianceCheckSchema, io: 'output', title: 'ComplianceCheck' },
  'batch-record': { schema: BatchRecordSchema, io: 'output', title: 'BatchRecord' },
  'decision-record': { schema: DecisionRecordSchema, io: 'output', title: 'DecisionRecord' },
};

const cache = new Map<SchemaName, Record<string, unknown>>();

/** The JSON Schema (draft 2020-12) of one of the contracts, generated from its zod schema. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  if (name === 'openapi') return openApiDocument(jsonSchema);
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
