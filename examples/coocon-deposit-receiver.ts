// Coocon deposit push receiver: deposits are acked only after the handler stored them.
//   pnpm example coocon-deposit-receiver.ts      simulator pushes three deposits (one duplicated) and closes the day
//   COOCON_RELAY_HOST=… COOCON_RELAY_PORT=… COOCON_INSTITUTION_CODE=… COOCON_KEY=… COOCON_PUSH_ALLOW=<Coocon IPs>
//   COOCON_RECEIVER_PORT=3000 pnpm example coocon-deposit-receiver.ts     listen for a Coocon test system (Ctrl-C to stop)
import type { CooconEvent } from '@wirebridge/coocon';
import { connectCoocon } from './src/coocon/coocon-connection.js';

const { client, simulator, target, close } = await connectCoocon();
const stored = new Map<string, CooconEvent>();
const receiver = client.notifications.createReceiver({
  host: simulator ? '127.0.0.1' : '0.0.0.0',
  port: simulator ? 0 : Number(process.env.COOCON_RECEIVER_PORT ?? 3000),
  allowList: simulator
    ? ['127.0.0.1', '::1']
    : (process.env.COOCON_PUSH_ALLOW ?? '').split(',').filter(Boolean),
  // Store first (a unique constraint on dedupeKey in your database), then the SDK acks.
  onEvent: async (event) => {
    if (event.type === 'deposit' || event.type === 'deposit.cancelled') stored.set(event.dedupeKey, event);
    if (event.type === 'deposit')
      console.log(
        `deposit ${event.dedupeKey}: KRW ${event.amount} to ****${event.virtualAccountNumber.slice(-4)}`,
      );
    else console.log(`${event.type} ${event.dedupeKey}`);
  },
  onDuplicate: (event) => console.log(`duplicate ${event.dedupeKey} acked again, not stored twice`),
  onError: (error) => console.warn(`refused: ${error.message}`),
});
receiver.on('gap', (info) =>
  console.log(`gap on ${info.transactionDate}: serials ${info.serials.join(', ')}`),
);
receiver.on('dayClosed', (info) =>
  console.log(`day ${info.transactionDate} closed; totals match: ${info.matches}`),
);
const address = await receiver.listen();
console.log(`receiver listening on ${address.host}:${address.port} for the ${target}`);

if (simulator) {
  simulator.setPushTarget(address);
  const account = await client.virtualAccounts.issue({
    merchantReference: `VA-${Date.now()}`,
    holderName: '위브릿지',
    accountType: 'fixed',
    amountRule: 'any',
    currency: 'KRW',
  });
  await simulator.openDay();
  await simulator.deposit({
    virtualAccountNumber: account.virtualAccountNumber,
    amount: 50_000,
    depositorName: '홍길동',
  });
  simulator.inject('duplicate');
  await simulator.deposit({
    virtualAccountNumber: account.virtualAccountNumber,
    amount: 70_000,
    depositorName: '김철수',
  });
  await simulator.closeDay();
  await new Promise((resolve) => setTimeout(resolve, 100));
  console.log(`stored ${stored.size} deposits`);
  await receiver.close();
  await close();
} else {
  process.once('SIGINT', () => void receiver.close().then(close));
}
