// Proves the changesets configuration on the scratch workspace (issue: "bumping one vendor with a patch changeset
// versions only that vendor; bumping core updates dependents' ranges as configured"), without committing a bump.
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';
import { publishedPackages, resetScratchWorkspace } from './scratch-workspace.mjs';

async function versionWith(root, bumps) {
  // Only this experiment's changeset: the pending ones would bump everything.
  for (const file of await readdir(join(root, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md') await rm(join(root, '.changeset', file));
  }
  const header = Object.entries(bumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join('\n');
  await writeFile(join(root, '.changeset', 'release-test.md'), `---\n${header}\n---\n\nrelease test\n`);
  await runCommand('pnpm', ['exec', 'changeset', 'version'], { cwd: root });
  const after = await publishedPackages(root);
  await resetScratchWorkspace(root);
  return after;
}

function changedVersions(before, after) {
  const previous = new Map(before.map((entry) => [entry.name, entry.version]));
  return after.filter((entry) => previous.get(entry.name) !== entry.version).map((entry) => entry.name);
}

/** Returns lines describing what held; throws on the first rule that does not. */
export async function checkVersioning(root) {
  const before = await publishedPackages(root);
  const vendor = before.find(
    (entry) => entry.name !== '@wirebridge/core' && entry.manifest.dependencies?.['@wirebridge/core'],
  );
  if (!vendor) throw new Error('versioning check: no vendor package depends on @wirebridge/core');
  const report = [];

  const afterVendorPatch = await versionWith(root, { [vendor.name]: 'patch' });
  const changed = changedVersions(before, afterVendorPatch);
  if (changed.length !== 1 || changed[0] !== vendor.name) {
    throw new Error(`a patch changeset for ${vendor.name} versioned ${JSON.stringify(changed)}`);
  }
  report.push(`patch changeset for ${vendor.name} versions only it`);

  // In 0.x a caret range does not admit the next minor, so a core minor must reach every dependent.
  const afterCoreMinor = await versionWith(root, { '@wirebridge/core': 'minor' });
  const core = afterCoreMinor.find((entry) => entry.name === '@wirebridge/core');
  const dependents = before
    .filter((entry) => entry.manifest.dependencies?.['@wirebridge/core'])
    .map((entry) => entry.name);
  const bumpedDependents = changedVersions(before, afterCoreMinor).filter(
    (name) => name !== '@wirebridge/core',
  );
  if (dependents.some((name) => !bumpedDependents.includes(name))) {
    throw new Error(
      `core minor (${core.version}) left dependents unversioned: ${dependents.filter((name) => !bumpedDependents.includes(name))}`,
    );
  }
  for (const name of dependents) {
    const range = afterCoreMinor.find((entry) => entry.name === name).manifest.dependencies[
      '@wirebridge/core'
    ];
    if (range !== 'workspace:^') throw new Error(`${name} depends on core as ${range}, expected workspace:^`);
  }
  report.push(`core minor → ${core.version}; dependents patched: ${bumpedDependents.join(', ')}`);
  await runCommand('git', ['status', '--porcelain'], { cwd: root }).then((status) => {
    if (status.trim() !== '') throw new Error(`scratch workspace not restored:\n${status}`);
  });
  return report;
}
