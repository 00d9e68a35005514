// A scratch copy of the workspace for the release test: versioning and publishing rewrite package.json files,
// CHANGELOGs and the changeset folder, which must never happen in the real checkout.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runCommand } from './run-command.mjs';

const gitIdentity = ['-c', 'user.name=release-test', '-c', 'user.email=release-test@wirebridge.invalid'];

/**
 * Extracts the committed tree of `source` (HEAD: what CI tests and what would be released, never half-edited
 * working files) into `target`, commits it there, and installs from the lockfile.
 */
export async function createScratchWorkspace({ source, target }) {
  await mkdir(target, { recursive: true });
  await runCommand('sh', ['-c', 'git -C "$0" archive --format=tar HEAD | tar -x -C "$1"', source, target]);
  await runCommand('git', ['init', '-q', '-b', 'main'], { cwd: target });
  await runCommand('git', ['add', '-A'], { cwd: target });
  await runCommand('git', [...gitIdentity, 'commit', '-q', '-m', 'scratch'], { cwd: target });
  await runCommand('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: target });
}

/** Restores the scratch workspace to its commit (after a versioning experiment). */
export async function resetScratchWorkspace(target) {
  await runCommand('git', ['checkout', '-q', '--', '.'], { cwd: target });
  await runCommand('git', ['clean', '-q', '-fd', '--', '.changeset', 'packages'], { cwd: target });
}

/** The published packages of the workspace: `{ name, version, directory, manifest }` for each non-private one. */
export async function publishedPackages(root) {
  const packages = [];
  for (const entry of await readdir(join(root, 'packages'))) {
    const manifestPath = join(root, 'packages', entry, 'package.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8').catch(() => '{"private":true}'));
    if (manifest.private) continue;
    packages.push({
      name: manifest.name,
      version: manifest.version,
      directory: dirname(manifestPath),
      manifest,
    });
  }
  return packages.sort((a, b) => a.name.localeCompare(b.name));
}

/** Points every published package and the workspace's scope line at `registryUrl`, with `token` for publishing. */
export async function pointAtRegistry(root, { url, token }) {
  for (const { directory, manifest } of await publishedPackages(root)) {
    manifest.publishConfig = { ...manifest.publishConfig, registry: url };
    await writeFile(join(directory, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const host = url.replace(/^https?:/, '');
  await writeFile(join(root, '.npmrc'), `@wirebridge:registry=${url}\n${host}:_authToken=${token}\n`);
}

export { gitIdentity };
