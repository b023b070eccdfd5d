import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { APPS, bundle, KB } from '../bench/bundle-size.js';
import { ROOT } from './helpers/fixtures.js';

// What a browser app pays for the library: each app below is bundled from the built package
// (dist/, through package.json's exports, as an app would import it) with esbuild, minified, for
// the browser, and the gzipped size compared with a budget a phone on prepaid data can carry.
// Sizes, not times: the same input always gives the same bytes. Figures: bench/RESULTS.md.

beforeAll(() => {
  for (const f of ['dist/index.js', 'dist/vocabulary.js', 'dist/json-rules-engine.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first (npm test does)`);
  }
});

describe('browser bundle sizes (esbuild, minified, gzipped)', () => {
  it('an app calling safeAssess: at most 100 kB gzipped, with no json-rules-engine in it', async () => {
    const b = await bundle(APPS.safeAssess);
    expect(b.gzipped).toBeLessThanOrEqual(100 * KB);
    expect(Object.keys(b.byPackage)).not.toContain('json-rules-engine');
    expect(Object.keys(b.byPackage)).toContain('zod');
    // zod must be imported as a namespace (`import * as z`): `import { z }` pulls in every locale.
    expect(b.byPackage['zod'] ?? 0).toBeLessThan(200 * KB);
    // The browser build validates with the plain schemas: no zod schema compiler (compile-schema.browser.ts).
    expect(b.files.filter((f) => /zod\/v4\/core\/compile\.js$/.test(f))).toEqual([]);
    expect(b.files.some((f) => /zod\/v4\/core\/schemas\.js$/.test(f))).toBe(true);
  });

  it('an app importing only vocabularies: at most 5 kB gzipped, with no zod and no rules in it', async () => {
    const b = await bundle(APPS.vocabulary);
    expect(b.gzipped).toBeLessThanOrEqual(5 * KB);
    expect(Object.keys(b.byPackage)).toEqual(['za-reporting-duties']);
  });

  it('json-rules-engine comes only with its own subpath', async () => {
    const b = await bundle(APPS.jsonRulesEngine);
    expect(Object.keys(b.byPackage)).toContain('json-rules-engine');
  });
});
