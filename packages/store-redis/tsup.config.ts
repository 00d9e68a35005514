import { defineConfig } from 'tsup';

// Dual ESM + CJS with matching .d.ts/.d.cts (docs/decisions/0002). One entry per subpath export.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: false,
  treeshake: true,
});
