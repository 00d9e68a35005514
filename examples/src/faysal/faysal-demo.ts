import { isWirebridgeError } from '@wirebridge/core';
import { connectFaysal, demoBeneficiary, maskIban } from './faysal-connection.js';

/**
 * A short tour of Faysal's main flows against its simulator (started and closed here): title fetch, credit,
 * a lost reply resolved by inquiry without a second credit, a refused input, and a return of a failed credit.
 */
export async function faysalDemo(print: (line: string) => void): Promise<void> {
  const connection = await connectFaysal({});
  const { client, simulator } = connection;
  try {
    print('Faysal Bank (Modelled JSON-RPC contract) against its simulator');
    const beneficiary = demoBeneficiary(connection, {});
    const amount = { amount: 500_000, currency: 'PKR' };
    const title = await client.accounts.titleFetch({
      account: beneficiary.account,
      amount,
      purposeCode: '0251',
    });
    print(
      `1. title fetch ${maskIban(beneficiary.account)}: ${title.accountStatus}, rail ${title.rail}, id ${title.titleFetchId}`,
    );

    const remitter = {
      name: 'KIM MINJI',
      country: 'KR',
      nationality: 'KR',
      idType: 'passport' as const,
      idNumber: 'M12345678',
      dateOfBirth: new Date('1990-01-15'),
    };
    const base = {
      amount,
      source: { amount: { amount: 24_500, currency: 'KRW' }, fxRate: '0.20408163' },
      purposeCode: '0251',
      remitter,
      beneficiary,
    };
    const credit = await client.remittances.credit({
      ...base,
      partnerReference: 'WB-DEMO-0001',
      titleFetchId: title.titleFetchId,
    });
    print(`2. credit WB-DEMO-0001: ${credit.status} (${credit.bankReference}, rrn ${credit.rrn})`);

    simulator?.inject({ method: 'remittance.credit', kind: 'reset', commit: true });
    const resolved = await client.remittances.credit({ ...base, partnerReference: 'WB-DEMO-0002' });
    print(
      `3. credit WB-DEMO-0002: the bank executed it and the connection was reset; resolved by ${resolved.resolvedBy}: ${resolved.status}`,
    );
    print(`   bank debits for WB-DEMO-0002: ${simulator?.state.debitCount('WB-DEMO-0002')}`);

    try {
      await client.remittances.credit({
        ...base,
        partnerReference: 'WB-DEMO-0003',
        beneficiary: { ...beneficiary, account: 'PK00FAYS0000000000000000' },
      });
    } catch (error) {
      if (!isWirebridgeError(error)) throw error;
      print(`4. bad IBAN refused before sending: ${error.code} ${error.message}`);
    }

    simulator?.state.failCredit('WB-DEMO-0001');
    const returned = await client.remittances.return({
      returnReference: 'WB-DEMO-R001',
      partnerReference: 'WB-DEMO-0001',
      reason: 'credit_failed',
    });
    print(
      `5. the credit failed at the bank; returned to the pool: ${returned.status} (${returned.returnedAmount.amount / 100} PKR)`,
    );
    const balance = await client.pool.balance();
    print(`   pool available: ${balance.available.amount / 100} PKR`);
  } finally {
    await connection.close();
  }
}
