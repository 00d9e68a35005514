/** Messages between the benchmark process and a simulator child process (over the fork IPC channel). */

/** Vendors whose simulator can run in a child process. */
export type SimulatorVendor = 'kicc' | 'faysal' | 'billgate' | 'western-union';

/** Parent → child: run one named command of the vendor host. */
export interface SimulatorCommandMessage {
  readonly id: number;
  readonly command: string;
  readonly args: readonly unknown[];
}

/** Child → parent. `ready` carries the JSON-safe connection details the parent builds its clients from. */
export type SimulatorChildMessage =
  | { readonly kind: 'ready'; readonly info: Record<string, unknown> }
  | { readonly kind: 'reply'; readonly id: number; readonly result: unknown }
  | { readonly kind: 'failure'; readonly id: number; readonly message: string };
