import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';
import { TRAP_DAYS } from './helpers/zone-cases.js';

// Issue 9 point 4: assessments must not depend on the machine's time zone. TZ is read when a
// process starts, so each zone gets its own child process (test/helpers/assess-all.ts), which
// assesses every fixture scenario, the examples and the cases built around TRAP_DAYS (days with no
// local midnight, or no day at all, in one of these zones) and prints a hash of each assessment.
const ZONES = ['UTC', 'Africa/Johannesburg', 'America/Sao_Paulo', 'Pacific/Apia', 'Pacific/Kiritimati', 'America/St_Johns'] as const;

interface ChildOutput {
  readonly tz: string;
  readonly zone: string;
  readonly results: readonly { readonly name: string; readonly sha256: string; readonly summary: string }[];
}

const run = promisify(execFile);
async function assessIn(tz: string): Promise<ChildOutput> {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await run(process.execPath, [tsx, path.join(ROOT, 'test', 'helpers', 'assess-all.ts')], {
    cwd: ROOT,
    env: { ...process.env, TZ: tz },
    maxBuffer: 16 * 2 ** 20,
  });
  return JSON.parse(stdout) as ChildOutput;
}

describe('assessments are the same in every time zone', () => {
  it('gives identical assessments of every fixture scenario, example and zone-trap case under each TZ', async () => {
    const outputs = await Promise.all(ZONES.map((tz) => assessIn(tz)));
    const [base, ...others] = outputs as [ChildOutput, ...ChildOutput[]];
    // The children really ran in their zones (an unknown TZ silently falls back to UTC).
    expect(outputs.map((o) => o.zone)).toEqual([...ZONES]);
    expect(base.results.length).toBeGreaterThanOrEqual(60 + TRAP_DAYS.length * 10);
    expect(base.results.filter((r) => r.name.startsWith('zone trap:')).length).toBeGreaterThanOrEqual(TRAP_DAYS.length * 10);
    for (const o of others) {
      expect(o.results.map((r) => r.name)).toEqual(base.results.map((r) => r.name));
      const differing = o.results
        .map((r, i) => ({ r, b: base.results[i] }))
        .filter(({ r, b }) => r.sha256 !== b?.sha256)
        .map(({ r, b }) => `${r.name}\n  ${base.tz}: ${b?.summary ?? ''}\n  ${o.tz}: ${r.summary}`);
      expect(differing, `assessments that differ between ${base.tz} and ${o.tz}`).toEqual([]);
    }
  });
});
