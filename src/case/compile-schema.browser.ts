import type * as z from 'zod';

/**
 * The browser build's `compile-schema.ts` (tsup.config.ts swaps it in): the plain schema, so that a
 * browser app does not bundle zod's schema compiler (about a quarter of zod's weight).
 */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  return schema;
}
