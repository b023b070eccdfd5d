import * as z from 'zod';

/**
 * A schema parsed through zod's schema compiler (`z.compile`): the same results, a generated fast
 * path first for valid input. Where code generation is not allowed, zod falls back to the plain
 * schema by itself. The browser build uses `compile-schema.browser.ts` instead (the plain schema:
 * the compiler is a quarter of zod's weight).
 */
export function compiledSchema<S extends z.ZodType>(schema: S): S {
  return z.compile(schema);
}
