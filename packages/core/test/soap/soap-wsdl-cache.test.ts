import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSoapClientFactory } from '../../src/soap/index.js';
import { type LedgerServer, ledgerWsdlPath, startLedgerServer } from './support/ledger-server.js';

// Counts the reads of every file while keeping the real behaviour: the factory must read a WSDL once.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const { readFile } = await import('node:fs/promises');
const timeoutMs = 5_000;
let ledger: LedgerServer;

beforeAll(async () => {
  ledger = await startLedgerServer();
});

afterAll(async () => {
  await ledger.close();
});

function readsOf(file: string): number {
  return vi.mocked(readFile).mock.calls.filter(([target]) => target === file).length;
}

describe('SOAP client factory: WSDL cache', () => {
  it('reads and parses a WSDL once for many calls, concurrent first calls and several clients included', async () => {
    const factory = createSoapClientFactory();
    try {
      const readsBefore = readsOf(ledgerWsdlPath);
      const first = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url });
      // A second client of the same WSDL, with another (equivalent) endpoint spelling.
      const second = factory.client({ wsdlPath: ledgerWsdlPath, endpoint: `${ledger.url}/` });

      // Concurrent first calls share one load.
      await Promise.all(
        Array.from({ length: 5 }, (_, index) =>
          first.call('GetBalance', { account_id: `A-${index}` }, { timeoutMs }),
        ),
      );
      for (let index = 0; index < 5; index += 1) {
        await second.call('GetBalance', { account_id: `B-${index}` }, { timeoutMs });
      }

      expect(ledger.received.length).toBeGreaterThanOrEqual(10);
      expect(readsOf(ledgerWsdlPath) - readsBefore).toBe(1);
    } finally {
      await factory.close();
    }
  });

  it('reads it again in another factory (the cache belongs to the factory)', async () => {
    const readsBefore = readsOf(ledgerWsdlPath);
    const factory = createSoapClientFactory();
    try {
      await factory.client({ wsdlPath: ledgerWsdlPath, endpoint: ledger.url }).ready();
      expect(readsOf(ledgerWsdlPath) - readsBefore).toBe(1);
    } finally {
      await factory.close();
    }
  });
});
