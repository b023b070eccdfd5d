import { afterEach, beforeEach, vi } from 'vitest';

// Nothing about a case is logged: any console output from library code fails the test.
const calls: string[] = [];
beforeEach(() => {
  calls.length = 0;
  for (const m of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      calls.push(`${m}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  if (calls.length > 0) throw new Error(`console was used during the test:\n${calls.join('\n')}`);
});
