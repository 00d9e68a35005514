import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] } },
  test: {
    name: 'store-redis',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
