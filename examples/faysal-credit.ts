// Title fetch → home-remittance credit → inquiry.
// Run: pnpm example faysal-credit.ts (simulator), or set FAYSAL_SANDBOX_URL, FAYSAL_PARTNER_ID,
// FAYSAL_PRIVATE_KEY_FILE, FAYSAL_BANK_PUBLIC_KEY_FILE (and FAYSAL_BENEFICIARY_IBAN/IMD/TITLE) for a sandbox.
import { connectFaysal, demoBeneficiary, maskIban } from './src/faysal/faysal-connection.js';

const connection = await connectFaysal();
try {
  const { client } = connection;
  console.log(`Talking to ${connection.target}`);
  const beneficiary = demoBeneficiary(connection);
  const amount = { amount: 500_000, currency: 'PKR' };
  const title = await client.accounts.titleFetch({
    account: beneficiary.account,
    amount,
    purposeCode: '0251',
  });
  console.log(`title fetch ${maskIban(beneficiary.account)}: ${title.accountStatus}, rail ${title.rail}`);
  const partnerReference = `WB-${Date.now()}`;
  const credit = await client.remittances.credit({
    partnerReference,
    titleFetchId: title.titleFetchId,
    amount,
    source: { amount: { amount: 24_500, currency: 'KRW' }, fxRate: '0.20408163' },
    purposeCode: '0251',
    remitter: {
      name: 'KIM MINJI',
      country: 'KR',
      nationality: 'KR',
      idType: 'passport',
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15'),
    },
    beneficiary,
  });
  console.log(`credit ${partnerReference}: ${credit.status}, bank reference ${credit.bankReference}`);
  const state = await client.transactions.inquire({ partnerReference });
  console.log(`inquiry: ${state.status} (${state.vendorCode} ${state.vendorMessage})`);
} finally {
  await connection.close();
}
