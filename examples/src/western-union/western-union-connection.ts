import { readFileSync } from 'node:fs';
import {
  WesternUnionClient,
  type WesternUnionClientOptions,
  type WuQuoteInput,
} from '@wirebridge/western-union';
import { startWesternUnionSimulator, type WesternUnionSimulator } from '@wirebridge/western-union/testing';

/**
 * Environment variables that point the examples at WU's UAT gateway instead of the simulator. All are required
 * together; without them the examples start `startWesternUnionSimulator({ tls: 'mtls' })` on loopback.
 * - `WU_WSDL_DIR`: the directory of the WSDL/XSD set WU supplied at onboarding.
 * - `WU_PFX_FILE`, `WU_PFX_PASSPHRASE`: the client certificate WU registered (PKCS#12).
 * - `WU_PARTNER_ID`, `WU_COUNTER_ID`, `WU_CHANNEL_NAME`: `foreign_remote_system` and `channel` values from WU.
 * Optional: `WU_CA_FILE` (PEM) when WU's UAT server certificate chains to a private CA.
 */
export const WESTERN_UNION_SANDBOX_VARIABLES = [
  'WU_WSDL_DIR',
  'WU_PFX_FILE',
  'WU_PFX_PASSPHRASE',
  'WU_PARTNER_ID',
  'WU_COUNTER_ID',
  'WU_CHANNEL_NAME',
] as const;

/** A client, and the simulator behind it when no sandbox is configured. */
export interface WesternUnionConnection {
  client: WesternUnionClient;
  simulator?: WesternUnionSimulator;
  /** Where the client talks to, for printing. */
  target: string;
  close(): Promise<void>;
}

/** Connects to WU UAT when the environment names it, or to a fresh mTLS simulator. */
export async function connectWesternUnion(
  env: Readonly<Record<string, string | undefined>> = process.env,
  overrides: Partial<WesternUnionClientOptions> = {},
): Promise<WesternUnionConnection> {
  const partner = {
    identifier: env.WU_PARTNER_ID ?? 'WGQTEST0001',
    counterId: env.WU_COUNTER_ID ?? 'US125TEST1T',
    channelName: env.WU_CHANNEL_NAME ?? 'WIREBRIDGE',
  };
  if (WESTERN_UNION_SANDBOX_VARIABLES.every((name) => env[name])) {
    const client = new WesternUnionClient({
      environment: 'uat',
      wsdlDir: env.WU_WSDL_DIR as string,
      tls: {
        pfx: readFileSync(env.WU_PFX_FILE as string),
        passphrase: env.WU_PFX_PASSPHRASE as string,
        ...(env.WU_CA_FILE ? { ca: readFileSync(env.WU_CA_FILE, 'utf8') } : {}),
      },
      partner,
      origin: { country: 'US', currency: 'USD' },
      ...overrides,
    });
    return { client, target: "Western Union's UAT gateway", close: () => client.close() };
  }
  const simulator = await startWesternUnionSimulator({ tls: 'mtls' });
  const tls = simulator.tls as NonNullable<WesternUnionSimulator['tls']>;
  const client = new WesternUnionClient({
    environment: 'uat',
    wsdlDir: simulator.wsdlDir,
    endpoints: simulator.endpoints,
    tls: { pfx: tls.clientPfx, passphrase: tls.passphrase, ca: tls.caPem },
    partner: {
      ...partner,
      heartbeat: {
        partnerId: partner.identifier,
        systemName: 'WIREBRIDGE',
        systemVersion: '1.0',
        ipAddress: '127.0.0.1',
        connectorId: 'EXAMPLES',
      },
    },
    origin: { country: 'US', currency: 'USD' },
    notifications: {
      allowedIps: ['127.0.0.1'],
      basicAuth: [{ username: 'wu-nis', password: 'example-only-password' }],
    },
    // Short resolver delays: the simulator answers at once (the production default starts at 2 s, spec §2.1).
    resolve: { delaysMs: [0, 200, 500] },
    ...overrides,
  });
  return {
    client,
    simulator,
    target: `the Western Union simulator at ${simulator.url} (mTLS)`,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** A fresh reference: 1–20 letters or digits (spec §4.1). */
export function exampleReference(prefix = 'WB'): string {
  return `${prefix}${Date.now().toString(36).toUpperCase()}`.slice(0, 20);
}

/** A cash transfer US/USD → PH/PHP of USD 200.00 between fictitious people. */
export function exampleQuoteInput(reference: string): WuQuoteInput {
  return {
    reference,
    destination: { country: 'PH', currency: 'PHP' },
    amount: { send: 20_000 },
    deliveryService: '000',
    sender: {
      name: { first: 'MINJI', last: 'KIM' },
      address: { line1: '1 TEST ST', city: 'LOS ANGELES', country: 'US' },
      mobilePhone: { countryCode: '1', nationalNumber: '2135550100' },
    },
    receiver: {
      name: { first: 'JUAN', last: 'CRUZ' },
      mobilePhone: { countryCode: '63', nationalNumber: '9171234567' },
    },
  };
}

/** Minor units → "200.00 USD". */
export function formatMoney(money: { amount: number; currency: string }): string {
  const decimals = money.currency === 'KRW' || money.currency === 'JPY' ? 0 : 2;
  return `${(money.amount / 10 ** decimals).toFixed(decimals)} ${money.currency}`;
}
