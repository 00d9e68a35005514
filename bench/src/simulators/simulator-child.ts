// Entry of the simulator child process: `simulator-child.ts <vendor>`. The simulator runs here so that its CPU
// and heap never count against the client under measurement (issue 13: "a loopback server in a separate process").
import type {
  SimulatorChildMessage,
  SimulatorCommandMessage,
  SimulatorVendor,
} from './simulator-protocol.js';
import { vendorHosts } from './vendor-hosts.js';

const vendor = process.argv[2] as SimulatorVendor;
const start = vendorHosts[vendor];
if (start === undefined || process.send === undefined) {
  console.error(`simulator-child: unknown vendor ${vendor} or no IPC channel`);
  process.exit(2);
}

const send = (message: SimulatorChildMessage) => process.send?.(message);
const host = await start();

process.on('message', async (message: SimulatorCommandMessage) => {
  const command = host.commands[message.command];
  try {
    if (command === undefined) throw new Error(`no command ${message.command}`);
    const result = await (command as (...args: unknown[]) => unknown)(...message.args);
    send({ kind: 'reply', id: message.id, result: result ?? null });
  } catch (error) {
    send({
      kind: 'failure',
      id: message.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
});

// The parent closing the channel (or dying) ends the simulator.
process.on('disconnect', () => {
  void host.close().finally(() => process.exit(0));
});

send({ kind: 'ready', info: host.info });
