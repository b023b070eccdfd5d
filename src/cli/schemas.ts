import * as z from 'zod';
import {
  AssessmentSchema,
  CaseInputSchema,
  CheckInputSchema,
  ComplianceCheckSchema,
  DecisionRecordSchema,
  ReferencedAssessmentSchema,
} from '../index.js';
import { BatchRecordSchema, CompactAssessmentSchema } from './compact.js';
import { openApiDocument } from './openapi.js';
import type { SchemaName } from './schema-names.js';

export { isSchemaName, schemaFileName, SCHEMA_NAMES } from './schema-names.js';

const SOURCES: Record<Exclude<SchemaName, 'openapi'>, { schema: z.ZodType; io: 'input' | 'output'; title: string }> = {
  input: { schema: CaseInputSchema, io: 'input', title: 'CaseInput' },
  output: { schema: AssessmentSchema, io: 'output', title: 'Assessment' },
  check: { schema: CheckInputSchema, io: 'input', title: 'CheckInput' },
  'output-compact': { schema: CompactAssessmentSchema, io: 'output', title: 'CompactAssessment' },
  'check-result': { schema: ComplianceCheckSchema, io: 'output', title: 'ComplianceCheck' },
  'batch-record': { schema: BatchRecordSchema, io: 'output', title: 'BatchRecord' },
  'decision-record': { schema: DecisionRecordSchema, io: 'output', title: 'DecisionRecord' },
  referenced: { schema: ReferencedAssessmentSchema, io: 'output', title: 'ReferencedAssessment' },
};

const cache = new Map<SchemaName, Record<string, unknown>>();

/** The patterns zod writes for a `YYYY-MM-DD` date (with or without groups); the library's own messages are unchanged. */
const isDatePattern = (p: unknown) => typeof p === 'string' && /^\^\(?\\d\{4\}\)?-\(?\\d\{2\}\)?-\(?\\d\{2\}\)?\$$/.test(p);

/** Marks every date string `format: date` (RFC 3339 full-date), so generators and validators in other languages see a date. */
function withDateFormats(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withDateFormats);
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o))
    out[k] = k === 'pattern' || k === 'const' || k === 'enum' || k === 'examples' ? v : withDateFormats(v);
  if (o.type === 'string' && isDatePattern(o.pattern) && o.format === undefined) out.format = 'date';
  return out;
}

/**
 * The rules a case must also meet, which JSON Schema cannot carry: listed in the description of
 * the input and check schemas, and checked by `za-duties validate`, `POST /validate` and
 * `safeValidateCase` (as by every assessment).
 */
const CROSS_FIELD_RULES = [
  'people[].id values are unique (issue code duplicate_id at people[i].id); concerns[].id values too, counting the default ids c1, c2, … of concerns without one.',
  'concerns[].victim, concerns[].allegedBy and people[].caregiverOf[] each name one of the people[].id values (unknown_person_id); allegedBy is not the victim (same_person).',
  'reporter.knowledgeDate is on or before the assessment date (assessmentDate, or today in Africa/Johannesburg) (after_assessment_date).',
  'concerns[].incidentDate (a date) is on or before the knowledge date (reporter.knowledgeDate, or the assessment date) (after_knowledge_date).',
  'No date of birth (reporter or people) is after the assessment date (born_after_assessment_date).',
  'Ages agree: ageYears is the age dateOfBirth gives on the assessment date, and ageRange includes the age given by dateOfBirth or ageYears (issue code conflicting_facts).',
] as const;

const CROSS_FIELD_TEXT = `Beyond this schema, a case must meet these rules (checked by \`za-duties validate\`, POST /validate and every assessment, reported as issues in the same error shape): ${CROSS_FIELD_RULES.map((r, i) => `(${i + 1}) ${r}`).join(' ')}`;

/** The JSON Schema (draft 2020-12) of one of the contracts, generated from its zod schema. */
export function jsonSchema(name: SchemaName): Record<string, unknown> {
  if (name === 'openapi') return openApiDocument(jsonSchema);
  let s = cache.get(name);
  if (!s) {
    const src = SOURCES[name];
    const generated = z.toJSONSchema(src.schema, { io: src.io, target: 'draft-2020-12', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >;
    const { $schema, ...rest } = withDateFormats(generated) as Record<string, unknown>;
    if (name === 'input' || name === 'check') {
      const own = typeof rest.description === 'string' ? `${rest.description} ` : '';
      rest.description = `${own}${CROSS_FIELD_TEXT}`;
    }
    s = { $schema, $id: `https://unpkg.com/za-reporting-duties/schemas/${name}.schema.json`, title: src.title, ...rest };
    cache.set(name, s);
  }
  return s;
}
