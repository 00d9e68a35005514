import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SimulatorChildMessage, SimulatorVendor } from './simulator-protocol.js';

/** A vendor simulator running in its own Node process, reached over loopback. */
export interface SimulatorProcess {
  readonly vendor: SimulatorVendor;
  /** Connection details the child reported (vendor-specific, plain JSON). */
  readonly info: Record<string, unknown>;
  readonly pid: number;
  command<T = unknown>(name: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

const childEntry = fileURLToPath(new URL('./simulator-child.ts', import.meta.url));

/** Whether this run resolves @wirebridge packages to their TypeScript sources (`pnpm bench`) or to dist/. */
export const runsOnSources = process.execArgv.some((argument) => argument.includes('@wirebridge/source'));
const startupTimeoutMs = 30_000;

/**
 * Forks `simulator-child.ts` under tsx, with the source condition when the parent has it, so the child runs the
 * same code the parent imports, and waits for its `ready` message.
 */
export async function startSimulatorProcess(vendor: SimulatorVendor): Promise<SimulatorProcess> {
  const child = fork(childEntry, [vendor], {
    execArgv: [
      ...(runsOnSources ? ['--conditions=@wirebridge/source'] : []),
      '--import',
      import.meta.resolve('tsx'),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;

  const info = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${vendor} simulator: no ready message`)),
      startupTimeoutMs,
    );
    child.once('exit', (code) => reject(new Error(`${vendor} simulator exited early (${code})`)));
    child.on('message', (message: SimulatorChildMessage) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        resolve(message.info);
        return;
      }
      const waiter = pending.get(message.id);
      if (waiter === undefined) return;
      pending.delete(message.id);
      if (message.kind === 'reply') waiter.resolve(message.result);
      else waiter.reject(new Error(`${vendor} simulator: ${message.message}`));
    });
  });

  return {
    vendor,
    info,
    pid: child.pid ?? -1,
    command<T>(name: string, ...args: unknown[]) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ id, command: name, args });
      });
    },
    close: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.disconnect();
  });
}
