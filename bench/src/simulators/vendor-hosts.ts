import { startBillgateSimulator } from '@wirebridge/billgate/testing';
import { startFaultProxy } from '@wirebridge/core/testing';
import { startFaysalSimulator } from '@wirebridge/faysal/testing';
import { startKiccSimulator } from '@wirebridge/kicc/testing';
import { startWesternUnionSimulator } from '@wirebridge/western-union/testing';
import type { SimulatorVendor } from './simulator-protocol.js';

/**
 * One simulator as run inside the child process: the details a client needs (plain JSON, sent over IPC) and
 * the few commands the benchmarks drive remotely (seeding data, holding requests for the heap probe).
 */
export interface VendorHost {
  readonly info: Record<string, unknown>;
  readonly commands: Record<string, (...args: never[]) => unknown>;
  close(): Promise<void>;
}

async function hostKicc(): Promise<VendorHost> {
  const simulator = await startKiccSimulator();
  return {
    info: { clientOptions: simulator.clientOptions(), url: simulator.url },
    commands: {
      seedVirtualAccounts: (count: number) => simulator.seedVirtualAccounts(count),
      // The heap probe holds `times` requests open on the server for `ms`.
      holdRequests: (ms: number, times: number) => {
        simulator.inject({ times, fault: { kind: 'delay', ms } });
      },
    },
    close: () => simulator.close(),
  };
}

async function hostFaysal(): Promise<VendorHost> {
  const simulator = await startFaysalSimulator();
  return {
    info: {
      baseUrl: simulator.baseUrl,
      bankPublicKeyPem: simulator.bankPublicKeyPem,
      partnerKeys: simulator.partnerKeys,
      accounts: simulator.accounts,
    },
    commands: {
      holdRequests: (ms: number, times: number) => {
        simulator.inject({ method: '*', kind: 'delay', ms, times });
      },
    },
    close: () => simulator.close(),
  };
}

async function hostBillgate(): Promise<VendorHost> {
  const simulator = await startBillgateSimulator();
  return {
    info: {
      host: simulator.host,
      backupHost: simulator.backupHost,
      port: simulator.port,
      ports: simulator.ports,
    },
    commands: {
      // The payment window's RETURN_URL form, as bytes the client's `parseReturn` accepts.
      preparePayment: (orderId: string, orderDateIso: string, amount: number) =>
        Buffer.from(
          simulator.preparePayment({ orderId, orderDate: new Date(orderDateIso), amount }).toFormBody(),
        ).toString('base64'),
      holdRequests: (ms: number, times: number) => {
        simulator.inject('delay', { times, value: ms });
      },
    },
    close: () => simulator.close(),
  };
}

async function hostWesternUnion(): Promise<VendorHost> {
  const simulator = await startWesternUnionSimulator({ tls: 'none' });
  const target = new URL(simulator.url);
  // WU's `delay` fault drops the connection instead of answering late, so the heap probe holds replies in a
  // fault proxy in front of the simulator instead (only the probe's clients go through it).
  const proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port) } });
  return {
    info: {
      url: simulator.url,
      endpoints: simulator.endpoints,
      wsdlDir: simulator.wsdlDir,
      proxyUrl: `http://${proxy.host}:${proxy.port}`,
    },
    commands: {
      // Replies arriving in the next `ms` reach the client `ms` late; then the proxy forwards at once again.
      holdRequests: (ms: number) => {
        proxy.setFault({ kind: 'latency', ms, direction: 'to-client' });
        setTimeout(() => proxy.clearFaults(), ms).unref();
      },
      // The envelope the SDK sent, as the server received it: the raw-POST baseline replays it.
      lastRequest: () => simulator.state.requests().at(-1),
    },
    async close() {
      await proxy.close();
      await simulator.close();
    },
  };
}

export const vendorHosts: Record<SimulatorVendor, () => Promise<VendorHost>> = {
  kicc: hostKicc,
  faysal: hostFaysal,
  billgate: hostBillgate,
  'western-union': hostWesternUnion,
};
