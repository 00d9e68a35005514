import { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID, BillgateClient } from '@wirebridge/billgate';
import { type BillgateSimulator, startBillgateSimulator } from '@wirebridge/billgate/testing';

/**
 * Where the Billgate examples run. By default against the simulator; against Billgate's test host when
 * `BILLGATE_SERVICE_ID`, `BILLGATE_KEY` (base64 of 16 bytes) and `BILLGATE_IV` (16 ASCII characters) are set
 * (`BILLGATE_ENVIRONMENT=production` for the production host; the merchant egress IP must be allow-listed).
 */
export interface BillgateSetup {
  client: BillgateClient;
  /** Present when running against the simulator. */
  simulator: BillgateSimulator | undefined;
  close(): Promise<void>;
}

export async function connectBillgate(environment: NodeJS.ProcessEnv = process.env): Promise<BillgateSetup> {
  const { BILLGATE_SERVICE_ID, BILLGATE_KEY, BILLGATE_IV, BILLGATE_ENVIRONMENT } = environment;
  if (BILLGATE_SERVICE_ID && BILLGATE_KEY && BILLGATE_IV) {
    const client = new BillgateClient({
      environment: BILLGATE_ENVIRONMENT === 'production' ? 'production' : 'test',
      serviceId: BILLGATE_SERVICE_ID,
      credentials: { current: { key: BILLGATE_KEY, iv: BILLGATE_IV } },
    });
    return { client, simulator: undefined, close: () => client.close() };
  }
  const simulator = await startBillgateSimulator();
  const client = new BillgateClient({
    environment: { host: simulator.host, backupHost: simulator.backupHost },
    ports: simulator.ports,
    serviceId: BILLGATE_TEST_SERVICE_ID,
    credentials: { current: BILLGATE_TEST_KEY },
    // Short backoff between compensating network cancels: the simulator answers at once.
    unknownOutcome: { backoffMs: [50, 100] },
  });
  return {
    client,
    simulator,
    close: async () => {
      await client.close();
      await simulator.close();
    },
  };
}
