import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// DESIGN §1: soap and jayson are optional peers used only behind their subpaths, so a service that
// installs only a vendor like KICC never gets them. esbuild follows every static import of an entry and
// reports the packages it would load.
async function packagesLoadedBy(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../../src/${entry}`, import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports);
  return [...new Set(imports.filter((item) => item.external).map((item) => item.path))].sort();
}

describe('optional peer dependencies stay behind their subpaths', () => {
  it.each(['index.ts', 'tcp/index.ts', 'codec/index.ts', 'crypto/index.ts'])(
    '%s loads neither soap nor jayson',
    async (entry) => {
      const loaded = await packagesLoadedBy(entry);
      expect(loaded.some((name) => name === 'soap' || name.startsWith('soap/'))).toBe(false);
      expect(loaded.some((name) => name === 'jayson' || name.startsWith('jayson/'))).toBe(false);
      expect(loaded.some((name) => name === 'nock' || name.startsWith('nock/'))).toBe(false);
    },
  );

  it('the root entry does not load node-forge (legacy PKCS#12 lives behind /crypto)', async () => {
    expect(await packagesLoadedBy('index.ts')).not.toContain('node-forge');
  });

  it('the json-rpc subpath does load jayson (the check can see a peer when there is one)', async () => {
    const loaded = await packagesLoadedBy('json-rpc/index.ts');
    expect(loaded.some((name) => name.startsWith('jayson'))).toBe(true);
  });
});
