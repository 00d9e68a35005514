// Small process helpers for the release test: every command's output is captured and shown only on failure,
// so the CI log stays readable and a failure carries its cause.
import { spawn } from 'node:child_process';

/**
 * Runs `command args` in `cwd` and resolves with its stdout; rejects with stdout and stderr when it exits non-zero
 * or outlives `timeoutMs`.
 */
export function runCommand(command, args, { cwd, env = process.env, timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(stdout);
        return;
      }
      const how = signal ? `was killed (${signal})` : `exited with ${code}`;
      reject(new Error(`${command} ${args.join(' ')} ${how} in ${cwd}\n${stdout}\n${stderr}`));
    });
  });
}
