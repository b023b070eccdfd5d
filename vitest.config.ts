import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    setupFiles: ['test/setup.ts'],
    env: { TZ: 'Africa/Johannesburg' },
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
  },
});
