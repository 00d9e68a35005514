import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Service teams import @wirebridge/core/testing without nock installed; only /testing/nock may load it.
// esbuild follows every import of an entry (dynamic ones included) and reports the packages it would load.
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

describe('testing subpaths', () => {
  it('@wirebridge/core/testing never loads nock, soap or jayson', async () => {
    const loaded = await packagesLoadedBy('testing/index.ts');
    for (const peer of ['nock', 'soap', 'jayson']) {
      expect(loaded.some((name) => name === peer || name.startsWith(`${peer}/`))).toBe(false);
    }
  });

  it('@wirebridge/core/testing/nock does load nock (the check can see it)', async () => {
    expect(await packagesLoadedBy('testing/nock/index.ts')).toContain('nock');
  });

  it('importing @wirebridge/core/testing/nock does not activate nock until a fixture is used', async () => {
    // nock activates by replacing http.ClientRequest on the CommonJS module object.
    const http = (await import('node:http')).default;
    const before = http.ClientRequest;
    await import('../../src/testing/nock/index.js');
    expect(http.ClientRequest).toBe(before);
  });
});
