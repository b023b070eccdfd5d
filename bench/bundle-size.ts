import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { ROOT } from './cases.js';

/*
 * What a browser app pays for the library: an app's source is bundled from the built package
 * (dist/, through package.json's exports, as an app would import it) with esbuild, minified,
 * for the browser, and measured minified and gzipped (level 9), with the bytes per package from
 * esbuild's metafile. Used by test/bundle.test.ts (the budgets) and bench/bundle.bench.ts
 * (the figures in bench/RESULTS.md). Needs the build.
 */

/** The apps measured: each the least an app of that kind imports. */
export const APPS = {
  safeAssess: `import { safeAssess } from 'za-reporting-duties';\nexport const r = safeAssess(globalThis.input);`,
  vocabulary: `import { HARMS, REPORTER_ROLES, RELATIONSHIPS } from 'za-reporting-duties/vocabulary';\nexport const lists = [HARMS, REPORTER_ROLES, RELATIONSHIPS];`,
  jsonRulesEngine: `import { createEngine, caseFacts } from 'za-reporting-duties/json-rules-engine';\nexport const e = [createEngine, caseFacts];`,
} as const;

/** A kibibyte: the budgets are in kB of 1024 bytes. */
export const KB = 1024;

export interface Bundled {
  readonly minified: number;
  readonly gzipped: number;
  /** Bytes in the output per package (or `za-reporting-duties` for the library's own code). */
  readonly byPackage: Readonly<Record<string, number>>;
  /** The files with bytes in the output. */
  readonly files: readonly string[];
}

/** Bundles an app (its source text, resolved from the repository root) as a browser app would be. */
export async function bundle(app: string): Promise<Bundled> {
  const r = await build({
    stdin: { contents: app, resolveDir: ROOT, sourcefile: 'app.js', loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = r.outputFiles[0];
  if (!out) throw new Error('esbuild wrote nothing');
  const files = Object.values(r.metafile.outputs).flatMap((o) =>
    Object.keys(o.inputs).filter((f) => (o.inputs[f]?.bytesInOutput ?? 0) > 0),
  );
  return {
    minified: out.contents.length,
    gzipped: gzipSync(out.contents, { level: 9 }).length,
    byPackage: byPackage(r.metafile),
    files,
  };
}

function byPackage(meta: Metafile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of Object.values(meta.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(o.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
      if (file === 'app.js') continue;
      const key = m?.[1] ?? (file.startsWith('dist/') ? 'za-reporting-duties' : file);
      out[key] = (out[key] ?? 0) + bytesInOutput;
    }
  }
  return out;
}
