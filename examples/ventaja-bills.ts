// Bills payment with Ventaja: validate, pay, inquire, receipt, outlet balance.
//   pnpm example ventaja-bills.ts                 against the simulator
//   VENTAJA_OUTLET_ID=… VENTAJA_PASSWORD=… VENTAJA_PRIVATE_KEY_FILE=… pnpm example ventaja-bills.ts   against the sandbox
import { OutcomeUnknownError } from '@wirebridge/core';
import { generateAgentRefNo } from '@wirebridge/ventaja';
import { connectVentaja } from './src/ventaja/ventaja-connection.js';

const { client, target, close } = await connectVentaja();
try {
  console.log(`Ventaja bills against the ${target}`);
  const bill = {
    billerCode: process.env.VENTAJA_BILLER ?? 'C15',
    accountNumber: process.env.VENTAJA_ACCOUNT ?? '816218000',
    identifier: process.env.VENTAJA_IDENTIFIER ?? 'JUAN DELA CRUZ',
    amount: { amount: Number(process.env.VENTAJA_AMOUNT_CENTAVOS ?? 12_050), currency: 'PHP' },
    // Keep the reference: it is how a lost reply is reconciled with Ventaja.
    agentRefNo: generateAgentRefNo(),
  };
  const validation = await client.bills.validate(bill);
  console.log('validated', validation.details);
  try {
    const payment = await client.bills.pay(bill);
    console.log(`paid ${payment.transactionNumber} / ${payment.referenceNumber} (${payment.agentRefNo})`);
    const inquiry = await client.bills.inquire({ agentRefNo: payment.agentRefNo });
    console.log(`inquiry status: ${inquiry.status}`);
    const receipt = await client.bills.receipt({
      agentRefNo: payment.agentRefNo,
      transactionNumber: payment.transactionNumber,
    });
    console.log('receipt', receipt.details);
  } catch (error) {
    if (error instanceof OutcomeUnknownError) {
      console.error(`outcome unknown: reconcile agentRefNo ${error.reference} before paying again`);
    }
    throw error;
  }
  const balance = await client.outlet.balance();
  console.log(`outlet credit: PHP ${(balance.amount / 100).toFixed(2)}`);
} finally {
  await close();
}
