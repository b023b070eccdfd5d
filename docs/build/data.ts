/**
 * What the site is built from: the rule catalogue, the fixtures (legal scenarios, read at build
 * time), the worked cases, the example case and the changelog. Every status the site shows is
 * computed here by the library itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  DUTY_STATUSES,
  dutyCatalogue,
  DUTY_IDS,
  safeAssess,
  type Assessment,
  type CaseInput,
  type DutyCatalogueEntry,
  type DutyId,
  type DutyResult,
  type DutyStatus,
} from '../../src/index.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Reads a JSON file of the repository, naming the file when it is not valid JSON. */
export function readJson(rel: string): unknown {
  const file = path.join(ROOT, rel);
  const text = fs.readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${rel} is not valid JSON: ${(e as Error).message}`);
  }
}

/** A file of the repository as text, or null if it does not exist. */
export function readOptional(rel: string): string | null {
  const file = path.join(ROOT, rel);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

const Status = z.enum(DUTY_STATUSES);

/** The part of a fixture scenario the site uses (the fixture runner checks the rest). */
const FixtureSchema = z.object({
  name: z.string(),
  description: z.string(),
  provisions: z.array(z.string()).default([]),
  case: z.unknown(),
  options: z.object({ presumptions: z.boolean().optional() }).optional(),
  expected: z
    .object({
      duties: z.array(z.object({ duty: z.enum(DUTY_IDS), person: z.string(), status: Status }).loose()).optional(),
      error: z.object({ path: z.string() }).loose().optional(),
      guidance: z
        .object({ includes: z.array(z.string()).optional(), excludes: z.array(z.string()).optional() })
        .loose()
        .optional(),
    })
    .loose(),
});

/** One fixture scenario, run through the library. */
export interface FixtureRun {
  readonly file: string;
  readonly index: number;
  /** Element id on the scenario library page. */
  readonly anchor: string;
  readonly name: string;
  readonly description: string;
  readonly provisions: readonly string[];
  readonly case: unknown;
  readonly expectedDuties: readonly { readonly duty: DutyId; readonly person: string; readonly status: DutyStatus }[];
  readonly expectedError: string | null;
  /** Guidance item ids the scenario expects given, and not given. */
  readonly expectedGuidance: { readonly includes: readonly string[]; readonly excludes: readonly string[] };
  readonly assessment: Assessment | null;
  /** The validation message when the library rejected the case. */
  readonly error: string | null;
}

/** Every scenario of every `fixtures/*.json`, in file order, each assessed by the library. */
export function loadFixtureRuns(): FixtureRun[] {
  const dir = path.join(ROOT, 'fixtures');
  if (!fs.existsSync(dir)) return [];
  const out: FixtureRun[] = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()) {
    const data = readJson(`fixtures/${f}`);
    const parsed = z.array(FixtureSchema).safeParse(data);
    if (!parsed.success) {
      throw new Error(
        `fixtures/${f} does not have the scenario shape of fixtures/README.md: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    parsed.data.forEach((s, index) => {
      const r = safeAssess(s.case, s.options?.presumptions === false ? { presumptions: false, detail: 'full' } : { detail: 'full' });
      out.push({
        file: f,
        index,
        anchor: `${f.replace(/\.json$/, '')}-${index + 1}`,
        name: s.name,
        description: s.description,
        provisions: s.provisions,
        case: s.case,
        expectedDuties: (s.expected.duties ?? []).map((d) => ({ duty: d.duty, person: d.person, status: d.status })),
        expectedError: s.expected.error?.path ?? null,
        expectedGuidance: { includes: s.expected.guidance?.includes ?? [], excludes: s.expected.guidance?.excludes ?? [] },
        assessment: r.success ? r.data : null,
        error: r.success ? null : r.error.issues.map((i) => i.message).join('; '),
      });
    });
  }
  return out;
}

/** The library's answer for one duty and person of an assessment. */
export function dutyOf(a: Assessment, duty: DutyId, person: string): DutyResult | undefined {
  return a.duties.find((d) => d.duty === duty && d.person === person);
}

/** The catalogue, keyed by duty id, in duty-id order. */
export function catalogue(): {
  rulesetVersion: string;
  duties: readonly DutyCatalogueEntry[];
  byId: ReadonlyMap<DutyId, DutyCatalogueEntry>;
} {
  const c = dutyCatalogue();
  return { rulesetVersion: c.rulesetVersion, duties: c.duties, byId: new Map(c.duties.map((d) => [d.id, d])) };
}

/** The rule file each duty comes from, found by scanning `rules/` (for "where this lives"). */
export function ruleFilePaths(): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.json')) {
        const data = readJson(r) as { id?: unknown };
        if (data && typeof data === 'object' && typeof data.id === 'string') out.set(data.id, r);
      }
    }
  };
  walk('rules');
  return out;
}

/** The example case trainers start from. */
export function mitchellsPlain(): CaseInput {
  return readJson('examples/mitchells-plain.json') as CaseInput;
}
