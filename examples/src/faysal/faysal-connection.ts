import { readFileSync } from 'node:fs';
import { FaysalClient, rsaSha256Signer } from '@wirebridge/faysal';
import { type FaysalSimulator, startFaysalSimulator } from '@wirebridge/faysal/testing';

/**
 * Environment variables that point the examples at a Faysal sandbox instead of the simulator. All four are
 * required together; without them the examples start `startFaysalSimulator()` on loopback.
 * - `FAYSAL_SANDBOX_URL`: the sandbox base URL Faysal gives at onboarding (https).
 * - `FAYSAL_PARTNER_ID`: our partner id (`X-Partner-Id`).
 * - `FAYSAL_PRIVATE_KEY_FILE`: our RSA private key (PEM file).
 * - `FAYSAL_BANK_PUBLIC_KEY_FILE`: the bank's public key or certificate (PEM file).
 */
export const FAYSAL_SANDBOX_VARIABLES = [
  'FAYSAL_SANDBOX_URL',
  'FAYSAL_PARTNER_ID',
  'FAYSAL_PRIVATE_KEY_FILE',
  'FAYSAL_BANK_PUBLIC_KEY_FILE',
] as const;

/** A client, and the simulator behind it when no sandbox is configured. */
export interface FaysalConnection {
  client: FaysalClient;
  simulator?: FaysalSimulator;
  /** Where the client talks to, for printing. */
  target: string;
  close(): Promise<void>;
}

/** Connects to the sandbox named by the environment, or to a fresh simulator. */
export async function connectFaysal(
  env: Readonly<Record<string, string | undefined>> = process.env,
  simulatorOptions: Parameters<typeof startFaysalSimulator>[0] = {},
): Promise<FaysalConnection> {
  if (FAYSAL_SANDBOX_VARIABLES.every((name) => env[name])) {
    const client = new FaysalClient({
      environment: 'sandbox',
      baseUrls: { sandbox: env.FAYSAL_SANDBOX_URL! },
      partnerId: env.FAYSAL_PARTNER_ID!,
      signer: rsaSha256Signer({
        privateKey: readFileSync(env.FAYSAL_PRIVATE_KEY_FILE!, 'utf8'),
        bankPublicKeys: [readFileSync(env.FAYSAL_BANK_PUBLIC_KEY_FILE!, 'utf8')],
      }),
    });
    return { client, target: 'the Faysal sandbox', close: () => client.close() };
  }
  const simulator = await startFaysalSimulator(simulatorOptions);
  const client = new FaysalClient({
    environment: 'sandbox',
    baseUrls: { sandbox: simulator.baseUrl },
    allowInsecureHttp: true,
    partnerId: 'WIREBRIDGE01',
    signer: rsaSha256Signer({
      privateKey: simulator.partnerKeys!.privateKeyPem,
      bankPublicKeys: [simulator.bankPublicKeyPem],
    }),
    // Short resolver delays: the simulator answers at once (the production default starts at 2 s, spec §2.1).
    resolve: { delaysMs: [0, 200, 500, 1_000] },
  });
  return {
    client,
    simulator,
    target: `the Faysal simulator at ${simulator.baseUrl}`,
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}

/** A beneficiary to credit: the simulator's active Faysal account, or the one named by `FAYSAL_BENEFICIARY_*`. */
export function demoBeneficiary(
  connection: FaysalConnection,
  env: Readonly<Record<string, string | undefined>> = process.env,
) {
  const account = connection.simulator?.accounts.find((candidate) => candidate.status === 'ACTIVE');
  return {
    account: env.FAYSAL_BENEFICIARY_IBAN ?? account?.iban ?? '',
    bankImd: env.FAYSAL_BENEFICIARY_IMD ?? account?.bankImd ?? '',
    title: env.FAYSAL_BENEFICIARY_TITLE ?? account?.title ?? '',
  };
}

/** Masks an IBAN for printing: the first 4 and last 4 characters stay visible (DESIGN §7). */
export function maskIban(iban: string): string {
  return iban.length <= 8 ? '****' : `${iban.slice(0, 4)}${'*'.repeat(iban.length - 8)}${iban.slice(-4)}`;
}
