// What a published tarball may hold (issue 12): dist, src, README, CHANGELOG and package.json; no tests, fixtures,
// keys or certificates; source maps whose sources stay inside the package; and a packed size within its budget.
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { runCommand } from './run-command.mjs';

const allowedTopLevel = new Set(['dist', 'src', 'README.md', 'CHANGELOG.md', 'package.json', 'LICENSE']);
const forbiddenSegment = /(^|\/)(test|tests|__tests__|fixtures|__fixtures__|node_modules)(\/|$)/;
const forbiddenFile = /\.(pem|key|pfx|p12|cer|crt|der|jks|env)$|(^|\/)\.npmrc$|\.test\.[cm]?[jt]s$/i;

async function listFiles(root, directory = root) {
  const files = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else files.push(relative(root, path).split(sep).join('/'));
  }
  return files;
}

/** Packs one package with pnpm (workspace ranges rewritten as they are published) and checks the tarball. */
export async function checkTarball(pkg, { destination, budgetBytes }) {
  const output = await runCommand('pnpm', ['pack', '--pack-destination', destination, '--json'], {
    cwd: pkg.directory,
  });
  const tarball = JSON.parse(output).filename;
  const bytes = (await stat(tarball)).size;
  const unpacked = join(destination, `${pkg.name.replace('/', '__')}-unpacked`);
  await mkdir(unpacked, { recursive: true });
  await runCommand('tar', ['-xzf', tarball, '-C', unpacked]);
  const root = join(unpacked, 'package');
  const files = await listFiles(root);
  const problems = [];
  for (const file of files) {
    if (!allowedTopLevel.has(file.split('/')[0])) problems.push(`unexpected file ${file}`);
    if (forbiddenSegment.test(file) || forbiddenFile.test(file)) problems.push(`forbidden file ${file}`);
    if (file.endsWith('.map')) {
      const map = JSON.parse(await readFile(join(root, file), 'utf8'));
      for (const source of map.sources ?? []) {
        const target = resolve(dirname(join(root, file)), map.sourceRoot ?? '', source);
        if (!target.startsWith(`${root}${sep}`))
          problems.push(`${file} points outside the package: ${source}`);
      }
    }
  }
  if (!files.includes('README.md')) problems.push('no README.md');
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
    if (String(range).startsWith('workspace:')) problems.push(`dependency ${name} left as ${range}`);
  }
  if (budgetBytes === undefined) problems.push('no size budget in scripts/release/size-budgets.json');
  else if (bytes > budgetBytes) problems.push(`packed size ${bytes} B over its budget of ${budgetBytes} B`);
  return { name: pkg.name, version: manifest.version, bytes, budgetBytes, files: files.length, problems };
}
