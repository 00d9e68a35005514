import { defineConfig } from 'tsup';

// Dual ESM + CJS with matching .d.ts/.d.cts (docs/decisions/0002-dual-format.md).
export default defineConfig({
  // One entry per subpath export; keep in sync with package.json "exports".
  entry: {
    index: 'src/index.ts',
    crypto: 'src/crypto/index.ts',
    codec: 'src/codec/index.ts',
    tcp: 'src/tcp/index.ts',
    soap: 'src/soap/index.ts',
    'json-rpc': 'src/json-rpc/index.ts',
    testing: 'src/testing/index.ts',
    'testing-nock': 'src/testing/nock/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // The package ships `src/`, so maps point at it instead of embedding it again (halves the tarball).
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  clean: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
});
