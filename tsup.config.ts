import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'node20',
    treeshake: true,
  },
  {
    // The `za-duties` CLI: one ESM file with its dependencies bundled in, so it starts fast
    // (no module resolution across zod's files).
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
