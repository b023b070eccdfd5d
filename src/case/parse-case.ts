import type * as z from 'zod';
import { CaseInputSchema, CaseShapeSchema, crossFieldIssues } from './schema.js';
import { compiledSchema } from './compile-schema.js';

/** What parsing a case gives: zod's result for {@link CaseInputSchema}. */
export type CaseParse = z.ZodSafeParseResult<z.output<typeof CaseInputSchema>>;

/**
 * Cases parsed by the plain schema before the compiled one is built: compiling takes a few
 * milliseconds (as long as parsing several hundred cases), which a one-off `za-duties assess`
 * would pay at every start.
 */
export const COMPILE_AFTER = 64;
let parsed = 0;
let shape: typeof CaseShapeSchema = CaseShapeSchema;

/**
 * Parses a case as `CaseInputSchema.safeParse(input, { reportInput: true })` does, with the same
 * result, faster on valid input. The fields are checked by zod's schema compiler (`z.compile`,
 * built once {@link COMPILE_AFTER} cases have been parsed; before that, where code generation is
 * not allowed, and in the browser build, by the plain schema), then the checks across fields run
 * as plain code ({@link crossFieldIssues}, the same function the schema runs). Input that fails
 * either is parsed again by the whole schema, which reports every issue with what came in. (Why
 * the shape and not `CaseInputSchema` is compiled: see {@link CaseShapeSchema}.)
 */
export function parseCase(input: unknown): CaseParse {
  if (parsed < COMPILE_AFTER && ++parsed === COMPILE_AFTER) shape = compiledSchema(CaseShapeSchema);
  const r = shape.safeParse(input);
  if (r.success) {
    let ok = true;
    crossFieldIssues(r.data, () => {
      ok = false;
    });
    if (ok) return r;
  }
  return CaseInputSchema.safeParse(input, { reportInput: true });
}
