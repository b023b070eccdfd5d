import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addDays } from '../src/case/ages.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bundled scenario cases: every fixtures/*.json case that is valid input (expected.error
 * cases are bad input on purpose), plus examples/*.json.
 */
export function scenarioCases(): { name: string; input: Record<string, unknown> }[] {
  const out: { name: string; input: Record<string, unknown> }[] = [];
  const fx = path.join(ROOT, 'fixtures');
  for (const f of fs
    .readdirSync(fx)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    const list = JSON.parse(fs.readFileSync(path.join(fx, f), 'utf8')) as {
      name: string;
      case: Record<string, unknown>;
      expected: { error?: unknown };
    }[];
    for (const s of list) if (!s.expected.error) out.push({ name: `${f}: ${s.name}`, input: s.case });
  }
  const ex = path.join(ROOT, 'examples');
  for (const f of fs
    .readdirSync(ex)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    out.push({ name: `examples/${f}`, input: JSON.parse(fs.readFileSync(path.join(ex, f), 'utf8')) as Record<string, unknown> });
  }
  return out;
}

/** Median of numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Writes a bench result as the last line of stdout (the runner reads it). */
export function report(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Progress for people, on stderr. */
export function note(text: string): void {
  process.stderr.write(`${text}\n`);
}

const DATE_FIELDS = new Set(['assessmentDate', 'knowledgeDate', 'incidentDate', 'dateOfBirth']);
function shifted(v: unknown, days: number): unknown {
  if (Array.isArray(v)) return v.map((x) => shifted(x, days));
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = DATE_FIELDS.has(k) && typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) ? addDays(x, -days) : shifted(x, days);
  return out;
}

/**
 * A scenario case with every date (assessment, knowledge, incident, birth) moved back by the same
 * number of days: the same case on other dates, so ages, windows and versions in force vary (not
 * only ids). Moving every date back together keeps the case valid (no date after another it must
 * precede, none after today).
 */
export function withDatesShifted(input: Record<string, unknown>, days: number): Record<string, unknown> {
  return days === 0 ? input : (shifted(input, days) as Record<string, unknown>);
}

/** The shift of the i-th generated case, in days (0 to 1,460; deterministic). */
export function shiftOf(i: number): number {
  return (i * 7919) % 1461;
}

/** The scenario cases, each also on three other sets of dates (see {@link withDatesShifted}). */
export function variedCases(): { name: string; input: Record<string, unknown> }[] {
  return scenarioCases().flatMap((c) =>
    [0, 97, 400, 1111].map((days) => ({
      name: days === 0 ? c.name : `${c.name} (dates −${days} days)`,
      input: withDatesShifted(c.input, days),
    })),
  );
}
