/**
 * Where the Coocon examples connect: the simulator by default, or an on-premises Coocon test system when
 *   COOCON_RELAY_HOST, COOCON_RELAY_PORT, COOCON_INSTITUTION_CODE and COOCON_KEY
 * are set (optionally COOCON_BANK_CODE, default 037). Keys come from the environment only, never from code.
 */
import { CooconClient } from '@wirebridge/coocon';
import { type CooconSimulator, startCooconSimulator } from '@wirebridge/coocon/testing';

export interface CooconConnection {
  client: CooconClient;
  /** Present when running against the simulator. */
  simulator: CooconSimulator | undefined;
  target: string;
  close(): Promise<void>;
}

export async function connectCoocon(): Promise<CooconConnection> {
  const { COOCON_RELAY_HOST, COOCON_RELAY_PORT, COOCON_INSTITUTION_CODE, COOCON_KEY, COOCON_BANK_CODE } =
    process.env;
  if (COOCON_RELAY_HOST && COOCON_RELAY_PORT && COOCON_INSTITUTION_CODE && COOCON_KEY) {
    const client = new CooconClient({
      institutionCode: COOCON_INSTITUTION_CODE,
      ...(COOCON_BANK_CODE ? { bankCode: COOCON_BANK_CODE } : {}),
      relay: { host: COOCON_RELAY_HOST, port: Number(COOCON_RELAY_PORT) },
      crypto: { key: COOCON_KEY },
      allowList: (process.env.COOCON_PUSH_ALLOW ?? '').split(',').filter(Boolean),
    });
    return { client, simulator: undefined, target: 'Coocon test system', close: () => client.close() };
  }
  const simulator = await startCooconSimulator();
  const client = new CooconClient({
    institutionCode: 'WB000001',
    relay: simulator.relay,
    crypto: { key: 'COOCONTEST' },
    allowList: ['127.0.0.1', '::1'],
  });
  return {
    client,
    simulator,
    target: 'simulator',
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}
