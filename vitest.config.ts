import { defineConfig } from 'vitest/config';
import { testProjects } from './vitest.workspace.js';

export default defineConfig({
  test: {
    projects: testProjects,
    // Loopback servers and fault injection: generous per-test budget, but never an unbounded hang.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
