import { KiccClient, type KiccClientOptions } from '@wirebridge/kicc';
import { type KiccSimulator, startKiccSimulator } from '@wirebridge/kicc/testing';

/**
 * Where the examples run. By default against a local simulator; against KICC's test host (or production) when
 * these are set:
 * - `KICC_MERCHANT_ID`  the mall id (KICC's test mall is `T5102001`)
 * - `KICC_SECRET_KEY`   its secret key (from KICC; never commit it)
 * - `KICC_ENVIRONMENT`  `test` (default) or `production`
 * - `KICC_CLIENT_IP`    optional, sent as `clientIp`
 */
export interface KiccExample {
  client: KiccClient;
  /** Present when running against the simulator. */
  simulator?: KiccSimulator;
  close(): Promise<void>;
}

export async function openKiccExample(
  options: { webhookUrl?: string; client?: Partial<KiccClientOptions> } = {},
): Promise<KiccExample> {
  const merchantId = process.env.KICC_MERCHANT_ID;
  const secretKey = process.env.KICC_SECRET_KEY;
  if (merchantId && secretKey) {
    const environment = process.env.KICC_ENVIRONMENT === 'production' ? 'production' : 'test';
    const client = new KiccClient({
      environment,
      merchantId,
      secretKey,
      ...(process.env.KICC_CLIENT_IP ? { clientIp: process.env.KICC_CLIENT_IP } : {}),
      ...options.client,
    });
    return { client, close: () => client.close() };
  }
  const simulator = await startKiccSimulator(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {});
  const client = new KiccClient({
    ...simulator.clientOptions(),
    resolverDelaysMs: [0, 50, 100],
    ...options.client,
  });
  return {
    client,
    simulator,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** Masks an account number for printing: `5621****2345` (spec §5). */
export function maskAccount(accountNumber: string): string {
  return accountNumber.length <= 8 ? '****' : `${accountNumber.slice(0, 4)}****${accountNumber.slice(-4)}`;
}

/** A KST-unique order number for examples. */
export function exampleOrderNumber(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`.slice(0, 40);
}
