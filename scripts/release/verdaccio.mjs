// A throwaway Verdaccio on loopback for the release test (DESIGN §9): storage in a temp dir, no uplinks for the
// @wirebridge scope (it can only hold what we publish), one user created through the registry's own API.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitUntilUp(url, child, deadlineMs) {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited early with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}-/ping`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`verdaccio did not answer at ${url} within ${deadlineMs} ms`);
}

/**
 * Starts Verdaccio from the workspace's devDependency in `directory` and returns its URL, a publish token and
 * `stop()`. The scope is private to this registry: `proxy` is absent, so it never fetches `@wirebridge/*` from
 * npmjs; other packages are not served at all (consumers get them from their default registry).
 */
export async function startVerdaccio({ directory, binary }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = join(directory, 'config.yaml');
  await mkdir(directory, { recursive: true });
  await writeFile(
    config,
    [
      `storage: ${join(directory, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(directory, 'htpasswd')}`,
      '    max_users: 1',
      'uplinks: {}',
      'packages:',
      "  '@wirebridge/*':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [binary, '--config', config, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr.on('data', (chunk) => {
    log += chunk;
  });
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  try {
    await waitUntilUp(url, child, 60_000);
    // A throwaway user, created through the registry's CouchDB-style user endpoint (what `npm adduser` calls).
    const password = `release-test-${process.pid}-${Date.now()}`;
    const response = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'release-test', password }),
    });
    const body = await response.json();
    if (!response.ok || typeof body.token !== 'string') {
      throw new Error(`verdaccio refused the test user: ${response.status} ${JSON.stringify(body)}`);
    }
    return { url, port, token: body.token, stop, log: () => log };
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${log}`);
  }
}
