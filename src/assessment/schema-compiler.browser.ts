import type * as z from 'zod';

/** The browser build has no schema compiler (see `schema-compiler.ts`). */
export const compileSchema: (<T extends z.ZodType>(schema: T) => T) | undefined = undefined;
