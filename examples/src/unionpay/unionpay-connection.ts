import { UnionPayClient, type UnionPayClientOptions } from '@wirebridge/unionpay';
import {
  startUnionPaySimulator,
  type UnionPaySimulator,
  type UnionPaySimulatorOptions,
} from '@wirebridge/unionpay/testing';

/**
 * Environment variables that point the examples at UnionPay's test gateway (gateway.test.95516.com) instead of
 * the simulator. All are required together; without them the examples start `startUnionPaySimulator()`.
 * - `UNIONPAY_MERCHANT_ID`: the 15-character merId.
 * - `UNIONPAY_SIGN_PFX`: path of the signing PKCS#12 (e.g. the public `acp_test_sign.pfx`).
 * - `UNIONPAY_SIGN_PFX_PASSWORD`: its password.
 * - `UNIONPAY_MIDDLE_CERT`, `UNIONPAY_ROOT_CERT`: paths of UnionPay's trust anchors.
 * - `UNIONPAY_ENCRYPT_CERT`: path of UnionPay's encryption certificate (payouts, card calls).
 * - `UNIONPAY_BACK_URL`: our public notification URL.
 */
export const UNIONPAY_SANDBOX_VARIABLES = [
  'UNIONPAY_MERCHANT_ID',
  'UNIONPAY_SIGN_PFX',
  'UNIONPAY_SIGN_PFX_PASSWORD',
  'UNIONPAY_MIDDLE_CERT',
  'UNIONPAY_ROOT_CERT',
  'UNIONPAY_ENCRYPT_CERT',
  'UNIONPAY_BACK_URL',
] as const;

/** The merchant id the simulator examples use. */
export const EXAMPLE_MERCHANT_ID = '777290058110048';

/** A client, and the simulator behind it when no sandbox is configured. */
export interface UnionPayConnection {
  client: UnionPayClient;
  simulator?: UnionPaySimulator;
  target: string;
  close(): Promise<void>;
}

/** Connects to the test gateway named by the environment, or to a fresh simulator. */
export async function connectUnionPay(
  env: Readonly<Record<string, string | undefined>> = process.env,
  simulatorOptions: UnionPaySimulatorOptions = {},
  clientOptions: Partial<UnionPayClientOptions> = {},
): Promise<UnionPayConnection> {
  if (UNIONPAY_SANDBOX_VARIABLES.every((name) => env[name])) {
    // File paths are accepted for every certificate option and read once at construction.
    const client = new UnionPayClient({
      environment: 'test',
      merchantId: env.UNIONPAY_MERCHANT_ID!,
      signing: { pfx: env.UNIONPAY_SIGN_PFX!, password: env.UNIONPAY_SIGN_PFX_PASSWORD! },
      trust: { middleCertificate: env.UNIONPAY_MIDDLE_CERT!, rootCertificate: env.UNIONPAY_ROOT_CERT! },
      encryptionCertificate: env.UNIONPAY_ENCRYPT_CERT!,
      backUrl: env.UNIONPAY_BACK_URL!,
      ...clientOptions,
    });
    return { client, target: 'the UnionPay test gateway', close: () => client.close() };
  }
  const simulator = await startUnionPaySimulator(simulatorOptions);
  const client = new UnionPayClient({
    ...(simulator.clientOptions(EXAMPLE_MERCHANT_ID) as UnionPayClientOptions),
    backUrl: 'http://127.0.0.1:9/unionpay/back',
    frontUrl: 'https://shop.example/return',
    resolverDelaysMs: [50, 100, 200, 400],
    ...clientOptions,
  });
  return {
    client,
    simulator,
    target: 'the UnionPay simulator',
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** An order id unique enough for an example run: `<prefix><epoch ms>`. */
export function exampleOrderId(prefix: string): string {
  return `${prefix}${Date.now()}${Math.floor(Math.random() * 1_000)}`;
}

/** Pays an order on the simulator as a shopper would (front form POST), and returns its queryId. */
export async function simulatePaidOrder(
  connection: UnionPayConnection,
  amount: number,
): Promise<{ orderId: string; queryId: string }> {
  const simulator = connection.simulator;
  if (!simulator) throw new Error('simulatePaidOrder needs the simulator');
  const form = connection.client.payments.createFrontForm({
    orderId: exampleOrderId('PAY'),
    amount,
    currency: 'CNY',
  });
  const response = await fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams({ ...form.fields }),
  });
  await response.arrayBuffer();
  await simulator.completeFrontPayment(form.orderId, 'success');
  const transaction = simulator.transactions().find((entry) => entry.orderId === form.orderId);
  if (!transaction) throw new Error('the simulator did not record the payment');
  return { orderId: form.orderId, queryId: transaction.queryId };
}
