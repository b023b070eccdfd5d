import * as z from 'zod';
import dvaReport from '../../rules/overlaps/dva-report.json';
import onePoliceReport from '../../rules/overlaps/one-police-report.json';
import notesJson from '../../rules/notes.json';
import { DUTY_IDS } from '../case/vocabulary.js';
import { validateWith } from '../errors/from-zod.js';
import { deepFreeze } from './freeze.js';
import { RECIPIENTS, VerificationSchema } from './schema.js';

const Source = z.object({ cite: z.string().min(1), url: z.url(), verification: VerificationSchema }).strict();

/**
 * Duties that are alternatives by the Act's own words: one report meets whichever applies. The
 * status is "one of them applies" over every value of the pivot facts that are unknown.
 */
export const AlternativesOverlapSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.literal('alternatives'),
    title: z.string().min(1),
    label: z.string().min(1).meta({ description: 'The overlap named inside a sentence (the compliance check: "Met: {label} for ...").' }),
    duties: z.tuple([z.enum(DUTY_IDS), z.enum(DUTY_IDS)]),
    pivots: z.array(z.string().min(1)).min(1),
    guidanceFact: z.string().min(1),
    source: Source,
    texts: z.object({ applies: z.string().min(1), may_apply: z.string().min(1), does_not_apply: z.string().min(1) }).strict(),
    timingText: z.string().min(1),
  })
  .strict();

/** One report to one recipient meets every duty that applies and accepts that recipient. */
const OneReportOverlapSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.literal('one-report'),
    title: z.string().min(1),
    recipient: z.enum(RECIPIENTS),
    minDuties: z.number().int().min(2),
    source: Source,
    texts: z.object({ applies: z.string().min(1), only: z.string().min(1) }).strict(),
  })
  .strict();

/** An overlap file in `rules/overlaps/`. */
export const OverlapFileSchema = z.discriminatedUnion('kind', [AlternativesOverlapSchema, OneReportOverlapSchema]);
/** A validated overlap file. */
export type OverlapFile = z.output<typeof OverlapFileSchema>;
/** An alternatives overlap. */
export type AlternativesOverlap = z.output<typeof AlternativesOverlapSchema>;

/** The bundled overlap files, with their paths. */
export const OVERLAP_SOURCES: readonly { readonly path: string; readonly data: unknown }[] = [
  { path: 'rules/overlaps/dva-report.json', data: dvaReport },
  { path: 'rules/overlaps/one-police-report.json', data: onePoliceReport },
];

/** The bundled overlaps (validated by the test suite with {@link validateOverlaps}). */
export const OVERLAPS: readonly OverlapFile[] = OVERLAP_SOURCES.map((s) => s.data as OverlapFile);

/** Validates the overlap files and the general notes (the test suite does). */
export function validateOverlaps(): void {
  for (const s of OVERLAP_SOURCES) {
    const r = validateWith(OverlapFileSchema, s.data, `rule file ${s.path}`);
    if (!r.success) throw r.error;
  }
  const r = validateWith(GeneralNotesFileSchema, notesJson, 'rule file rules/notes.json');
  if (!r.success) throw r.error;
}

const GeneralNotesFileSchema = z
  .object({
    description: z.string().min(1),
    notes: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(1), verification: VerificationSchema }).strict()),
  })
  .strict();

/** The general interpretation notes (`rules/notes.json`) by id. */
export const GENERAL_NOTES: ReadonlyMap<
  string,
  { readonly id: string; readonly text: string; readonly verification: z.output<typeof VerificationSchema> }
> = new Map(
  (notesJson as unknown as z.output<typeof GeneralNotesFileSchema>).notes.map(
    (n) => [n.id, deepFreeze({ id: n.id, text: n.text, verification: n.verification })] as const,
  ),
);
