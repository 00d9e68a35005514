#!/usr/bin/env node
// `npm run quickstart`: the first README command on a fresh machine with only Node >= 20.19 and npm.
// Installs pnpm 10 when missing (Corepack's download fails signature checks on some machines, so npm
// installs it), installs the workspace from the lockfile, then runs the demo against the simulators.
import { execSync } from 'node:child_process';

const pnpmVersion = '10.34.9';
const run = (command) => execSync(command, { stdio: 'inherit' });

function installedPnpmMajor() {
  try {
    return Number(
      execSync('pnpm --version', { stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .split('.')[0],
    );
  } catch {
    return undefined;
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Wirebridge needs Node >= 20.19; this is ${process.versions.node}.`);
  process.exit(1);
}
if (installedPnpmMajor() !== 10) run(`npm install --global pnpm@${pnpmVersion}`);
run('pnpm install --frozen-lockfile');
run('pnpm demo');
