// Copied from packages/coocon/test/support.ts: the deposit notice of spec §4.6.
import type { CooconTelegram } from '@wirebridge/coocon';

/** The deposit notice of spec §4.6. */
export const COOCON_EXAMPLE_DEPOSIT: CooconTelegram = {
  kind: 'deposit',
  header: {
    institutionCode: 'WB000001',
    bankCode: '037',
    originatorCode: 'COOCON',
    messageType: '0200',
    businessCode: '1100',
    responseCode: '0000',
    transactionDate: '20240315',
    transactionTime: '142501',
    transactionSerial: 123,
    sendCount: 1,
    originalTransactionDate: '00000000',
    originalTransactionSerial: 0,
    afterCutoff: '0',
    origin: '2',
    channel: '4',
    networkReference: '2024031500123',
  },
  body: {
    virtualAccountNumber: '90312345678901',
    amount: 150_000,
    depositorName: '홍길동',
    remitterBankCode: '088',
    bankTransactionId: '240315000123',
    depositMethod: '2',
    merchantReference: 'VA-20240315-0001',
  },
};
