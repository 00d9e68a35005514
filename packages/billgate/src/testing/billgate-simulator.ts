import type { SimulatorFault } from '@wirebridge/core/testing';
import { startTcpSimulatorServer, type TcpSimulatorServer } from '@wirebridge/core/testing';
import { billgateFramer } from '../billgate-transport.js';
import { computeBillgateHashData, createBillgateChecksum } from '../wire/billgate-checksum.js';
import {
  BILLGATE_TAGS,
  BILLGATE_VERSION,
  carrierWireCode,
  MOBILE_SERVICE_CODE,
  responseCommandOf,
} from '../wire/billgate-constants.js';
import { formatKst } from '../wire/billgate-dates.js';
import {
  type BillgateCipherSet,
  encodeOpaque,
  openFrame,
  resolveText,
  sealFrame,
  tagValue,
} from '../wire/billgate-frame.js';
import { BILLGATE_TEST_KEY, BILLGATE_TEST_SERVICE_ID, createBillgateCipher } from '../wire/billgate-key.js';
import { authQueryStatusCode } from '../wire/billgate-modelled.js';
import { encodeFormBody } from '../wire/billgate-return.js';
import { encodeWireText } from '../wire/billgate-text.js';
import type { BillgateCarrierCode, BillgateKey, BillgateMessage } from '../wire/billgate-types.js';
import type { SimulatedTransaction, SimulatorLedgerEntry } from './simulator-ledger.js';

/**
 * Faults of spec §9, plus `authAmount` (approve, but report another 1007: exercises the AMOUNT_MISMATCH reversal).
 * - `delay` (value: ms, default 30 000): execute, then answer late;
 * - `resetAfterRequest`: execute, then reset without a byte of reply (the canonical unknown outcome);
 * - `resetMidResponse`: execute, write half the reply frame, reset;
 * - `badLength` / `wrongLength`: execute, answer with a non-digit / wrong `LLLL`;
 * - `badBase64` / `badPadding` / `wrongKey`: execute, answer with a broken payload;
 * - `mismatchedHeader`: execute, answer for another orderId;
 * - `code` (value: `{ code, detailCode?, message? }`): do not execute, answer that result code;
 * - `refuseConnect`: the primary address refuses connections until the backup address served `times` requests;
 * - `slowAccept` (value: ms, default 30 000): hold the connection without executing, then reset;
 * - `partialWrite` (value: bytes per piece, default 1): answer normally, in small pieces (TCP chunking).
 */
export type BillgateSimulatorFault =
  | 'delay'
  | 'resetAfterRequest'
  | 'resetMidResponse'
  | 'badLength'
  | 'wrongLength'
  | 'badBase64'
  | 'badPadding'
  | 'wrongKey'
  | 'mismatchedHeader'
  | 'code'
  | 'refuseConnect'
  | 'slowAccept'
  | 'authAmount'
  | 'partialWrite';

/** Options of {@link startBillgateSimulator}. */
export interface BillgateSimulatorOptions {
  /** SERVICE_ID the simulator accepts. @default 'M2103135' (public test value) */
  serviceId?: string;
  /** SEED key and IV. @default the public test key/IV */
  key?: BillgateKey;
  /** Address to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one (read `simulator.port`). @default 0 */
  port?: number;
  /** A second loopback address on the same port, serving as the client's `backupHost` (`refuseConnect`). @default '127.0.0.2' */
  backupHost?: string;
  /** Clock for approval/cancel dates and transaction ids. @default () => new Date() */
  clock?: () => Date;
}

/** A running simulated Billgate. */
export interface BillgateSimulator {
  readonly host: string;
  readonly port: number;
  readonly backupHost: string;
  /** `{ '1100': port }`, ready for the client's `ports` option. */
  readonly ports: Record<string, number>;
  /** Stops both listeners and pending delayed replies. */
  close(): Promise<void>;
  /** Plays the payment window: stores a pending authorisation and returns the RETURN_URL fields (spec §9). */
  preparePayment(input: {
    orderId: string;
    orderDate: Date;
    amount: number;
    mobileNumber?: string;
    carrier?: BillgateCarrierCode;
  }): {
    fields: Record<string, string>;
    /** The fields as an EUC-KR `application/x-www-form-urlencoded` body, as the window posts it. */
    toFormBody(): Uint8Array;
  };
  /** Arms a fault for the next `times` (default 1) requests of `command` (default any). */
  inject(
    fault: BillgateSimulatorFault,
    options?: { times?: number; command?: string; value?: unknown },
  ): void;
  /** Clears faults, transactions, the ledger and `received`. */
  reset(): void;
  /** Every request decoded, oldest first. */
  readonly received: BillgateMessage[];
  /** Money movements executed, oldest first: the test's source of truth for "exactly one execution". */
  readonly ledger: SimulatorLedgerEntry[];
  readonly state: { transactions: ReadonlyMap<string, SimulatedTransaction> };
}

interface ArmedFault {
  fault: BillgateSimulatorFault;
  command: string | undefined;
  remaining: number;
  value: unknown;
}

const OTHER_KEY: BillgateKey = { key: Buffer.alloc(16, 7), iv: Buffer.alloc(16, 9) };

/** Starts a simulated Billgate speaking spec §4 on loopback (DESIGN §9). */
export async function startBillgateSimulator(
  options: BillgateSimulatorOptions = {},
): Promise<BillgateSimulator> {
  const serviceId = options.serviceId ?? BILLGATE_TEST_SERVICE_ID;
  const ciphers: BillgateCipherSet = {
    current: createBillgateCipher(options.key ?? BILLGATE_TEST_KEY, 'key'),
  };
  const wrongCipher = createBillgateCipher(OTHER_KEY, 'key');
  const text = resolveText();
  const clock = options.clock ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  const backupHost = options.backupHost ?? '127.0.0.2';
  const transactions = new Map<string, SimulatedTransaction>();
  const aliases = new Map<string, SimulatedTransaction>();
  const received: BillgateMessage[] = [];
  const ledger: SimulatorLedgerEntry[] = [];
  let faults: ArmedFault[] = [];
  let serial = 0;
  let closed = false;
  const holdTimers = new Set<NodeJS.Timeout>();

  const nextTransactionId = () => {
    serial += 1;
    return `TX${formatKst(clock()).slice(0, 8)}${String(serial).padStart(6, '0')}`;
  };

  const takeFault = (command: string, kinds?: readonly BillgateSimulatorFault[]): ArmedFault | undefined => {
    const armed = faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.command === undefined || candidate.command === command) &&
        (kinds === undefined || kinds.includes(candidate.fault)),
    );
    if (armed) armed.remaining -= 1;
    faults = faults.filter((candidate) => candidate.remaining > 0);
    return armed;
  };

  const respond = (
    request: BillgateMessage,
    tags: Array<[string, string[]]>,
    overrides?: Partial<BillgateMessage>,
  ) => {
    const response: BillgateMessage = {
      version: BILLGATE_VERSION,
      merchantId: request.merchantId,
      serviceCode: request.serviceCode,
      command: responseCommandOf(request.command),
      orderId: request.orderId,
      orderDate: request.orderDate,
      tags,
      ...overrides,
    };
    return { response, opaque: encodeOpaque(response, text) };
  };

  const resultTags = (
    code: string,
    message: string,
    detailCode = '00',
    detailMessage = '',
  ): Array<[string, string[]]> => [
    [BILLGATE_TAGS.RESPONSE_CODE as string, [code]],
    [BILLGATE_TAGS.RESPONSE_MESSAGE as string, [message]],
    [BILLGATE_TAGS.DETAIL_RESPONSE_CODE as string, [detailCode]],
    [BILLGATE_TAGS.DETAIL_RESPONSE_MESSAGE as string, [detailMessage]],
  ];

  const find = (transactionId: string | undefined) =>
    transactionId === undefined ? undefined : aliases.get(transactionId);

  /** Executes one request against the ledger and returns the response tags (spec §9 state rules). */
  const execute = (
    request: BillgateMessage,
    opaque: Buffer,
    authAmount?: number,
  ): Array<[string, string[]]> => {
    const transactionId = tagValue(request, BILLGATE_TAGS.TRANSACTION_ID as string);
    const now = formatKst(clock());
    switch (request.command) {
      case '3000': {
        const transaction = find(transactionId);
        if (transaction === undefined || transaction.messageOpaqueHex !== opaque.toString('hex')) {
          return [...resultTags('B203', '인증 미완료'), ['1001', [transactionId ?? '']]];
        }
        if (transaction.state !== 'pending')
          return [...resultTags('B103', '이미 승인된 거래'), ['1001', [transaction.transactionId]]];
        transaction.state = 'approved';
        transaction.approvedAt = now;
        ledger.push({
          command: '3000',
          transactionId: transaction.transactionId,
          orderId: transaction.orderId,
          effect: 'approve',
          amount: transaction.amount,
        });
        return [
          ...resultTags('0000', '정상'),
          ['1001', [transaction.transactionId]],
          ['1005', [now]],
          ['1007', [String(authAmount ?? transaction.amount)]],
          ['7049', ['0']],
          ['0007', [transaction.mobileNumber]],
        ];
      }
      case '9000': {
        const transaction = find(transactionId);
        if (transaction === undefined || transaction.state === 'pending')
          return [...resultTags('B101', '거래 없음'), ['1001', [transactionId ?? '']], ['7049', ['0']]];
        const remaining = transaction.amount - transaction.cancelledAmount;
        if (transaction.state === 'cancelled' || transaction.state === 'reversed') {
          return [
            ...resultTags('B102', '이미 취소된 거래'),
            ['1001', [transactionId ?? '']],
            ['7049', ['0']],
            ['1007', [String(transaction.cancelledAmount)]],
          ];
        }
        const partial = tagValue(request, BILLGATE_TAGS.MOBILE_PARTIAL_CANCEL_AMOUNT as string);
        if (partial === undefined) {
          transaction.state = 'cancelled';
          transaction.cancelledAmount = transaction.amount;
          transaction.cancelledAt = now;
          ledger.push({
            command: '9000',
            transactionId: transaction.transactionId,
            orderId: transaction.orderId,
            effect: 'cancel',
            amount: remaining,
          });
          return [
            ...resultTags('0000', '정상'),
            ['1001', [transactionId ?? '']],
            ['7049', ['0']],
            ['1007', [String(remaining)]],
          ];
        }
        const amount = Number(partial);
        if (!(amount > 0) || amount > remaining)
          return [...resultTags('B104', '취소 금액 초과'), ['1001', [transactionId ?? '']], ['7049', ['0']]];
        const oldId = transaction.currentTransactionId;
        const cancelId = nextTransactionId();
        const newId = nextTransactionId();
        transaction.cancelledAmount += amount;
        transaction.cancelledAt = now;
        transaction.state =
          transaction.cancelledAmount === transaction.amount ? 'cancelled' : 'partially_cancelled';
        transaction.currentTransactionId = newId;
        aliases.set(newId, transaction);
        ledger.push({
          command: '9000',
          transactionId: transaction.transactionId,
          orderId: transaction.orderId,
          effect: 'partial_cancel',
          amount,
        });
        return [
          ...resultTags('0000', '정상'),
          ['1001', [transactionId ?? '']],
          ['7049', ['1']],
          ['7043', [String(amount)]],
          ['1032', [cancelId]],
          ['1040', [oldId]],
          ['1041', [newId]],
        ];
      }
      case '9100': {
        const transaction = find(transactionId);
        if (transaction === undefined || transaction.state === 'pending')
          return [...resultTags('B101', '거래 없음'), ['1001', [transactionId ?? '']], ['1008', ['']]];
        if (transaction.state !== 'approved')
          return [
            ...resultTags('B102', '이미 취소된 거래'),
            ['1001', [transactionId ?? '']],
            ['1008', [transaction.cancelledAt ?? '']],
          ];
        transaction.state = 'reversed';
        transaction.cancelledAmount = transaction.amount;
        transaction.cancelledAt = now;
        ledger.push({
          command: '9100',
          transactionId: transaction.transactionId,
          orderId: transaction.orderId,
          effect: 'reverse',
          amount: transaction.amount,
        });
        return [...resultTags('0000', '정상'), ['1001', [transactionId ?? '']], ['1008', [now]]];
      }
      case '5000': {
        const transaction =
          find(transactionId) ??
          [...transactions.values()].find((candidate) => candidate.orderId === request.orderId);
        if (transaction === undefined || transaction.state === 'pending')
          return [...resultTags('B101', '거래 없음')];
        const state = transaction.state === 'reversed' ? 'cancelled' : transaction.state;
        return [
          ...resultTags('0000', '정상'),
          ['1001', [transaction.currentTransactionId]],
          ['1005', [transaction.approvedAt ?? '']],
          ['1007', [String(transaction.amount)]],
          ['1008', [transaction.cancelledAt ?? '']],
          ['1033', [String(transaction.cancelledAmount)]],
          ['0078', [authQueryStatusCode(state)]],
        ];
      }
      case '0300':
        return resultTags('0000', '정상');
      default:
        return resultTags('B001', '전문 오류');
    }
  };

  const handle = async (frame: Buffer) => {
    let decoded: ReturnType<typeof openFrame>;
    try {
      decoded = openFrame(frame, ciphers, text);
    } catch {
      // Not readable under our key: Billgate would not know whom to answer. Drop the connection.
      return { bytes: [], fault: { kind: 'reset-before-response' } as SimulatorFault };
    }
    const { message: request, opaque } = decoded;
    received.push(request);
    const armed = takeFault(request.command, [
      'delay',
      'resetAfterRequest',
      'resetMidResponse',
      'badLength',
      'wrongLength',
      'badBase64',
      'badPadding',
      'wrongKey',
      'mismatchedHeader',
      'code',
      'slowAccept',
      'authAmount',
      'partialWrite',
    ]);
    if (armed?.fault === 'slowAccept') {
      await hold(typeof armed.value === 'number' ? armed.value : 30_000);
      return { bytes: [], fault: { kind: 'reset-before-response' } as SimulatorFault };
    }
    let tags: Array<[string, string[]]>;
    if (armed?.fault === 'code') {
      const value = (armed.value ?? {}) as { code?: string; detailCode?: string; message?: string };
      tags = [
        ...resultTags(value.code ?? 'B901', value.message ?? '오류', value.detailCode ?? '00'),
        ['1001', [tagValue(request, '1001') ?? '']],
      ];
    } else if (request.merchantId !== serviceId) {
      tags = resultTags('B002', '가맹점 오류');
    } else {
      tags = execute(request, opaque, armed?.fault === 'authAmount' ? Number(armed.value) : undefined);
    }
    const { response, opaque: responseOpaque } = respond(
      request,
      tags,
      armed?.fault === 'mismatchedHeader' ? { orderId: `${request.orderId}-X`.slice(0, 64) } : undefined,
    );
    const cipher = armed?.fault === 'wrongKey' ? wrongCipher : ciphers.current;
    let bytes = sealFrame(response, responseOpaque, cipher);
    let fault: SimulatorFault | undefined;
    switch (armed?.fault) {
      case 'delay':
        fault = { kind: 'delay', ms: typeof armed.value === 'number' ? armed.value : 30_000 };
        break;
      case 'resetAfterRequest':
        fault = { kind: 'reset-before-response' };
        break;
      case 'partialWrite':
        fault = {
          kind: 'partial-write',
          bytes: typeof armed.value === 'number' ? armed.value : 1,
          pauseMs: 0,
        };
        break;
      case 'resetMidResponse':
        fault = { kind: 'reset-mid-response', afterBytes: Math.floor(bytes.length / 2) };
        break;
      case 'badLength':
        bytes = Buffer.concat([Buffer.from('12A4', 'latin1'), bytes.subarray(4)]);
        break;
      case 'wrongLength':
        // Declares fewer bytes than follow: the client reads a truncated payload.
        bytes = Buffer.concat([
          Buffer.from(String(bytes.length - 4 - 5).padStart(4, '0'), 'latin1'),
          bytes.subarray(4),
        ]);
        break;
      case 'badBase64':
        bytes = Buffer.from(bytes);
        bytes[bytes.length - 6] = 0x2a; // '*'
        break;
      case 'badPadding': {
        // Flip the last bit of the next-to-last ciphertext block: CBC flips the pad byte, which then fails the check.
        const base64 = bytes.subarray(38).toString('latin1');
        const ciphertext = Buffer.from(base64, 'base64');
        ciphertext[ciphertext.length - 17] = (ciphertext[ciphertext.length - 17] as number) ^ 0x01;
        bytes = Buffer.concat([bytes.subarray(0, 38), Buffer.from(ciphertext.toString('base64'), 'latin1')]);
        break;
      }
      default:
        break;
    }
    return { bytes: [bytes], ...(fault ? { fault } : {}), end: true };
  };

  const hold = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        holdTimers.delete(timer);
        resolve();
      }, ms);
      holdTimers.add(timer);
    });

  let backupServed = 0;
  let refuseUntilBackupServed = 0;
  const listen = (address: string, port: number, role: 'primary' | 'backup') =>
    startTcpSimulatorServer({
      host: address,
      port,
      framer: billgateFramer(),
      handle: async (frame) => {
        if (role === 'backup' && refuseUntilBackupServed > 0) {
          backupServed += 1;
          if (backupServed >= refuseUntilBackupServed) {
            refuseUntilBackupServed = 0;
            await reopenPrimary();
          }
        }
        return handle(frame);
      },
    });

  let primary: TcpSimulatorServer | undefined = await listen(host, options.port ?? 0, 'primary');
  const port = primary.port;
  let backup: TcpSimulatorServer | undefined;
  try {
    backup = await listen(backupHost, port, 'backup');
  } catch {
    backup = undefined; // no second loopback address here: refuseConnect then refuses every connection
  }
  const reopenPrimary = async () => {
    if (primary === undefined && !closed) primary = await listen(host, port, 'primary');
  };

  return {
    host,
    port,
    backupHost,
    ports: { [MOBILE_SERVICE_CODE]: port },
    received,
    ledger,
    state: { transactions },
    async close() {
      closed = true;
      for (const timer of holdTimers) clearTimeout(timer);
      holdTimers.clear();
      await Promise.all([primary?.close(), backup?.close()]);
      primary = undefined;
    },
    preparePayment(input) {
      const transactionId = nextTransactionId();
      const orderDate = formatKst(input.orderDate);
      const mobileNumber = input.mobileNumber ?? '01012345678';
      const carrier = input.carrier ?? 'SKT';
      const message: BillgateMessage = {
        version: BILLGATE_VERSION,
        merchantId: serviceId,
        serviceCode: MOBILE_SERVICE_CODE,
        command: '3000',
        orderId: input.orderId,
        orderDate,
        tags: [
          ['1001', [transactionId]],
          ['0012', [String(input.amount)]],
          ['0007', [mobileNumber]],
          ['0059', [carrierWireCode(carrier) ?? '0000']],
          ['0004', [`충전${input.amount}`]],
        ],
      };
      const opaque = encodeOpaque(message, text);
      const frame = sealFrame(message, opaque, ciphers.current).toString('latin1');
      const transaction: SimulatedTransaction = {
        transactionId,
        currentTransactionId: transactionId,
        orderId: input.orderId,
        orderDate,
        amount: input.amount,
        mobileNumber,
        carrier,
        state: 'pending',
        cancelledAmount: 0,
        messageOpaqueHex: opaque.toString('hex'),
      };
      transactions.set(transactionId, transaction);
      aliases.set(transactionId, transaction);
      const fields: Record<string, string> = {
        RESPONSE_CODE: '0000',
        RESPONSE_MESSAGE: '정상',
        DETAIL_RESPONSE_CODE: '00',
        DETAIL_RESPONSE_MESSAGE: '',
        SERVICE_ID: serviceId,
        SERVICE_CODE: MOBILE_SERVICE_CODE,
        SERVICE_TYPE: '0000',
        ORDER_ID: input.orderId,
        ORDER_DATE: orderDate,
        AMOUNT: String(input.amount),
        CHECK_SUM: createBillgateChecksum({ serviceId, orderId: input.orderId, amount: input.amount }),
        TRANSACTION_ID: transactionId,
        HASH_DATA: computeBillgateHashData({
          serviceId,
          orderId: input.orderId,
          orderDate,
          amount: input.amount,
        }),
        MESSAGE: frame,
      };
      return {
        fields,
        toFormBody: () =>
          encodeFormBody(
            Object.entries(fields).map(
              ([name, value]) => [name, encodeWireText(value, 'euc-kr', name)] as const,
            ),
          ),
      };
    },
    inject(fault, injectOptions) {
      const times = injectOptions?.times ?? 1;
      if (fault === 'refuseConnect') {
        refuseUntilBackupServed = times;
        backupServed = 0;
        // Closing the listener refuses new connections at once (the close itself finishes in the background).
        const closing = primary;
        primary = undefined;
        void closing?.close();
        return;
      }
      faults.push({ fault, command: injectOptions?.command, remaining: times, value: injectOptions?.value });
    },
    reset() {
      faults = [];
      transactions.clear();
      aliases.clear();
      received.length = 0;
      ledger.length = 0;
      serial = 0;
      refuseUntilBackupServed = 0;
      void reopenPrimary();
    },
  };
}
