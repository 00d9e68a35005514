import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] } },
  test: {
    name: 'billgate',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Test files share one module graph per worker: importing core and zod once instead of once per file keeps the
    // run short on a loaded machine. No test relies on module state being fresh.
    isolate: false,
  },
});
