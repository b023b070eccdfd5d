import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DUTY_IDS, DUTY_STATUSES, MODALITIES } from '../../src/case/vocabulary.js';

export const ROOT = path.resolve(__dirname, '../..');

const Status = z.enum(DUTY_STATUSES);
export const ScenarioSchema = z
  .object({
    name: z.string().min(10),
    description: z.string().min(10),
    provisions: z.array(z.string().min(3)).min(1),
    case: z.unknown(),
    /** Options for assess: `{ presumptions: false }` runs the scenario in strict three-valued mode. */
    options: z.object({ presumptions: z.boolean().optional() }).strict().optional(),
    expected: z
      .object({
        duties: z
          .array(
            z
              .object({
                duty: z.enum(DUTY_IDS),
                person: z.string(),
                status: Status,
                modality: z.enum(MODALITIES).optional(),
                reasons: z.array(z.object({ fact: z.string(), result: z.union([z.boolean(), z.literal('unknown')]) }).strict()).optional(),
                missing: z.array(z.string()).optional(),
                notes: z.array(z.string()).optional(),
                /** The presumptions the status rests on (ids); `[]` says none may be listed. */
                presumed: z.array(z.string()).optional(),
              })
              .strict(),
          )
          .optional(),
        overlaps: z.array(z.object({ id: z.string(), person: z.string(), status: Status }).strict()).optional(),
        guidance: z
          .object({ includes: z.array(z.string()).optional(), excludes: z.array(z.string()).optional() })
          .strict()
          .optional(),
        questionsFirst: z.string().optional(),
        error: z.object({ path: z.string() }).strict().optional(),
      })
      .strict(),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Every scenario of every fixtures/*.json file, with its file. */
export function loadScenarios(): { file: string; scenario: Scenario }[] {
  const dir = path.join(ROOT, 'fixtures');
  const out: { file: string; scenario: Scenario }[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as unknown;
    const list = z.array(ScenarioSchema).parse(data);
    for (const scenario of list) out.push({ file: f, scenario });
  }
  return out;
}
