import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] } },
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Loopback servers and fault injection: a generous budget, but never an unbounded hang.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
