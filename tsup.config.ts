import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // Three entries: the library, the json-rules-engine interop and the vocabularies alone, so
    // that a browser app bundles only what it imports (ESM shares code between them in chunks).
    entry: { index: 'src/index.ts', 'json-rules-engine': 'src/json-rules-engine.ts', vocabulary: 'src/vocabulary.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node20',
    treeshake: true,
  },
  {
    // The `za-duties` CLI: one ESM file with its dependencies bundled in, so it starts fast
    // (no module resolution across zod's and date-fns's files).
    entry: { cli: 'src/cli/bin.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: false,
    clean: false,
    target: 'node20',
    treeshake: true,
    splitting: false,
    noExternal: [/.*/],
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
