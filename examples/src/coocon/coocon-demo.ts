import { CooconClient, type CooconEvent } from '@wirebridge/coocon';
import { startCooconSimulator } from '@wirebridge/coocon/testing';

/**
 * The Coocon section of `pnpm demo`: issue a virtual account, survive a lost reply without a second account,
 * receive pushed deposits (a duplicate acked twice, stored once), recover a missing serial, close the day.
 * Starts and closes its own simulator.
 */
export async function cooconDemo(print: (line: string) => void): Promise<void> {
  const simulator = await startCooconSimulator({ retry: { attempts: 0 } });
  const client = new CooconClient({
    institutionCode: 'WB000001',
    relay: simulator.relay,
    crypto: { key: 'COOCONTEST' },
    allowList: ['127.0.0.1', '::1'],
    resolutionDelaysMs: [0, 100],
  });
  const stored = new Map<string, CooconEvent>();
  const receiver = client.notifications.createReceiver({
    port: 0,
    allowList: ['127.0.0.1', '::1'],
    gap: { graceMs: 50 },
    onEvent: async (event) => {
      stored.set(event.dedupeKey, event);
    },
  });
  try {
    print('Coocon: virtual accounts over TCP (SEED-ECB, EUC-KR telegrams) and the deposit push receiver');
    const account = await client.virtualAccounts.issue({
      merchantReference: 'DEMO-VA-0001',
      holderName: '위브릿지',
      accountType: 'fixed',
      amountRule: 'any',
      currency: 'KRW',
    });
    print(`1. issued account ****${account.virtualAccountNumber.slice(-4)} for DEMO-VA-0001`);

    simulator.inject('resetAfterRequest');
    const second = await client.virtualAccounts.issue({
      merchantReference: 'DEMO-VA-0002',
      holderName: '홍길동',
      accountType: 'one_time',
      amountRule: 'exact',
      expectedAmount: 150_000,
      currency: 'KRW',
    });
    const allocations = simulator.executions.filter(
      (execution) => execution.merchantReference === 'DEMO-VA-0002',
    );
    print(
      `2. reply lost after the issue: resolved by inquiry (****${second.virtualAccountNumber.slice(-4)}); allocations: ${allocations.length}`,
    );

    const dayClosed = new Promise<boolean>((resolve) =>
      receiver.on('dayClosed', (info) => resolve(info.matches)),
    );
    const gap = new Promise<number[]>((resolve) => receiver.on('gap', (info) => resolve(info.serials)));
    simulator.setPushTarget(await receiver.listen());
    await simulator.openDay();
    simulator.inject('duplicate');
    const first = await simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 50_000,
      depositorName: '김철수',
    });
    const delivery = simulator.deliveries.find((entry) => entry.dedupeKey === first.dedupeKey);
    print(
      `3. deposit pushed twice: acked ${delivery?.ackCount} times, stored ${[...stored.values()].filter((event) => event.dedupeKey === first.dedupeKey).length} time`,
    );

    simulator.inject('skipSerial');
    await simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 20_000,
      depositorName: '이영희',
    });
    await simulator.deposit({
      virtualAccountNumber: account.virtualAccountNumber,
      amount: 30_000,
      depositorName: '박민수',
    });
    const missing = await gap;
    await waitFor(() => [...stored.values()].filter((event) => event.type === 'deposit').length === 3);
    print(`4. serial ${missing.join(', ')} never arrived: 결번요구 sent, re-pushed and stored`);

    await simulator.closeDay();
    print(`5. day closed; Coocon's totals match what we stored: ${await dayClosed}`);
  } finally {
    await receiver.close();
    await client.close();
    await simulator.close();
  }
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 10_000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
