import { defineConfig } from 'vitest/config';

// The reliability suite (`pnpm test:chaos`): fault injection across every vendor, bounded in time. Kept out of
// `pnpm test` (vitest.workspace.ts) because it is slower and run as its own CI step.
export default defineConfig({
  resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@wirebridge/source', 'import', 'module', 'node', 'default'] } },
  test: {
    environment: 'node',
    pool: 'forks',
    // The CI box has 2 CPUs shared with other jobs.
    maxWorkers: 2,
    setupFiles: ['./test/support/setup.ts'],
    // Merges each file's counters into results/latest.json and prints them.
    globalSetup: ['./test/support/global-teardown.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // A hung file must fail the run, not stall CI.
    teardownTimeout: 10_000,
    projects: [
      {
        extends: true,
        test: { name: 'reliability', include: ['test/**/*.test.ts'], exclude: ['test/**/*.proto.test.ts'] },
      },
      {
        // One file in a worker started with --disable-proto=throw: no prototype-pollution path (issue 13).
        extends: true,
        test: {
          name: 'reliability-disable-proto',
          include: ['test/**/*.proto.test.ts'],
          execArgv: ['--disable-proto=throw'],
        },
      },
    ],
  },
});
