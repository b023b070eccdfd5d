/**
 * The worked scenarios (`docs/worked-cases.json`): a story, the case as data, the narrative a
 * trainer reads, and the outcomes that narrative rests on. The build fails if the library's
 * answer differs from what the narrative claims, and `test/docs-worked-cases.test.ts` checks
 * the same, so a worked scenario can never teach something the library does not say.
 */
import { z } from 'zod';
import { DUTY_IDS, DUTY_STATUSES, safeAssess, type Assessment, type CaseInput } from '../../src/index.js';
import { readJson } from './data.js';

const Status = z.enum(DUTY_STATUSES);

const ExpectedSchema = z
  .object({
    duties: z.array(z.object({ duty: z.enum(DUTY_IDS), person: z.string(), status: Status }).strict()).default([]),
    overlaps: z
      .array(z.object({ id: z.enum(['dva-report', 'one-police-report']), person: z.string(), status: Status }).strict())
      .default([]),
    /** People for whom every duty is `does_not_apply`. */
    noDutyFor: z.array(z.string()).default([]),
    guidance: z
      .object({ includes: z.array(z.string()).default([]), excludes: z.array(z.string()).default([]) })
      .strict()
      .default({ includes: [], excludes: [] }),
  })
  .strict();

const VariantSchema = z
  .object({
    title: z.string().min(5),
    /** Changes to the case: dotted paths (`reporter.dvaFunctionary`, `concerns.1.basis`) to new values; `null` removes the field (unknown). */
    set: z.record(z.string(), z.unknown()),
    text: z.string().min(10),
    expected: ExpectedSchema,
  })
  .strict();

const WorkedCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(5),
    summary: z.string().min(10),
    /** The question put to the group before the answer is revealed. */
    question: z.string().min(10).optional(),
    /** How a trainer names the people (`"Lerato, 5"`), by the case's person ids; for display only. */
    labels: z.record(z.string(), z.string().min(1)).default({}),
    caseFile: z.string().optional(),
    case: z.unknown().optional(),
    story: z.array(z.string().min(1)).min(1),
    mandatory: z.array(z.string().min(1)).min(1),
    notMandatory: z.array(z.string().min(1)).min(1),
    wayThrough: z.array(z.string().min(1)).min(1),
    /** Duties (for people) to show under "What is not mandatory", with their reasons. */
    showNotMandatory: z.array(z.object({ duty: z.enum(DUTY_IDS), person: z.string() }).strict()).default([]),
    expected: ExpectedSchema,
    variants: z.array(VariantSchema).default([]),
    /** Prompts for the group's discussion. */
    discussion: z.array(z.string().min(5)).default([]),
  })
  .strict()
  .refine((w) => (w.caseFile === undefined) !== (w.case === undefined), { message: 'exactly one of caseFile and case' });

const WorkedFileSchema = z.object({ cases: z.array(WorkedCaseSchema).min(1) }).strict();

/** What a worked case or variant claims about the library's answer. */
export type Expected = z.output<typeof ExpectedSchema>;
/** A worked case as written. */
export type WorkedCase = z.output<typeof WorkedCaseSchema>;

/** A variant, with its changed case and the library's answer. */
export interface VariantRun {
  readonly variant: WorkedCase['variants'][number];
  readonly input: CaseInput;
  readonly assessment: Assessment;
  readonly failures: readonly string[];
}

/** A worked case with the library's answer and every claim that failed. */
export interface WorkedRun {
  readonly worked: WorkedCase;
  readonly input: CaseInput;
  readonly assessment: Assessment;
  readonly failures: readonly string[];
  readonly variants: readonly VariantRun[];
}

/** Sets a dotted path (`concerns.1.basis`) in a deep copy of `obj`; `null` or `undefined` removes it. */
export function setPath(obj: unknown, dotted: string, value: unknown): unknown {
  const copy = structuredClone(obj) as Record<string, unknown>;
  const keys = dotted.split('.');
  let cur: Record<string, unknown> | unknown[] = copy;
  keys.forEach((k, i) => {
    const key: string | number = /^\d+$/.test(k) ? Number(k) : k;
    const last = i === keys.length - 1;
    const target = cur as Record<string | number, unknown>;
    if (last) {
      if (value === undefined || value === null) delete target[key];
      else target[key] = value;
      return;
    }
    if (target[key] === undefined || target[key] === null) target[key] = /^\d+$/.test(keys[i + 1] ?? '') ? [] : {};
    cur = target[key] as Record<string, unknown>;
  });
  return copy;
}

/**
 * The case with its people named as the trainer labels them: people ids, victims, alleged
 * perpetrators and cared-for children renamed. Only for display; the checks use the case as written.
 */
export function relabel(input: CaseInput, labels: Readonly<Record<string, string>>): CaseInput {
  const name = (id: unknown) => (typeof id === 'string' ? (labels[id] ?? id) : id);
  const c = structuredClone(input) as unknown as { people: Record<string, unknown>[]; concerns: Record<string, unknown>[] };
  for (const p of c.people) {
    p['id'] = name(p['id']);
    if (Array.isArray(p['caregiverOf'])) p['caregiverOf'] = (p['caregiverOf'] as unknown[]).map(name);
  }
  for (const k of c.concerns) {
    k['victim'] = name(k['victim']);
    if (k['allegedBy'] !== undefined) k['allegedBy'] = name(k['allegedBy']);
  }
  return c as unknown as CaseInput;
}

/** Every way the library's answer differs from what is expected, in words. */
export function checkExpected(a: Assessment, e: Expected): string[] {
  const out: string[] = [];
  for (const d of e.duties) {
    const got = a.duties.find((x) => x.duty === d.duty && x.person === d.person);
    if (!got) out.push(`${d.duty} for ${d.person}: expected ${d.status}, but the assessment has no such duty`);
    else if (got.status !== d.status) out.push(`${d.duty} for ${d.person}: expected ${d.status}, the library says ${got.status}`);
  }
  for (const o of e.overlaps) {
    const got = a.overlaps.find((x) => x.id === o.id && x.person === o.person);
    if (!got) out.push(`overlap ${o.id} for ${o.person}: expected ${o.status}, but there is none`);
    else if (got.status !== o.status) out.push(`overlap ${o.id} for ${o.person}: expected ${o.status}, the library says ${got.status}`);
  }
  for (const p of e.noDutyFor) {
    const some = a.duties.filter((d) => d.person === p && d.status !== 'does_not_apply');
    if (some.length > 0) out.push(`no duty expected for ${p}, but ${some.map((d) => `${d.duty} ${d.status}`).join(', ')}`);
    if (!a.duties.some((d) => d.person === p)) out.push(`no duty expected for ${p}, but ${p} is not a person at risk in the assessment`);
  }
  const ids = new Set(a.guidance.items.map((g) => g.id));
  for (const g of e.guidance.includes) if (!ids.has(g)) out.push(`guidance ${g} expected, but not given`);
  for (const g of e.guidance.excludes) if (ids.has(g)) out.push(`guidance ${g} not expected, but given`);
  return out;
}

function assessOrFail(input: unknown, what: string): Assessment {
  const r = safeAssess(input, { detail: 'full' });
  if (!r.success) throw new Error(`${what}: the library rejects the case: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/** Loads `docs/worked-cases.json` and runs every case and variant through the library. */
export function runWorkedCases(): WorkedRun[] {
  const parsed = WorkedFileSchema.safeParse(readJson('docs/worked-cases.json'));
  if (!parsed.success) {
    throw new Error(`docs/worked-cases.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data.cases.map((w) => {
    const input = (w.caseFile !== undefined ? readJson(w.caseFile) : w.case) as CaseInput;
    const assessment = assessOrFail(input, `worked case ${w.id}`);
    const variants = w.variants.map((v) => {
      let changed: unknown = input;
      for (const [k, val] of Object.entries(v.set)) changed = setPath(changed, k, val);
      const va = assessOrFail(changed, `worked case ${w.id}, variant "${v.title}"`);
      return { variant: v, input: changed as CaseInput, assessment: va, failures: checkExpected(va, v.expected) };
    });
    return { worked: w, input, assessment, failures: checkExpected(assessment, w.expected), variants };
  });
}

/** Every failed claim of every worked case, prefixed with where it is. */
export function workedFailures(runs: readonly WorkedRun[]): string[] {
  return runs.flatMap((r) => [
    ...r.failures.map((f) => `${r.worked.id}: ${f}`),
    ...r.variants.flatMap((v) => v.failures.map((f) => `${r.worked.id}, variant "${v.variant.title}": ${f}`)),
  ]);
}
