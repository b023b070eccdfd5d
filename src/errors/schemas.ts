import * as z from 'zod';
import type { MessageRef } from '../messages/message.js';
import { assertEqual, type DeepMutable } from './type-equal.js';
import { VALIDATION_ISSUE_CODES, type ValidationIssue } from './validation-error.js';

/**
 * A message as data (the id in the catalogue and its named parameters), carried beside each text
 * in `msg` so that an app can render the text again from its own catalogue.
 *
 * @example
 * ```ts
 * MessageRefSchema.safeParse({ id: 'harm.neglect' }).success; //=> true
 * ```
 * @category Schemas
 */
export const MessageRefSchema: z.ZodType<DeepMutable<MessageRef>> = z
  .lazy(() =>
    z
      .strictObject({
        id: z.string(),
        params: z
          .record(
            z.string(),
            z.union([z.string(), z.number(), z.boolean(), MessageRefSchema, z.array(z.union([z.string(), z.number(), MessageRefSchema]))]),
          )
          .optional(),
      })
      .meta({ description: 'A message: its id in the catalogue (englishMessages) and its named parameters.' }),
  )
  .meta({ id: 'MessageRef' });
/**
 * The zod schema of a {@link ValidationIssue}: one problem found in an input, as the library, the
 * CLI (batch error records) and the HTTP server (error bodies) all give it.
 *
 * @example
 * ```ts
 * import { safeAssess, ValidationIssueSchema } from 'za-reporting-duties';
 * const r = safeAssess({ people: [], concerns: [] });
 * r.success || ValidationIssueSchema.safeParse(r.error.issues[0]).success; //=> true
 * ```
 * @category Schemas
 */
export const ValidationIssueSchema = z
  .strictObject({
    code: z.enum(VALIDATION_ISSUE_CODES),
    path: z.array(z.union([z.string(), z.number()])),
    at: z.string(),
    expected: z.string(),
    received: z.string(),
    message: z.string(),
    params: z
      .record(
        z.string(),
        z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))]),
      )
      .optional()
      .meta({
        description:
          "The issue's structured parameters (zod's: expected, values, minimum, maximum, origin, keys, ...; the library's: ids, date, age).",
      }),
    msg: z
      .strictObject({ expected: MessageRefSchema, received: MessageRefSchema.optional(), message: MessageRefSchema })
      .meta({ description: 'The messages expected, received (where it is words, not the value shown) and message were made from.' }),
  })
  .meta({ title: 'ValidationIssue', description: 'One problem found in an input: where it is, what was expected, what came in.' });

assertEqual<z.output<typeof ValidationIssueSchema>, DeepMutable<ValidationIssue>>(true);
