import { defineConfig } from 'tsup';

// Dual ESM + CJS with matching .d.ts/.d.cts (docs/decisions/0002). One entry per subpath export.
export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // The package ships `src/`, so maps point at it instead of embedding it again.
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
