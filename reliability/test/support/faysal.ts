// Copied from packages/faysal/test/support/faysal-bench.ts (imports switched to the public package exports).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@wirebridge/core';
import { loadPkcs12 } from '@wirebridge/core/crypto';
import {
  aes128EcbHexCipher,
  aes256GcmCipher,
  createMemoryStanSource,
  FaysalClient,
  type FaysalClientOptions,
  type FaysalCodec,
  rsaSha256Signer,
} from '@wirebridge/faysal';
import {
  type FaysalSimulator,
  type FaysalSimulatorOptions,
  startFaysalSimulator,
} from '@wirebridge/faysal/testing';

const here = dirname(fileURLToPath(import.meta.url));
/** `shared/fixtures` next to the repository, resolved from this file (never from cwd). */
export const sharedFixtures = resolve(here, '../../../../shared/fixtures');

let bankKeyPem: string | undefined;

/**
 * One bank key per test file: RSA key generation is the slowest step of starting a simulator, so tests use a
 * 1024-bit throwaway key (the scheme is the same; the partner key stays spec §10's RSA-2048 key).
 */
export function sharedBankKeyPem(): string {
  bankKeyPem ??= generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return bankKeyPem;
}

let cachedKey: { privateKeyPem: string; publicKeyPem: string } | undefined;

/** The throwaway RSA-2048 test key of spec §10 (UnionPay's public test PKCS#12, password 000000). */
export function testPartnerKey(): { privateKeyPem: string; publicKeyPem: string } {
  if (cachedKey) return cachedKey;
  const contents = loadPkcs12(readFileSync(resolve(sharedFixtures, 'unionpay/acp_test_sign.pfx')), '000000');
  cachedKey = {
    privateKeyPem: contents.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: contents.certificate.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
  return cachedKey;
}

/** A simulator and a client wired to it. */
export interface FaysalBench {
  simulator: FaysalSimulator;
  client: FaysalClient;
  /** Another client on the same simulator with different options. */
  clientWith(overrides: Partial<FaysalClientOptions>): FaysalClient;
  close(): Promise<void>;
}

/** Starts a simulator and a client with test-friendly resolver delays and generous success deadlines. */
export async function startBench(
  options: {
    simulator?: FaysalSimulatorOptions;
    client?: Partial<FaysalClientOptions>;
    codec?: FaysalCodec;
    logger?: Logger;
  } = {},
): Promise<FaysalBench> {
  const key = testPartnerKey();
  const simulator = await startFaysalSimulator({
    partnerPublicKeyPem: key.publicKeyPem,
    bankPrivateKeyPem: sharedBankKeyPem(),
    ...(options.codec === undefined ? {} : { codec: options.codec }),
    ...options.simulator,
  });
  const clients: FaysalClient[] = [];
  const cipher =
    options.simulator?.encryption === 'aes-256-gcm'
      ? aes256GcmCipher(simulator.encryptionKey!)
      : options.simulator?.encryption === 'aes-128-ecb-hex'
        ? aes128EcbHexCipher({ key: simulator.encryptionKey!.key })
        : undefined;
  const clientWith = (overrides: Partial<FaysalClientOptions>) => {
    const client = new FaysalClient({
      environment: 'sandbox',
      baseUrls: { sandbox: simulator.baseUrl },
      allowInsecureHttp: true,
      partnerId: 'WIREBRIDGE01',
      signer: rsaSha256Signer({
        privateKey: key.privateKeyPem,
        bankPublicKeys: [simulator.bankPublicKeyPem],
      }),
      // Each client of a bench draws from its own STAN range: two clients sharing one partner id and one
      // in-memory sequence would reuse rrns, which the bank answers with 0110 (spec §4.2: use a shared store).
      stanSource: createMemoryStanSource(clients.length * 50_000),
      resolve: { delaysMs: [0, 20, 50], deadlineMs: 10_000 },
      timeouts: { default: 10_000 },
      ...(cipher === undefined ? {} : { cipher }),
      ...(options.codec === undefined ? {} : { codec: options.codec }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
      ...options.client,
      ...overrides,
    });
    clients.push(client);
    return client;
  };
  const client = clientWith({});
  return {
    simulator,
    client,
    clientWith,
    async close() {
      await Promise.all(clients.map((each) => each.close()));
      await simulator.close();
    },
  };
}

/** The active Faysal account of the simulator (BOOK rail). */
export function activeFaysalAccount(simulator: FaysalSimulator) {
  return simulator.accounts.find((account) => account.bankImd === '990001' && account.status === 'ACTIVE')!;
}

/** The active account at OTHERBANK (IBFT only). */
export function ibftAccount(simulator: FaysalSimulator) {
  return simulator.accounts.find((account) => account.bankImd === '990002')!;
}

/** The active account at RAASTBANK (RAAST). */
export function raastAccount(simulator: FaysalSimulator) {
  return simulator.accounts.find((account) => account.bankImd === '990003')!;
}

let referenceSerial = 0;
/** A fresh partner reference. */
export function nextReference(prefix = 'WB'): string {
  referenceSerial += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${referenceSerial}`;
}

/** A valid credit input to `account` for `amountMinor` PKR minor units. */
export function creditInput(
  account: { iban: string; bankImd: string; title: string },
  overrides: Record<string, unknown> = {},
) {
  return {
    partnerReference: nextReference(),
    amount: { amount: 500_000, currency: 'PKR' },
    source: { amount: { amount: 24_500, currency: 'KRW' }, fxRate: '0.20408163' },
    purposeCode: '0251',
    remitter: {
      name: 'KIM MINJI',
      country: 'KR',
      nationality: 'KR',
      idType: 'passport' as const,
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15T00:00:00Z'),
    },
    beneficiary: { account: account.iban, bankImd: account.bankImd, title: account.title },
    ...overrides,
  };
}
