import { pathToFileURL } from 'node:url';
import {
  type CallEvent,
  createHttpTransport,
  createOperationRunner,
  isWirebridgeError,
} from '@wirebridge/core';
import { createTransfer } from './ledger/ledger-operations.js';
import { startLedgerServer } from './ledger/ledger-server.js';
import { vendorTours } from './vendor-tours.js';

/** What the demo observed, returned for its test. */
export interface DemoReport {
  firstTransferId: string;
  validationFields: string[];
  resolvedTransferId: string;
  ledgerSubmissions: number[];
  events: CallEvent[];
}

/**
 * The `pnpm demo` tour. Each vendor package adds its own section against its simulator; until then
 * it drives the call pipeline end to end against a loopback ledger.
 */
export async function runDemo(print: (line: string) => void = console.log): Promise<DemoReport> {
  const ledger = await startLedgerServer();
  const events: CallEvent[] = [];
  const runner = createOperationRunner({
    vendor: 'ledger',
    transport: createHttpTransport({ baseUrl: ledger.url, vendor: 'ledger' }),
    onEvent: (event) => events.push(event),
  });
  try {
    print('Wirebridge demo: the call pipeline against a loopback ledger\n');

    const first = await runner.run(createTransfer, { amount: 150_000, currency: 'KRW' });
    print(`1. transfer created: ${first.transferId}`);

    let validationFields: string[] = [];
    try {
      await runner.run(createTransfer, { amount: -5, currency: 'krw' });
    } catch (error) {
      if (!isWirebridgeError(error) || error.code !== 'VALIDATION') throw error;
      validationFields = (error as unknown as { issues: { path: string }[] }).issues.map(
        (issue) => issue.path,
      );
      print(`2. bad input refused before sending: ${error.message}`);
    }

    ledger.dropNextReply();
    const resolved = await runner.run(createTransfer, { amount: 99_000, currency: 'KRW' });
    print(`3. reply lost after the ledger executed it; resolved by status inquiry: ${resolved.transferId}`);

    const ledgerSubmissions = ledger.transfers().map((transfer) => transfer.submissions);
    print(
      `   ledger holds ${ledgerSubmissions.length} transfers, each submitted ${ledgerSubmissions.join(', ')} time(s)`,
    );
    print('\nAttempt events (one per attempt, DESIGN §2 step 9):');
    for (const event of events) {
      print(
        `   ${event.operation} attempt ${event.attempt}: ${event.outcome}${event.code ? ` (${event.code})` : ''}` +
          (event.resolved ? ' — reply lost, settled by the status inquiry' : ''),
      );
    }
    return {
      firstTransferId: first.transferId,
      validationFields,
      resolvedTransferId: resolved.transferId,
      ledgerSubmissions,
      events,
    };
  } finally {
    await runner.close();
    await ledger.close();
  }
}

/** The whole tour: the pipeline against the loopback ledger, then each vendor against its simulator. */
export async function runTour(print: (line: string) => void = console.log): Promise<void> {
  await runDemo(print);
  for (const tour of vendorTours) {
    print(`\n${'─'.repeat(100)}\n`);
    await tour.run(print);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runTour().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
