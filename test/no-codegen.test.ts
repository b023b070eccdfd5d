import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assess } from '../src/index.js';
import { requireBuiltCli } from './helpers/cli.js';
import { loadScenarios, ROOT } from './helpers/fixtures.js';

/*
 * Where code generation is not allowed (a strict Content-Security-Policy in a browser, or
 * `node --disallow-code-generation-from-strings`), the engine reads facts with a loop instead of a
 * generated loader, and validation uses zod's plain schema: every output must be the same. The
 * built library runs in a child process without code generation; its outputs are compared with
 * the sources' here, on every scenario, at every level of detail, in both modes.
 */

const TODAY = '2026-11-28';
const scenarios = loadScenarios().filter((s) => !s.scenario.expected.error);
const OPTIONS = (['decisions', 'standard', 'full'] as const).flatMap((detail) =>
  [true, false].map((presumptions) => ({ detail, presumptions, today: TODAY })),
);

describe('without code generation', () => {
  it('every scenario gives the same output at every level, in both modes', () => {
    requireBuiltCli();
    const lib = pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href;
    const script = `
      let generated = true;
      try { new Function('return 1'); } catch { generated = false; }
      const { assess } = await import(${JSON.stringify(lib)});
      const input = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
      const out = [];
      for (const c of input.cases) for (const o of input.options) out.push(JSON.stringify(assess(c, o)));
      process.stdout.write(JSON.stringify({ generated, out }));
    `.replace('require(', '(await import("node:module")).createRequire(import.meta.url)(');
    const cases = scenarios.map((s) => s.scenario.case);
    const child = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], {
      input: JSON.stringify({ cases, options: OPTIONS }),
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    expect(child.stderr).toBe('');
    const { generated, out } = JSON.parse(child.stdout) as { generated: boolean; out: string[] };
    expect(generated).toBe(false);
    const expected = cases.flatMap((c) => OPTIONS.map((o) => JSON.stringify(assess(c as never, o))));
    expect(out.length).toBe(expected.length);
    let different = 0;
    for (let i = 0; i < expected.length; i++) if (out[i] !== expected[i]) different++;
    expect(different).toBe(0);
  }, 120_000);
});
