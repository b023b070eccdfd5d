import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/fixtures.js';

// The layer check that `npm test` runs (`npm run lint:deps`), shown to catch what it is for.
const BIN = path.join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

function violations(cwd: string): string[] {
  let out: string;
  try {
    out = execFileSync(BIN, ['src', '--config', CONFIG, '--output-type', 'json', '--no-progress'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = String((e as { stdout?: unknown }).stdout ?? '');
  }
  const r = JSON.parse(out) as { summary: { violations: { rule: { name: string } }[] } };
  return r.summary.violations.map((v) => v.rule.name).sort();
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'za-layers-'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', strict: true } }),
  );
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
}

describe('layers of src/ (dependency-cruiser)', () => {
  it('hold in the project: no cycle, no import up the layers, the CLI on the public entry points only', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('catch an import up the layers, a cycle, and the CLI reaching into the internals', () => {
    const dir = tree({
      'src/case/derive.ts': "import { x } from '../rules/table.js';\nexport const y = x;\n",
      'src/rules/table.ts': 'export const x = 1;\n',
      'src/engine/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/engine/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/cli/main.ts': "import { x } from '../rules/table.js';\nexport const z = x;\n",
      'src/index.ts': 'export const i = 1;\n',
    });
    try {
      expect([...new Set(violations(dir))]).toEqual(['cli-public-only', 'layer-case', 'no-circular']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
