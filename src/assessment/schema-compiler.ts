import * as z from 'zod';

/**
 * zod's schema compiler (`z.compile`), for a server or a batch that parses many cases. The
 * browser build of the package (`exports` condition `browser`) replaces this module with
 * `schema-compiler.browser.ts`, which has none: a page parses a case at a time, and leaving the
 * compiler out keeps the bundle small (and needs no code generation under a strict CSP).
 */
export const compileSchema: (<T extends z.ZodType>(schema: T) => T) | undefined = (schema) => z.compile(schema);
