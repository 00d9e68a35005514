// A credit whose reply is lost after the bank executed it: the SDK resolves it by inquiry (spec §2.1) and never
// sends a second credit. Simulator only (it injects the fault). Run: pnpm example faysal-lost-reply.ts
import { connectFaysal, demoBeneficiary } from './src/faysal/faysal-connection.js';

const connection = await connectFaysal({});
try {
  const { client, simulator } = connection;
  const partnerReference = `WB-${Date.now()}`;
  simulator!.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
  const credit = await client.remittances.credit({
    partnerReference,
    amount: { amount: 250_000, currency: 'PKR' },
    source: { amount: { amount: 12_250, currency: 'KRW' }, fxRate: '0.20408163' },
    purposeCode: '0251',
    remitter: {
      name: 'KIM MINJI',
      country: 'KR',
      nationality: 'KR',
      idType: 'passport',
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15'),
    },
    beneficiary: demoBeneficiary(connection, {}),
  });
  console.log(`credit ${partnerReference}: ${credit.status}, resolved by ${credit.resolvedBy}`);
  console.log(`bank-side debits: ${simulator!.state.debitCount(partnerReference)}`);
} finally {
  await connection.close();
}
