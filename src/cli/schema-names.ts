/**
 * The JSON Schemas `za-duties schema <name>` prints, `serve` gives at `/schema/<name>`, and the
 * package ships in `schemas/`; `openapi` is the OpenAPI 3.1 description of `serve`, built from them.
 */
export const SCHEMA_NAMES = [
  'input',
  'output',
  'check',
  'output-compact',
  'check-result',
  'batch-record',
  'decision-record',
  'referenced',
  'openapi',
] as const;
/** A JSON Schema name. */
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/** True when `name` is a schema name. */
export function isSchemaName(name: string): name is SchemaName {
  return (SCHEMA_NAMES as readonly string[]).includes(name);
}

/** The file a schema is written to by `schema --write` (and shipped as in `schemas/`). */
export function schemaFileName(name: SchemaName): string {
  return name === 'openapi' ? 'openapi.json' : `${name}.schema.json`;
}
