import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The bundled scenario cases: every fixtures/*.json case that is valid input (expected.error
 * cases are bad input on purpose), plus examples/*.json.
 */
export function scenarioCases(): { name: string; input: Record<string, unknown> }[] {
  const out: { name: string; input: Record<string, unknown> }[] = [];
  const fx = path.join(ROOT, 'fixtures');
  for (const f of fs.readdirSync(fx).filter((x) => x.endsWith('.json')).sort()) {
    const list = JSON.parse(fs.readFileSync(path.join(fx, f), 'utf8')) as { name: string; case: Record<string, unknown>; expected: { error?: unknown } }[];
    for (const s of list) if (!s.expected.error) out.push({ name: `${f}: ${s.name}`, input: s.case });
  }
  const ex = path.join(ROOT, 'examples');
  for (const f of fs.readdirSync(ex).filter((x) => x.endsWith('.json')).sort()) {
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
