import { decodeLayout, defineLayout, encodeLayout } from '@wirebridge/core/codec';

/**
 * A 400-byte telegram shaped like Coocon's firm-banking messages (header, account fields, Hangul names and
 * memo, amounts), defined here rather than taken from a vendor package so the codec is measured alone. The AN
 * fields carry Hangul, 2 bytes per syllable in EUC-KR, so the charset path is exercised, not just ASCII.
 */
export const benchTelegramLayout = defineLayout(
  'bench.telegram400',
  [
    { name: 'length', length: 4, type: 'N', as: 'number' },
    { name: 'institution', length: 8, type: 'AN' },
    { name: 'messageType', length: 4, type: 'N', as: 'string' },
    { name: 'businessType', length: 3, type: 'N', as: 'string' },
    { name: 'sendFlag', length: 1, type: 'AN' },
    { name: 'status', length: 3, type: 'AN' },
    { name: 'responseCode', length: 4, type: 'AN' },
    { name: 'sentDate', length: 8, type: 'N', as: 'string' },
    { name: 'sentTime', length: 6, type: 'N', as: 'string' },
    { name: 'serial', length: 12, type: 'N', as: 'string' },
    { name: 'bankCode', length: 3, type: 'N', as: 'string' },
    { name: 'withdrawAccount', length: 16, type: 'AN' },
    { name: 'withdrawPassword', length: 8, type: 'AN' },
    { name: 'depositBankCode', length: 3, type: 'N', as: 'string' },
    { name: 'depositAccount', length: 16, type: 'AN' },
    { name: 'amount', length: 13, type: 'N', as: 'number' },
    { name: 'fee', length: 9, type: 'N', as: 'number' },
    { name: 'balance', length: 13, type: 'N', as: 'number' },
    { name: 'depositorName', length: 20, type: 'AN' },
    { name: 'receiverName', length: 20, type: 'AN' },
    { name: 'senderMemo', length: 40, type: 'AN' },
    { name: 'receiverMemo', length: 40, type: 'AN' },
    { name: 'cmsCode', length: 16, type: 'AN' },
    { name: 'terminalId', length: 10, type: 'AN' },
    { name: 'reserved', length: 120, type: 'AN', optional: true },
  ],
  { length: 400 },
);

export const benchTelegramValues = {
  length: 396,
  institution: 'WIREBRDG',
  messageType: '0200',
  businessType: '400',
  sendFlag: 'C',
  status: '000',
  responseCode: '0000',
  sentDate: '20261125',
  sentTime: '101500',
  serial: '000000012345',
  bankCode: '088',
  withdrawAccount: '110123456789',
  withdrawPassword: '',
  depositBankCode: '004',
  depositAccount: '56210104123456',
  amount: 1_500_000,
  fee: 500,
  balance: 98_500_000,
  depositorName: '와이어브릿지',
  receiverName: '김민지',
  senderMemo: '해외송금 입금 정산',
  receiverMemo: '11월 급여',
  cmsCode: 'CMS0001',
  terminalId: 'T001',
};

export const encodeBenchTelegram = () => encodeLayout(benchTelegramLayout, benchTelegramValues, 'euc-kr');
export const decodeBenchTelegram = (bytes: Uint8Array) => decodeLayout(benchTelegramLayout, bytes, 'euc-kr');

/** The same telegram with every text field in ASCII (romanized names and memos). */
export const encodeAsciiBenchTelegram = () =>
  encodeLayout(
    benchTelegramLayout,
    {
      ...benchTelegramValues,
      depositorName: 'WIREBRIDGE',
      receiverName: 'KIM MINJI',
      senderMemo: 'OVERSEAS REMITTANCE SETTLEMENT',
      receiverMemo: 'NOVEMBER PAYROLL',
    },
    'euc-kr',
  );
