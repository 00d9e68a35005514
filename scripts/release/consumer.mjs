// A service that installs Wirebridge from the private registry, outside the workspace (issue 12): only the scope
// line in its .npmrc, everything else from its default registry, then CommonJS and ESM scripts that use it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';

/** Names of the packages installed in an `npm ls --all --json` tree. */
function namesInTree(tree, names = new Set()) {
  for (const [name, child] of Object.entries(tree.dependencies ?? {})) {
    // npm lists an optional peer that is not installed as an empty entry: only a version means installed.
    if (typeof child.version === 'string' && !child.missing) names.add(name);
    namesInTree(child, names);
  }
  return names;
}

/**
 * Installs `consumerCase.install` in a fresh project under `directory`, runs each of its scripts with Node and
 * checks the installed tree. Returns report lines; throws on the first failure.
 */
export async function runConsumer(consumerCase, { directory, registryUrl }) {
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, '.npmrc'), `@wirebridge:registry=${registryUrl}\n`);
  await writeFile(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: `consumer-${consumerCase.name}`, private: true, version: '1.0.0' }, null, 2)}\n`,
  );
  await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...consumerCase.install],
    {
      cwd: directory,
    },
  );
  const report = [];
  for (const [file, source] of Object.entries(consumerCase.scripts)) {
    await writeFile(join(directory, file), source);
    const output = await runCommand(process.execPath, [file], { cwd: directory, timeoutMs: 60_000 });
    if (!output.includes('consumer ok'))
      throw new Error(`${consumerCase.name}/${file} did not finish:\n${output}`);
    report.push(`${consumerCase.name}: ${file} → ${output.trim().split('\n').at(-1)}`);
  }
  const tree = JSON.parse(
    await runCommand('npm', ['ls', '--all', '--json'], { cwd: directory }).catch((error) => {
      throw new Error(`npm ls failed for ${consumerCase.name}: ${error.message}`);
    }),
  );
  const installed = namesInTree(tree);
  for (const [name, expected] of Object.entries(consumerCase.expectInTree ?? {})) {
    if (installed.has(name) !== expected) {
      throw new Error(
        `${consumerCase.name}: ${name} ${expected ? 'missing from' : 'present in'} the installed tree`,
      );
    }
  }
  report.push(
    `${consumerCase.name}: tree ${Object.entries(consumerCase.expectInTree ?? {})
      .map(([name, expected]) => `${name} ${expected ? 'present' : 'absent'}`)
      .join(', ')}`,
  );
  return report;
}

/**
 * The dependency-confusion guard (DESIGN §8): every @wirebridge package in the consumer's lockfile came from the
 * private registry, and a name we never published is a 404 from it — the scope is never looked up on npmjs.
 */
export async function checkScopeResolution({ directory, registryUrl }) {
  const lock = JSON.parse(await readFile(join(directory, 'package-lock.json'), 'utf8'));
  const scoped = Object.entries(lock.packages ?? {}).filter(([path]) =>
    path.includes('node_modules/@wirebridge/'),
  );
  if (scoped.length === 0) throw new Error('scope check: no @wirebridge package in the consumer lockfile');
  for (const [path, entry] of scoped) {
    // npm may leave `resolved` out of the lockfile; then ask the scope's registry where the tarball lives.
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const tarball =
      entry.resolved ??
      JSON.parse(
        await runCommand('npm', ['view', `${name}@${entry.version}`, 'dist.tarball', '--json'], {
          cwd: directory,
        }),
      );
    if (!String(tarball).startsWith(registryUrl)) {
      throw new Error(`scope check: ${path} resolves to ${tarball}, not ${registryUrl}`);
    }
  }
  const probe = '@wirebridge/never-published-probe';
  const lookup = await runCommand('npm', ['view', probe, 'version', '--json'], { cwd: directory }).then(
    (output) => ({ found: true, output }),
    (error) => ({ found: false, output: error.message }),
  );
  if (lookup.found || !/E404|404/.test(lookup.output)) {
    throw new Error(`scope check: ${probe} did not 404 from the private registry:\n${lookup.output}`);
  }
  return [
    `scope: ${scoped.length} @wirebridge packages resolved from the private registry; an unpublished name is a 404 there`,
  ];
}
