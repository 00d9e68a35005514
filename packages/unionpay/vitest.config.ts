import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] } },
  test: {
    name: 'unionpay',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Test files share a worker's module state, so the simulator's RSA-2048 key pool is generated once per worker
    // instead of once per file (key generation dominated the run on the shared CPUs).
    isolate: false,
  },
});
