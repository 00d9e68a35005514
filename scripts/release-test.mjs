#!/usr/bin/env node
// `pnpm test:release` (issue 12): the release path end to end on a scratch copy of the workspace.
//   1. start a throwaway Verdaccio on loopback;            2. copy the workspace, install from the lockfile;
//   3. prove the changesets configuration (versioning);    4. version with the pending changesets, build;
//   5. pack every package and check its tarball;           6. publish with `changeset publish`;
//   7. install into fresh consumers outside the workspace, run CJS and ESM scripts, check trees and the scope.
// Everything lives in one temp directory, removed at the end with the registry process, pass or fail.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkScopeResolution, runConsumer } from './release/consumer.mjs';
import { consumerCases } from './release/consumer-cases.mjs';
import { runCommand } from './release/run-command.mjs';
import { createScratchWorkspace, pointAtRegistry, publishedPackages } from './release/scratch-workspace.mjs';
import { checkTarball } from './release/tarball-checks.mjs';
import { startVerdaccio } from './release/verdaccio.mjs';
import { checkVersioning } from './release/versioning-check.mjs';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const step = (text) =>
  console.log(`\n[release-test +${((Date.now() - started) / 1000).toFixed(1)}s] ${text}`);

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'wirebridge-release-'));
  let registry;
  try {
    step('starting Verdaccio on loopback');
    registry = await startVerdaccio({
      directory: join(work, 'registry'),
      binary: join(repository, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
    });
    console.log(`  registry ${registry.url}`);

    step('scratch copy of the workspace');
    const scratch = join(work, 'workspace');
    await createScratchWorkspace({ source: repository, target: scratch });

    step('versioning rules (changesets)');
    for (const line of await checkVersioning(scratch)) console.log(`  ✓ ${line}`);

    step('pnpm version-packages with the pending changesets, then build');
    await pointAtRegistry(scratch, registry);
    await runCommand('pnpm', ['run', 'version-packages'], { cwd: scratch });
    await runCommand('pnpm', ['run', 'build'], { cwd: scratch });
    const packages = await publishedPackages(scratch);

    step('tarballs: contents and size budgets');
    const budgets = JSON.parse(
      await readFile(join(repository, 'scripts', 'release', 'size-budgets.json'), 'utf8'),
    );
    const results = [];
    for (const pkg of packages) {
      results.push(
        await checkTarball(pkg, { destination: join(work, 'tarballs'), budgetBytes: budgets[pkg.name] }),
      );
    }
    console.table(
      results.map(({ name, version, bytes, budgetBytes, files }) => ({
        package: name,
        version,
        'packed KiB': (bytes / 1024).toFixed(1),
        'budget KiB': budgetBytes === undefined ? '—' : (budgetBytes / 1024).toFixed(0),
        files,
      })),
    );
    const problems = results.flatMap(({ name, problems: found }) =>
      found.map((problem) => `${name}: ${problem}`),
    );
    if (problems.length > 0) throw new Error(`tarball problems:\n  ${problems.join('\n  ')}`);

    step('changeset publish to the local registry');
    await runCommand('pnpm', ['exec', 'changeset', 'publish'], { cwd: scratch });
    for (const pkg of packages) {
      const response = await fetch(`${registry.url}${pkg.name.replace('/', '%2f')}`);
      const document = await response.json();
      if (!document.versions?.[pkg.version])
        throw new Error(`${pkg.name}@${pkg.version} is not on the registry`);
      console.log(`  ✓ ${pkg.name}@${pkg.version} published`);
    }

    step('consumers outside the workspace (CommonJS and ESM)');
    for (const consumerCase of consumerCases) {
      const directory = join(work, 'consumers', consumerCase.name);
      for (const line of await runConsumer(consumerCase, { directory, registryUrl: registry.url })) {
        console.log(`  ✓ ${line}`);
      }
      for (const line of await checkScopeResolution({ directory, registryUrl: registry.url })) {
        console.log(`  ✓ ${line}`);
      }
    }
    step('release test passed');
  } finally {
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`\nrelease test FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
