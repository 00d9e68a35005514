import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// DESIGN §1: `soap` is an optional peer used only behind `@wirebridge/core/soap`; a service importing only the root
// must not load it. The static import graph is checked in test/package; this checks what a real Node process
// loads: the entry is bundled (our sources inlined, every package left as an import of its installed file), run in
// a child process, and the CommonJS module cache — where Node records `soap`, a CommonJS package, however it was
// imported — is listed.

const execFileAsync = promisify(execFile);
const sourceRoot = fileURLToPath(new URL('../../src/', import.meta.url));
const soapModulePattern = /[\\/]node_modules[\\/]soap[\\/]/;
let outputDir: string;

beforeAll(async () => {
  outputDir = await mkdtemp(path.join(tmpdir(), 'wirebridge-peer-'));
});

afterAll(async () => {
  await rm(outputDir, { recursive: true, force: true });
});

/** Leaves every package import external, pointing at the file esbuild resolves it to from core (ESM conditions). */
const packagesAsInstalledFiles: Plugin = {
  name: 'packages-as-installed-files',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(args.path)) return { external: true };
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      return { path: resolved.path, external: true };
    });
  },
};

/** The `soap` files a fresh Node process has loaded after importing `entry`. */
async function soapFilesLoadedBy(entry: string): Promise<string[]> {
  const outfile = path.join(outputDir, `${entry.replaceAll('/', '-')}.mjs`);
  await build({
    entryPoints: [path.join(sourceRoot, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    plugins: [packagesAsInstalledFiles],
    logLevel: 'silent',
  });
  const script = [
    "import { createRequire } from 'node:module';",
    'await import(process.argv[1]);',
    'const cache = createRequire(process.cwd() + "/").cache;',
    'process.stdout.write(JSON.stringify(Object.keys(cache)));',
  ].join('\n');
  const { stdout } = await execFileAsync(process.execPath, [
    '--input-type=module',
    '-e',
    script,
    pathToFileURL(outfile).href,
  ]);
  return (JSON.parse(stdout) as string[]).filter((file) => soapModulePattern.test(file));
}

describe('the optional soap peer at run time', () => {
  it('importing the @wirebridge/core root does not load soap', async () => {
    expect(await soapFilesLoadedBy('index.ts')).toEqual([]);
  });

  it('importing @wirebridge/core/soap does (the check can see soap when it is loaded)', async () => {
    expect((await soapFilesLoadedBy('soap/index.ts')).length).toBeGreaterThan(0);
  });
});
