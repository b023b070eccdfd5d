import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema, openApiDocument } from '../src/cli/openapi.js';
import { jsonSchema, SCHEMA_NAMES } from '../src/cli/schemas.js';
import { decisionRecord, DecisionRecordSchema, safeAssess } from '../src/index.js';
import { runCli } from './helpers/cli.js';
import { ROOT } from './helpers/fixtures.js';

// The OpenAPI 3.1 description of `za-duties serve`, generated from the same zod schemas as the
// JSON Schemas: printed by `za-duties schema openapi`, every reference resolves, every operation
// documents its error bodies, and its component schemas are the shipped JSON Schemas.

type Json = Record<string, unknown>;
const doc = openApiDocument(jsonSchema) as {
  openapi: string;
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

function refs(x: unknown, out: string[] = []): string[] {
  if (Array.isArray(x)) x.forEach((v) => refs(v, out));
  else if (x && typeof x === 'object') {
    for (const [k, v] of Object.entries(x)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('the OpenAPI description', () => {
  it('is printed by `za-duties schema openapi`, as OpenAPI 3.1 with JSON Schema 2020-12', async () => {
    const r = await runCli(['schema', 'openapi']);
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout) as Json;
    expect(printed).toEqual(doc);
    expect(doc.openapi).toBe('3.1.0');
    expect(printed.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('has every reference resolve to a component', () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    const components = doc.components as unknown as Record<string, Record<string, unknown>>;
    for (const r of all) {
      const m = /^#\/components\/(schemas|headers)\/(.+)$/.exec(r);
      expect(m, r).not.toBeNull();
      expect(components[m?.[1] ?? '']?.[m?.[2] ?? ''], r).toBeDefined();
    }
  });

  it('describes each endpoint of serve with its success body and its error bodies', () => {
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/assess',
      '/check',
      '/expand',
      '/healthz',
      '/openapi.json',
      '/record',
      '/replay',
      '/rules',
      '/schema/{name}',
      '/validate',
    ]);
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const responses = op.responses as Record<string, { content: Record<string, { schema: unknown }> }>;
        expect(Object.keys(responses), `${method} ${p}`).toContain('200');
        const errorStatuses = Object.keys(responses).filter((s) => s !== '200');
        expect(errorStatuses.length, `${method} ${p}`).toBeGreaterThan(0);
        for (const s of errorStatuses)
          expect(responses[s]?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
        // Every response, success or error, documents the version and rules-hash headers.
        for (const r of Object.values(responses) as { headers?: Record<string, unknown> }[])
          expect(Object.keys(r.headers ?? {}).sort(), `${method} ${p}`).toEqual([
            'ZA-Duties-Rules-Hash',
            'ZA-Duties-Ruleset',
            'ZA-Duties-Version',
          ]);
      }
    }
    expect(JSON.stringify(doc.paths['/assess'])).toContain('#/components/schemas/CaseInput');
    expect(JSON.stringify(doc.paths['/check'])).toContain('#/components/schemas/CheckInput');
    expect(JSON.stringify(doc.paths['/record'])).toContain('#/components/schemas/RecordResult');
    expect(JSON.stringify(doc.paths['/replay'])).toContain('#/components/schemas/DecisionRecord');
    expect(JSON.stringify(doc.paths['/expand'])).toContain('#/components/schemas/ReferencedAssessment');
    expect(JSON.stringify(doc.paths['/assess'])).toContain('#/components/schemas/ReferencedAssessment');
  });

  it('uses the shipped JSON Schemas as its components (one source)', () => {
    // A shipped schema's own definitions ($defs: the recursive MessageRef) become components, and its
    // references point there: `#/$defs/X` would resolve against the OpenAPI document's root.
    const strip = (s: Json) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== '$schema' && k !== '$id' && k !== '$defs'));
    const asComponent = (s: unknown) => JSON.parse(JSON.stringify(s).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
    expect(doc.components.schemas.CaseInput).toEqual(asComponent(strip(jsonSchema('input'))));
    expect(doc.components.schemas.Assessment).toEqual(asComponent(strip(jsonSchema('output'))));
    expect(doc.components.schemas.DecisionRecord).toEqual(asComponent(strip(jsonSchema('decision-record'))));
    const defs = (jsonSchema('output') as { $defs?: Json }).$defs ?? {};
    expect(Object.keys(defs)).toEqual(['MessageRef']);
    expect(doc.components.schemas.MessageRef).toEqual(asComponent(defs.MessageRef));
    expect(JSON.stringify(doc)).not.toContain('#/$defs/');
    for (const name of SCHEMA_NAMES) {
      const file = path.join(ROOT, 'schemas', name === 'openapi' ? 'openapi.json' : `${name}.schema.json`);
      if (fs.existsSync(file)) expect(JSON.parse(fs.readFileSync(file, 'utf8')), file).toEqual(jsonSchema(name));
    }
  });

  it('marks every date of the schemas format: date, and lists the cross-field rules in the input description', () => {
    const dates = (x: unknown): number =>
      Array.isArray(x)
        ? x.reduce((n: number, v) => n + dates(v), 0)
        : x && typeof x === 'object'
          ? Object.entries(x).reduce((n, [k, v]) => n + (k === 'format' && v === 'date' ? 1 : dates(v)), 0)
          : 0;
    const input = jsonSchema('input') as { description: string; properties: Record<string, Json> };
    expect(input.properties.assessmentDate).toMatchObject({ type: 'string', format: 'date' });
    expect(dates(input)).toBeGreaterThanOrEqual(5);
    expect(dates(jsonSchema('check'))).toBeGreaterThan(dates(input));
    for (const words of [
      'unique',
      'victim',
      'allegedBy',
      'caregiverOf',
      'knowledgeDate',
      'incidentDate',
      'date of birth',
      'conflicting_facts',
      'za-duties validate',
    ]) {
      expect(input.description, words).toContain(words);
    }
    expect((jsonSchema('check') as { description: string }).description).toContain('caregiverOf');
  });

  it('its error body is what the library gives for invalid input, and records fit their schema', () => {
    const r = safeAssess({ people: [], concerns: [{ id: 'k', victim: 'x', harm: 'neglct' }] } as unknown);
    if (r.success) throw new Error('expected an error');
    const body = {
      error: { code: 'invalid_input', message: r.error.message, issues: r.error.issues },
      version: '0.3.0',
      rulesHash: 'a'.repeat(64),
    };
    expect(ErrorBodySchema.safeParse(body).success).toBe(true);
    const rec = decisionRecord(JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/mitchells-plain.json'), 'utf8')) as unknown);
    if (!rec.success) throw rec.error;
    expect(DecisionRecordSchema.safeParse(JSON.parse(JSON.stringify(rec.data))).success).toBe(true);
  });
});
