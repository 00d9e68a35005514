#!/usr/bin/env node
// `npm run quickstart`: the first README command on a fresh machine with only Node >= 20.19 and npm.
// Installs pnpm 10 when missing (Corepack's download fails signature checks on some machines, so npm
// installs it), installs redis-server from Debian's packages when missing (the @wirebridge/store-redis tests
// start their own on a free loopback port), installs the workspace from the lockfile, then runs the demo.
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
function hasCommand(command) {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore', shell: '/bin/sh' });
    return true;
  } catch {
    return false;
  }
}

function ensureRedisServer() {
  if (hasCommand('redis-server')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server');
    return;
  }
  console.warn(
    'redis-server is not installed: the @wirebridge/store-redis tests need it on the PATH ' +
      '(Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis).',
  );
}

if (installedPnpmMajor() !== 10) run(`npm install --global pnpm@${pnpmVersion}`);
ensureRedisServer();
run('pnpm install --frozen-lockfile');
run('pnpm demo');
