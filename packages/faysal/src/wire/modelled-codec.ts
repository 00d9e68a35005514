import type { Money } from '@wirebridge/core';
import { ProtocolError } from '@wirebridge/core';
import type { z } from 'zod';
import { fromWireAmount, toWireAmount } from '../domain/amount.js';
import { formatKarachiTimestamp, karachiDate, parseKarachiTimestamp } from '../domain/karachi-time.js';
import {
  FAYSAL_DEFAULT_CODE_MEANING,
  FAYSAL_DEFAULT_RPC_MEANING,
  FAYSAL_RESPONSE_CODES,
  FAYSAL_SUCCESS_CODE,
  rpcCodeKey,
} from '../faysal-codes.js';
import type {
  CreditInput,
  FaysalNotificationEvent,
  FaysalOperation,
  PkBank,
  ReturnInput,
  TitleFetchInput,
} from '../faysal-types.js';
import type {
  CreditReplyValue,
  FaysalClassification,
  FaysalCodec,
  FaysalDecodedResult,
  InquiryWireInput,
} from './faysal-codec.js';
import {
  BalanceResult,
  BankListResult,
  CreditResult,
  ErrorData,
  InquiryResult,
  NotificationParams,
  OriginalOnly,
  PingResult,
  ResponseBlock,
  ReturnResult,
  TitleFetchResult,
} from './modelled-schemas.js';

/** Modelled JSON-RPC method names (spec §2, §4.3). */
export const MODELLED_METHODS: Readonly<Record<FaysalOperation, string>> = Object.freeze({
  titleFetch: 'account.titleFetch',
  credit: 'remittance.credit',
  inquiry: 'transaction.inquiry',
  return: 'remittance.return',
  balance: 'account.balance',
  bankList: 'reference.bankList',
  ping: 'system.ping',
});

const methodToOperation = new Map(
  Object.entries(MODELLED_METHODS).map(([operation, method]) => [method, operation as FaysalOperation]),
);

const wireAmount = (money: Money) => ({
  value: toWireAmount(money.amount, money.currency),
  currency: money.currency,
});
const sdkAmount = (amount: { value: string; currency: string }): Money => ({
  amount: fromWireAmount(amount.value, amount.currency),
  currency: amount.currency,
});
const lower = <T extends string>(value: T) => value.toLowerCase() as Lowercase<T>;
const yyyymmdd = (date: Date) => karachiDate(date);

function timestampOf(text: string | undefined): Date | undefined {
  return text === undefined ? undefined : parseKarachiTimestamp(text);
}

/** Drops undefined members so optional fields are absent from the JSON, never `null`. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

function parseResult<TSchema extends z.ZodType>(
  schema: TSchema,
  value: unknown,
  operation: FaysalOperation,
): z.output<TSchema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ProtocolError({
      message: `faysal ${operation}: result does not match the contract`,
      vendor: 'faysal',
      details: { reason: 'bad_result', paths: parsed.error.issues.map((issue) => issue.path.join('.')) },
    });
  }
  return parsed.data;
}

function encodeParams(operation: FaysalOperation, input: unknown): Record<string, unknown> {
  switch (operation) {
    case 'titleFetch': {
      const request = input as TitleFetchInput;
      return compact({
        beneficiary: compact({
          account: request.account,
          bankImd: request.bankImd,
          bankBic: request.bankBic,
          cnic: request.cnic,
        }),
        amount: wireAmount(request.amount),
        purposeCode: request.purposeCode,
        rail: request.rail,
      });
    }
    case 'credit': {
      const request = input as CreditInput;
      const { remitter, beneficiary } = request;
      return compact({
        partnerReference: request.partnerReference,
        titleFetchId: request.titleFetchId,
        product: 'HOME_REMITTANCE',
        rail: request.rail ?? 'AUTO',
        remitter: compact({
          name: remitter.name,
          country: remitter.country,
          nationality: remitter.nationality,
          idType: remitter.idType.toUpperCase(),
          idNumber: remitter.idNumber,
          dateOfBirth: yyyymmdd(remitter.dateOfBirth),
          address: remitter.address,
          mobile: remitter.mobile,
          relationship: remitter.relationship,
          sourceOfFunds: remitter.sourceOfFunds,
        }),
        beneficiary: compact({
          account: beneficiary.account,
          bankImd: beneficiary.bankImd,
          title: beneficiary.title,
          cnic: beneficiary.cnic,
          mobile: beneficiary.mobile,
        }),
        amount: wireAmount(request.amount),
        source: { amount: wireAmount(request.source.amount), fxRate: request.source.fxRate },
        purposeCode: request.purposeCode,
        purposeText: request.purposeText,
        narration: request.narration,
      });
    }
    case 'inquiry': {
      const query = input as InquiryWireInput;
      if ('partnerReference' in query) return { query: { partnerReference: query.partnerReference } };
      if ('returnReference' in query) return { query: { returnReference: query.returnReference } };
      return { query: { orrn: query.rrn, ostan: query.stan, otxnDate: yyyymmdd(query.txnDate) } };
    }
    case 'return': {
      const request = input as ReturnInput;
      return compact({
        returnReference: request.returnReference,
        original: { partnerReference: request.partnerReference },
        reason: request.reason.toUpperCase(),
        narration: request.narration,
      });
    }
    default:
      return {};
  }
}

function originalValue(original: z.output<typeof OriginalOnly>['original'], raw: unknown): CreditReplyValue {
  return creditValue({ ...original, original }, raw);
}

function creditValue(result: z.output<typeof CreditResult>, raw: unknown): CreditReplyValue {
  const core = (credit: Omit<z.output<typeof CreditResult>, 'original'>) =>
    compact({
      status: lower(credit.status),
      bankReference: credit.bankReference,
      rail: credit.rail,
      rrn: credit.info.rrn,
      stan: credit.info.stan,
      creditedAt: timestampOf(credit.creditedAt),
    });
  const original = result.original;
  return compact({
    ...core(result),
    original:
      original === undefined
        ? undefined
        : {
            ...core(original),
            amount: sdkAmount(original.amount),
            beneficiaryAccount: original.beneficiary.account,
          },
    raw,
  }) as CreditReplyValue;
}

function decodeValue(operation: FaysalOperation, result: unknown): unknown {
  switch (operation) {
    case 'titleFetch': {
      const value = parseResult(TitleFetchResult, result, operation);
      return compact({
        titleFetchId: value.titleFetchId,
        title: value.account.title,
        iban: value.account.iban,
        accountNumber: value.account.accountNumber,
        accountStatus: lower(value.account.status),
        bank: { imd: value.bank.bankImd, bic: value.bank.bankBic, name: value.bank.bankName },
        rail: value.rail,
        cnicMatch: lower(value.cnicMatch),
        expiresAt: timestampOf(value.expiresAt),
        raw: result,
      });
    }
    case 'credit':
      return creditValue(parseResult(CreditResult, result, operation), result);
    case 'inquiry': {
      const { transaction } = parseResult(InquiryResult, result, operation);
      return compact({
        partnerReference: transaction.partnerReference,
        returnReference: transaction.returnReference,
        status: lower(transaction.status),
        vendorCode: transaction.responseCode,
        vendorMessage: transaction.responseDesc,
        rail: transaction.rail,
        bankReference: transaction.bankReference,
        amount: transaction.amount === undefined ? undefined : sdkAmount(transaction.amount),
        creditedAt: timestampOf(transaction.creditedAt),
        failedAt: timestampOf(transaction.failedAt),
        returnedAt: timestampOf(transaction.returnedAt),
        raw: result,
      });
    }
    case 'return': {
      const value = parseResult(ReturnResult, result, operation);
      return {
        status: lower(value.returnStatus),
        returnedAmount: sdkAmount(value.returnedAmount),
        bankReference: value.bankReference,
        raw: result,
      };
    }
    case 'balance': {
      const { account, limits } = parseResult(BalanceResult, result, operation);
      const pkr = (value: string) => ({ amount: fromWireAmount(value, 'PKR'), currency: 'PKR' });
      return {
        iban: account.iban,
        available: pkr(account.availableBalance),
        ledger: pkr(account.ledgerBalance),
        limits: {
          perTransaction: pkr(limits.perTransaction),
          daily: pkr(limits.daily),
          dailyUsed: pkr(limits.dailyUsed),
          dailyCount: limits.dailyCount,
          dailyCountUsed: limits.dailyCountUsed,
        },
      };
    }
    case 'bankList':
      return parseResult(BankListResult, result, operation).banks.map(
        (bank): PkBank => ({
          bankId: bank.bankId,
          name: bank.bankDisplayName,
          shortBic: bank.bankShortBIC,
          bic: bank.bankBIC,
          imd: bank.bankIMD,
          accountNumberHint: bank.accountNumberHelp,
          accountNumberPattern: safePattern(bank.accountNumberREGEX),
          ibft: bank.isAvailable1LINKIBFT === 'Y',
          raast: bank.isAvailableRAASTP2P === 'Y',
        }),
      );
    case 'ping': {
      const value = parseResult(PingResult, result, operation);
      return { serverTime: timestampOf(value.serverTime) };
    }
  }
}

// A pattern from the bank that does not compile must not break the bank list; it then matches nothing.
function safePattern(source: string): RegExp {
  try {
    return new RegExp(source);
  } catch {
    return /$^/;
  }
}

const successStatuses: ReadonlySet<string> = new Set([FAYSAL_SUCCESS_CODE]);

function classify(code: { responseCode?: string; rpcErrorCode?: number }): FaysalClassification {
  if (code.responseCode !== undefined) {
    if (successStatuses.has(code.responseCode)) return { outcome: 'success', retryable: false };
    const meaning = FAYSAL_RESPONSE_CODES.get(code.responseCode) ?? FAYSAL_DEFAULT_CODE_MEANING;
    return {
      outcome: meaning.category === 'pending' ? 'pending' : 'failure',
      category: meaning.category,
      retryable: meaning.retryable,
    };
  }
  const meaning =
    code.rpcErrorCode === undefined
      ? FAYSAL_DEFAULT_RPC_MEANING
      : (FAYSAL_RESPONSE_CODES.get(rpcCodeKey(code.rpcErrorCode)) ?? FAYSAL_DEFAULT_RPC_MEANING);
  return { outcome: 'failure', category: meaning.category, retryable: meaning.retryable };
}

const notificationTypes = {
  COMPLETED: 'remittance.completed',
  PENDING: 'remittance.pending',
  ON_HOLD: 'remittance.on_hold',
  REJECTED: 'remittance.rejected',
  FAILED: 'remittance.failed',
} as const;

/**
 * The Modelled contract of spec §4 (`wirebridge-modelled-v1`): the only place with its method, param and result
 * names. To be reconciled with Faysal's integration document at onboarding (spec §1).
 */
export const modelledFaysalCodec: FaysalCodec = Object.freeze({
  name: 'wirebridge-modelled-v1',
  endpointPath: '/jsonrpc',
  notificationMethod: 'remittance.statusChanged',
  encode(
    operation: FaysalOperation,
    input: unknown,
    context: { info: import('../faysal-types.js').FaysalInfo },
  ) {
    const method = MODELLED_METHODS[operation];
    // bankList and ping take no info block (spec §4.3: params `{}`).
    if (operation === 'bankList' || operation === 'ping') return { method, params: {} };
    return { method, params: { info: { ...context.info }, ...encodeParams(operation, input) } };
  },
  decode(operation: FaysalOperation, result: unknown): FaysalDecodedResult {
    return decodeResult(operation, result);
  },
  decodeError(error: { code: number; message: string; data?: unknown }) {
    const parsed = ErrorData.safeParse(error.data);
    const data = parsed.success ? parsed.data : undefined;
    return compact({
      responseCode: data?.responseCode,
      rpcErrorCode: error.code,
      message: data?.responseDesc ?? error.message,
      retryAfterMs: data?.retryAfterMs,
      fields: data?.fields,
    });
  },
  classify,
  decodeNotification(method: string, params: unknown): FaysalNotificationEvent {
    if (method !== 'remittance.statusChanged') {
      throw new ProtocolError({ message: 'faysal notification: unknown method', vendor: 'faysal' });
    }
    const parsed = NotificationParams.safeParse(params);
    if (!parsed.success) {
      throw new ProtocolError({
        message: 'faysal notification: params do not match the contract',
        vendor: 'faysal',
        details: { paths: parsed.error.issues.map((issue) => issue.path.join('.')) },
      });
    }
    const value = parsed.data;
    const occurredAt = parseKarachiTimestamp(value.occurredAt);
    if (occurredAt === undefined) {
      throw new ProtocolError({ message: 'faysal notification: bad occurredAt', vendor: 'faysal' });
    }
    const type =
      value.returnReference === undefined
        ? notificationTypes[value.status]
        : value.status === 'COMPLETED'
          ? 'return.completed'
          : 'return.rejected';
    return compact({
      type,
      eventId: value.eventId,
      dedupeKey: `faysal:${value.eventId}`,
      partnerReference: value.partnerReference,
      returnReference: value.returnReference,
      vendorCode: value.responseCode,
      bankReference: value.bankReference,
      amount: sdkAmount(value.amount),
      occurredAt,
      raw: params,
    }) as FaysalNotificationEvent;
  },
  encodeNotificationAck: () => ({ acknowledged: true }),
  operationOf: (method: string) => methodToOperation.get(method),
});

/** Reads `response` and, where the code carries one, the operation's value. */
function decodeResult(operation: FaysalOperation, result: unknown): FaysalDecodedResult {
  const response = parseResult(
    ResponseBlock,
    (result as { response?: unknown } | null | undefined)?.response,
    operation,
  );
  const outcome = classify({ responseCode: response.responseCode });
  // A success must carry the full result; a pending credit or a 0110 with its original carries a partial one,
  // which is read when it is there (spec §2.1). Other failures carry nothing to read.
  const carriesValue =
    outcome.outcome === 'success' ||
    (operation === 'credit' && (outcome.outcome === 'pending' || response.responseCode === '0110'));
  let value: unknown;
  if (outcome.outcome === 'success') value = decodeValue(operation, result);
  else if (operation === 'credit' && response.responseCode === '0110') {
    // A duplicate carries only the original credit (spec §2.1); the client decides whether it is a replay.
    const parsed = OriginalOnly.safeParse(result);
    value = parsed.success ? originalValue(parsed.data.original, result) : undefined;
  } else if (carriesValue) {
    try {
      value = decodeValue(operation, result);
    } catch {
      value = undefined;
    }
  }
  return { responseCode: response.responseCode, responseDesc: response.responseDesc, value };
}

/** Formats a Date as the Modelled result timestamp (`YYYYMMDDHHMMSS`, PKT); used by the simulator. */
export function modelledTimestamp(at: Date): string {
  return formatKarachiTimestamp(at);
}
