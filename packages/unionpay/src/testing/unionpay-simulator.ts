/**
 * `startUnionPaySimulator()`: a loopback ACP 5.1.0 gateway (spec §9) speaking the exact wire format, with a
 * ledger of what it executed, its own Modelled trust chain, back notifications and every fault of §9.
 */
import { createHash, type KeyObject, type X509Certificate } from 'node:crypto';
import { certificateSerialDecimal, certificateValidity, rsaSign, rsaVerify } from '@wirebridge/core/crypto';
import {
  type HttpSimulatorReply,
  type HttpSimulatorRequest,
  startHttpSimulatorServer,
} from '@wirebridge/core/testing';
import { encodeText, parseEncoding, type UnionPayEncoding } from '../wire/charset.js';
import { parseNotificationBody, urlEncodeValue } from '../wire/form-codec.js';
import { decryptSensitive, parseCustomerInfo } from '../wire/sensitive.js';
import { buildSigningString, signMessage, toCertificate, verifyMessage } from '../wire/signature.js';
import { formatSettleDate, formatTxnTime, parseTxnTime } from '../wire/time.js';
import { maskPan } from '../wire/unionpay-codec.js';
import { encodeFileContent, writeZip, zmLineOf } from './simulator-files.js';
import type {
  SimNotification,
  SimTransaction,
  UnionPayFault,
  UnionPaySimulator,
  UnionPaySimulatorOptions,
} from './simulator-types.js';
import { issueCertificate, merchantKeyIndex, simulatorKey, type TestIdentity } from './test-certificates.js';

const YEAR_MS = 365 * 24 * 60 * 60 * 1_000;
const FIFTEEN_MINUTES_MS = 15 * 60 * 1_000;
const OFFSET = 480;
/** The simulator's signing CN: the production identity (spec §9). */
const SIGNING_CN = '041@Z12@中国银联股份有限公司@00000001';

interface Merchant {
  merchantId: string;
  certificate?: X509Certificate;
  privateKey?: KeyObject;
  secureKey?: string;
}

interface ActiveFault {
  fault: UnionPayFault['fault'];
  match: NonNullable<UnionPayFault['match']>;
  remaining: number;
}

interface LedgerEntry extends SimTransaction {
  pan?: string;
  passthrough?: string;
  settleDate: string;
  voided: boolean;
  finalCode: string;
}

const ENDPOINTS: Readonly<Record<string, 'front' | 'back' | 'query' | 'file'>> = {
  '/gateway/api/frontTransReq.do': 'front',
  '/gateway/api/backTransReq.do': 'back',
  '/gateway/api/queryTrans.do': 'query',
  '/filedownload/': 'file',
};

const MESSAGES: Readonly<Record<string, string>> = {
  '00': '成功[0000000]',
  '10': '报文格式错误[1000010]',
  '11': '验证签名失败[1000011]',
  '12': '重复交易[1000012]',
  '13': '报文交易要素缺失[1000013]',
  '34': '查无此交易[2000034]',
  '35': '原交易不存在或状态不正确[2000035]',
  '36': '交易金额超限[2000036]',
  '45': '原交易已被成功退货或已被成功撤销[2000045]',
  '98': '文件不存在[9800098]',
};
const messageOf = (code: string) => MESSAGES[code] ?? `交易失败[99${code.padStart(5, '0')}]`;

class Rejection extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** Starts the simulator on `127.0.0.1` (spec §9). */
export async function startUnionPaySimulator(
  options: UnionPaySimulatorOptions = {},
): Promise<UnionPaySimulator> {
  const clock = options.clock ?? (() => new Date());
  const settleDelayMs = options.settleDelayMs ?? 20;
  const notificationDelaysMs = options.notificationDelaysMs ?? [100, 200, 400, 500];
  const notificationTimeoutMs = options.notificationTimeoutMs ?? 1_000;
  const graceMs = options.graceMs ?? 60_000;
  const acceptExpired = options.acceptExpiredMerchantCerts ?? true;

  // Trust chain (Modelled): root → middle → signing, plus an encryption cert, an untrusted and an expired signer.
  const now = clock();
  const window = {
    notBefore: new Date(now.getTime() - YEAR_MS),
    notAfter: new Date(now.getTime() + YEAR_MS),
  };
  const root = issueCertificate({
    keys: simulatorKey(0),
    commonName: 'UnionPay Simulator Root CA',
    ca: true,
    serial: 1n,
    ...window,
  });
  const middle = issueCertificate({
    keys: simulatorKey(1),
    commonName: 'UnionPay Simulator Middle CA',
    issuer: root,
    ca: true,
    serial: 2n,
    ...window,
  });
  const signing = issueCertificate({
    keys: simulatorKey(2),
    commonName: SIGNING_CN,
    issuer: middle,
    ca: false,
    serial: 69_000_000_001n,
    ...window,
  });
  const otherRoot = issueCertificate({
    keys: simulatorKey(0),
    commonName: 'UnionPay Simulator Middle CA',
    organization: 'Untrusted',
    ca: true,
    serial: 3n,
    ...window,
  });
  const untrusted = issueCertificate({
    keys: simulatorKey(2),
    commonName: SIGNING_CN,
    issuer: otherRoot,
    ca: false,
    serial: 69_000_000_002n,
    ...window,
  });
  const expired = issueCertificate({
    keys: simulatorKey(2),
    commonName: SIGNING_CN,
    issuer: middle,
    ca: false,
    serial: 69_000_000_003n,
    notBefore: new Date(now.getTime() - 2 * YEAR_MS),
    notAfter: new Date(now.getTime() - YEAR_MS / 2),
  });
  let encryptionSerial = 69_100_000_001n;
  const issueEncryption = (keyIndex: number) =>
    issueCertificate({
      keys: simulatorKey(keyIndex),
      commonName: '041@Z12@中国银联股份有限公司@00000002',
      issuer: middle,
      ca: false,
      serial: encryptionSerial++,
      ...window,
    });
  let encryption = issueEncryption(3);
  const previousEncryption: Array<{ identity: TestIdentity; until: number }> = [];

  const merchants = new Map<string, Merchant>();
  for (const merchant of options.merchants ?? []) {
    merchants.set(merchant.merchantId, {
      merchantId: merchant.merchantId,
      ...(merchant.signCertificate === undefined
        ? {}
        : { certificate: toCertificate(merchant.signCertificate) }),
      ...(merchant.secureKey === undefined ? {} : { secureKey: merchant.secureKey }),
    });
  }
  const generatedMerchant = (merchantId: string): Merchant => {
    let merchant = merchants.get(merchantId);
    if (merchant?.privateKey !== undefined) return merchant;
    if (merchant?.certificate !== undefined) {
      throw new Error(`simulator merchant ${merchantId} uses its own certificate; its key is the caller's`);
    }
    const identity = issueCertificate({
      keys: simulatorKey(merchantKeyIndex(merchantId)),
      commonName: `merchant ${merchantId}`,
      issuer: middle,
      ca: false,
      serial: 70_000_000_000n + BigInt(merchantKeyIndex(merchantId)),
      ...window,
    });
    merchant = {
      ...merchant,
      merchantId,
      certificate: identity.certificate,
      privateKey: identity.privateKey,
    };
    merchants.set(merchantId, merchant);
    return merchant;
  };

  const faults: ActiveFault[] = [];
  const ledger: LedgerEntry[] = [];
  const sentNotifications: SimNotification[] = [];
  const received: Array<{ path: string; fields: Readonly<Record<string, string>> }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let queryCounter = 0;
  let closed = false;

  const takeFault = (
    context: { transactionType?: string; orderId?: string; endpoint?: string },
    kinds: ReadonlyArray<string>,
    phase?: 'sync' | 'final' | 'query',
  ): UnionPayFault['fault'] | undefined => {
    for (const active of faults) {
      if (active.remaining <= 0 || !kinds.includes(active.fault.kind)) continue;
      // A scripted response code applies only in its phase: the sync reply, the final result or a query.
      if (active.fault.kind === 'response-code' && active.fault.phase !== phase) continue;
      const { match } = active;
      if (match.transactionType !== undefined && match.transactionType !== context.transactionType) continue;
      if (match.orderId !== undefined && match.orderId !== context.orderId) continue;
      if (match.endpoint !== undefined && match.endpoint !== context.endpoint) continue;
      active.remaining--;
      return active.fault;
    }
    return undefined;
  };

  const later = (ms: number, run: () => void | Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) void Promise.resolve(run()).catch(() => undefined);
    }, ms);
    timers.add(timer);
  };

  const nextQueryId = () =>
    `${formatTxnTime(clock(), OFFSET)}${String(++queryCounter % 10_000_000).padStart(7, '0')}`;

  /** Signs a reply or notification as UnionPay: with the chain's signing cert (01) or the merchant's key (11). */
  const signAsUnionPay = (
    fields: Record<string, string>,
    merchant: Merchant | undefined,
    encoding: UnionPayEncoding,
    identity: TestIdentity = signing,
  ): Record<string, string> => {
    if (merchant?.secureKey !== undefined && merchant.certificate === undefined) {
      return signMessage(fields, { signMethod: '11', secureKey: merchant.secureKey }, encoding);
    }
    // 5.1.0 replies carry the certificate, not a certId (spec §4), so the signing string has no certId.
    const signed: Record<string, string> = {
      ...fields,
      signMethod: '01',
      signPubKeyCert: identity.certificate.toString(),
    };
    const digest = createHash('sha256')
      .update(encodeText(buildSigningString(signed), encoding))
      .digest('hex');
    signed.signature = rsaSign(Buffer.from(digest, 'ascii'), identity.privateKey, 'sha256').toString(
      'base64',
    );
    return signed;
  };

  /** The reply body: `k=v&…` raw, in key order (spec §4: responses are not URL-encoded). */
  const replyBody = (fields: Record<string, string>, encoding: UnionPayEncoding) =>
    encodeText(
      Object.keys(fields)
        .sort()
        .map((key) => `${key}=${fields[key]}`)
        .join('&'),
      encoding,
    );

  const verifyRequest = (fields: Record<string, string>, encoding: UnionPayEncoding): Merchant => {
    const merchant = merchants.get(fields.merId ?? '');
    if (merchant === undefined) throw new Rejection('11');
    if (fields.signMethod === '11') {
      if (merchant.secureKey === undefined) throw new Rejection('11');
      const verdict = verifyMessage(fields, {
        trust: {
          middleCertificate: middle.certificate.toString(),
          rootCertificate: root.certificate.toString(),
        },
        validateCnName: false,
        now: clock(),
        secureKey: merchant.secureKey,
        encoding,
      });
      if (!verdict.ok) throw new Rejection('11');
      return merchant;
    }
    const certificate = merchant.certificate;
    if (fields.signMethod !== '01' || certificate === undefined) throw new Rejection('11');
    if (certificateSerialDecimal(certificate) !== fields.certId) throw new Rejection('11');
    if (!acceptExpired) {
      const { notBefore, notAfter } = certificateValidity(certificate);
      if (clock() < notBefore || clock() > notAfter) throw new Rejection('11');
    }
    const digest = createHash('sha256')
      .update(encodeText(buildSigningString(fields), encoding))
      .digest('hex');
    if (
      !rsaVerify(
        Buffer.from(digest, 'ascii'),
        Buffer.from(fields.signature ?? '', 'base64'),
        certificate,
        'sha256',
      )
    ) {
      throw new Rejection('11');
    }
    return merchant;
  };

  const requireFields = (fields: Record<string, string>, names: readonly string[]) => {
    for (const name of names) if (fields[name] === undefined) throw new Rejection('13');
  };

  const decryptPan = (fields: Record<string, string>, encoding: UnionPayEncoding): string => {
    const candidates = [
      encryption,
      ...previousEncryption.filter((entry) => entry.until >= Date.now()).map((entry) => entry.identity),
    ];
    const identity = candidates.find(
      (candidate) => certificateSerialDecimal(candidate.certificate) === fields.encryptCertId,
    );
    if (identity === undefined) throw new Rejection('10');
    try {
      const pan = decryptSensitive(fields.accNo ?? '', identity.privateKey, encoding);
      if (!/^\d{12,19}$/.test(pan)) throw new Rejection('10');
      return pan;
    } catch {
      throw new Rejection('10');
    }
  };

  const checkCustomerInfo = (fields: Record<string, string>, encoding: UnionPayEncoding) => {
    if (fields.customerInfo === undefined) return;
    const pairs = parseCustomerInfo(fields.customerInfo, encoding);
    const encrypted = pairs.find(([key]) => key === 'encryptedInfo');
    if (encrypted !== undefined) {
      const identity = [encryption, ...previousEncryption.map((entry) => entry.identity)].find(
        (candidate) => certificateSerialDecimal(candidate.certificate) === fields.encryptCertId,
      );
      if (identity === undefined) throw new Rejection('10');
      try {
        decryptSensitive(encrypted[1], identity.privateKey, encoding);
      } catch {
        throw new Rejection('10');
      }
    }
  };

  const cardRuleOf = (pan: string | undefined) =>
    pan === undefined ? undefined : options.cardRules?.find((rule) => pan.endsWith(rule.panSuffix));

  const findOrder = (merchantId: string, orderId: string, txnTime: string) =>
    ledger.find(
      (entry) =>
        entry.merchantId === merchantId &&
        entry.orderId === orderId &&
        formatTxnTime(entry.orderTime, OFFSET) === txnTime,
    );

  // ---- notifications (spec §7, §9) ----
  const notify = (entry: LedgerEntry, merchant: Merchant, encoding: UnionPayEncoding) => {
    if (entry.backUrl === undefined) return;
    const context = { transactionType: entry.transactionType, orderId: entry.orderId, endpoint: 'back' };
    const duplicate = takeFault(context, ['duplicate-notification']);
    const drop = takeFault(context, ['drop-notification']);
    const badSignature = takeFault(context, ['notification-bad-signature']);
    let fields = signAsUnionPay(
      {
        version: '5.1.0',
        encoding,
        txnType: entry.transactionType,
        txnSubType: entry.transactionType === '01' ? '01' : '00',
        bizType: entry.transactionType === '12' ? '000401' : '000201',
        accessType: '0',
        merId: entry.merchantId,
        orderId: entry.orderId,
        txnTime: formatTxnTime(entry.orderTime, OFFSET),
        txnAmt: String(entry.amount),
        currencyCode: '156',
        queryId: entry.queryId,
        respCode: entry.responseCode,
        respMsg: messageOf(entry.responseCode),
        settleDate: entry.settleDate,
        traceNo: entry.queryId.slice(-6),
        traceTime: formatTxnTime(entry.orderTime, OFFSET).slice(4),
        ...(entry.passthrough === undefined ? {} : { reqReserved: entry.passthrough }),
      },
      merchant,
      encoding,
    );
    if (badSignature !== undefined) fields = { ...fields, signature: flipBase64(fields.signature ?? '') };
    const body = Object.keys(fields)
      .sort()
      .map((key) => `${urlEncodeValue(key, encoding)}=${urlEncodeValue(fields[key] ?? '', encoding)}`)
      .join('&');
    const dropAttempts = drop?.kind === 'drop-notification' ? drop.attempts : 0;
    const copies = duplicate?.kind === 'duplicate-notification' ? duplicate.copies : 1;
    const url = entry.backUrl;
    const send = async (attempt: number): Promise<void> => {
      if (closed) return;
      let status: number | undefined;
      if (attempt > dropAttempts) {
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': `application/x-www-form-urlencoded;charset=${encoding}` },
            body,
            redirect: 'manual',
            signal: AbortSignal.timeout(notificationTimeoutMs),
          });
          status = response.status;
          await response.arrayBuffer().catch(() => undefined);
        } catch {
          status = undefined;
        }
      }
      sentNotifications.push({ url, attempt, ...(status === undefined ? {} : { status }), fields });
      const delivered = status === 200 || status === 302;
      const delayMs = notificationDelaysMs[attempt - 1];
      if (!delivered && delayMs !== undefined) later(delayMs, () => send(attempt + 1));
    };
    for (let copy = 0; copy < copies; copy++) later(0, () => send(1));
  };

  const finalize = (entry: LedgerEntry, merchant: Merchant, encoding: UnionPayEncoding) => {
    const override = takeFault(
      { transactionType: entry.transactionType, orderId: entry.orderId },
      ['response-code'],
      'final',
    );
    const code = override?.kind === 'response-code' ? override.responseCode : entry.finalCode;
    entry.responseCode = code;
    entry.state = code === '00' || code === 'A6' ? 'succeeded' : 'failed';
    notify(entry, merchant, encoding);
  };

  // ---- operations ----
  const execute = (
    fields: Record<string, string>,
    merchant: Merchant,
    encoding: UnionPayEncoding,
    syncOverride: string | undefined,
  ): Record<string, string> => {
    const txnType = fields.txnType ?? '';
    const echo = (extra: Record<string, string>) => ({
      version: '5.1.0',
      encoding,
      txnType,
      txnSubType: fields.txnSubType ?? '',
      bizType: fields.bizType ?? '',
      accessType: '0',
      merId: merchant.merchantId,
      ...(fields.orderId === undefined ? {} : { orderId: fields.orderId }),
      txnTime: fields.txnTime ?? '',
      ...(fields.reqReserved === undefined ? {} : { reqReserved: fields.reqReserved }),
      ...extra,
    });
    // A scripted sync code that is not a success or pending code rejects the request before execution.
    const executes = syncOverride === undefined || ['00', 'A6', '03', '04', '05'].includes(syncOverride);
    if (!executes) return echo({ respCode: syncOverride!, respMsg: messageOf(syncOverride!) });
    const answer = (code: string, extra: Record<string, string> = {}) =>
      echo({ respCode: syncOverride ?? code, respMsg: messageOf(syncOverride ?? code), ...extra });
    const orderTime = parseTxnTime(fields.txnTime, OFFSET)!;
    const record = (
      entry: Omit<
        LedgerEntry,
        'merchantId' | 'orderId' | 'orderTime' | 'queryId' | 'refundedAmount' | 'settleDate' | 'voided'
      >,
    ) => {
      const full: LedgerEntry = {
        merchantId: merchant.merchantId,
        orderId: fields.orderId ?? '',
        orderTime,
        queryId: nextQueryId(),
        refundedAmount: 0,
        settleDate: formatSettleDate(clock(), OFFSET),
        voided: false,
        ...entry,
      };
      ledger.push(full);
      return full;
    };
    const moneyCommon = () => {
      if (findOrder(merchant.merchantId, fields.orderId ?? '', fields.txnTime ?? ''))
        throw new Rejection('12');
    };
    switch (txnType) {
      case '00': {
        requireFields(fields, ['orderId', 'txnTime']);
        const entry = findOrder(merchant.merchantId, fields.orderId!, fields.txnTime!);
        const override = takeFault(
          { transactionType: '00', orderId: fields.orderId, endpoint: 'query' },
          ['response-code'],
          'query',
        );
        if (override?.kind === 'response-code') {
          return echo({
            respCode: override.responseCode,
            respMsg: override.responseMessage ?? messageOf(override.responseCode),
          });
        }
        if (entry === undefined) return echo({ respCode: '34', respMsg: messageOf('34') });
        const origRespCode = entry.state === 'accepted' ? '05' : entry.responseCode;
        return echo({
          respCode: '00',
          respMsg: messageOf('00'),
          origRespCode,
          origRespMsg: messageOf(origRespCode),
          queryId: entry.queryId,
          txnAmt: String(entry.amount),
          currencyCode: '156',
          settleDate: entry.settleDate,
          traceNo: entry.queryId.slice(-6),
          ...(entry.passthrough === undefined ? {} : { reqReserved: entry.passthrough }),
        });
      }
      case '01': {
        requireFields(fields, ['txnAmt', 'currencyCode', 'frontUrl', 'backUrl', 'channelType']);
        moneyCommon();
        const entry = record({
          transactionType: '01',
          amount: Number(fields.txnAmt),
          state: 'accepted',
          responseCode: '05',
          backUrl: fields.backUrl!,
          finalCode: '00',
          ...(fields.reqReserved === undefined ? {} : { passthrough: fields.reqReserved }),
        });
        return answer('00', { queryId: entry.queryId });
      }
      case '31':
      case '04': {
        requireFields(fields, ['txnAmt', 'currencyCode', 'origQryId', 'backUrl', 'channelType']);
        moneyCommon();
        const original = ledger.find(
          (entry) => entry.queryId === fields.origQryId && entry.merchantId === merchant.merchantId,
        );
        if (original === undefined || original.state !== 'succeeded') throw new Rejection('35');
        const amount = Number(fields.txnAmt);
        if (original.voided) throw new Rejection('45');
        if (txnType === '31') {
          if (formatSettleDate(original.orderTime, OFFSET) !== formatSettleDate(clock(), OFFSET))
            throw new Rejection('35');
          if (amount !== original.amount || original.refundedAmount > 0) throw new Rejection('36');
          original.voided = true;
        } else {
          if (amount > original.amount - original.refundedAmount) throw new Rejection('35');
          original.refundedAmount += amount;
        }
        const entry = record({
          transactionType: txnType,
          amount,
          state: 'accepted',
          responseCode: '05',
          backUrl: fields.backUrl!,
          finalCode: '00',
          ...(fields.reqReserved === undefined ? {} : { passthrough: fields.reqReserved }),
        });
        later(settleDelayMs, () => finalize(entry, merchant, encoding));
        return answer('00', { queryId: entry.queryId });
      }
      case '12': {
        requireFields(fields, ['txnAmt', 'currencyCode', 'accNo', 'encryptCertId', 'backUrl', 'accType']);
        moneyCommon();
        const pan = decryptPan(fields, encoding);
        checkCustomerInfo(fields, encoding);
        const rule = cardRuleOf(pan);
        if (
          rule?.syncResponseCode !== undefined &&
          !['00', '03', '04', '05'].includes(rule.syncResponseCode)
        ) {
          throw new Rejection(rule.syncResponseCode);
        }
        const entry = record({
          transactionType: '12',
          amount: Number(fields.txnAmt),
          state: 'accepted',
          responseCode: '05',
          backUrl: fields.backUrl!,
          finalCode: rule?.finalResponseCode ?? '00',
          pan,
          ...(fields.reqReserved === undefined ? {} : { passthrough: fields.reqReserved }),
        });
        later(settleDelayMs, () => finalize(entry, merchant, encoding));
        return answer(rule?.syncResponseCode ?? '00', { queryId: entry.queryId });
      }
      case '72': {
        requireFields(fields, ['accNo', 'encryptCertId', 'customerInfo', 'accType']);
        moneyCommon();
        const pan = decryptPan(fields, encoding);
        checkCustomerInfo(fields, encoding);
        const code = cardRuleOf(pan)?.finalResponseCode ?? '00';
        const entry = record({
          transactionType: '72',
          amount: 0,
          state: code === '00' ? 'succeeded' : 'failed',
          responseCode: code,
          finalCode: code,
          pan,
        });
        return answer(code, { queryId: entry.queryId });
      }
      case '70': {
        requireFields(fields, ['accNo', 'encryptCertId', 'productId']);
        const pan = decryptPan(fields, encoding);
        return answer('00', { issInsCode: `0${pan.slice(0, 7)}`, cardType: '01', cardLevel: '1' });
      }
      case '95':
        return answer('00', { certType: '01', encryptPubKeyCert: encryption.certificate.toString() });
      default:
        throw new Rejection('10');
    }
  };

  const fileReply = (fields: Record<string, string>, merchant: Merchant): Record<string, string> => {
    requireFields(fields, ['settleDate', 'fileType']);
    const settleDate = fields.settleDate!;
    let zip = options.settlementArchives?.[settleDate];
    const fileName = `${merchant.merchantId}_${formatTxnTime(clock(), OFFSET).slice(0, 4)}${settleDate}.zip`;
    if (zip === undefined) {
      const settled = ledger.filter(
        (entry) =>
          entry.merchantId === merchant.merchantId &&
          entry.settleDate === settleDate &&
          entry.state === 'succeeded' &&
          entry.amount > 0,
      );
      if (settled.length === 0) return { respCode: '98', respMsg: messageOf('98') };
      const lines = settled.map((entry) =>
        zmLineOf(entry, entry.pan === undefined ? '' : maskPan(entry.pan)),
      );
      zip = writeZip([
        {
          name: `INN${settleDate}ZM_${merchant.merchantId}`,
          data: Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'),
        },
      ]);
    }
    return {
      respCode: '00',
      respMsg: messageOf('00'),
      fileName,
      fileType: '00',
      settleDate,
      fileContent: encodeFileContent(zip),
    };
  };

  const handle = (request: HttpSimulatorRequest): HttpSimulatorReply => {
    const endpoint = ENDPOINTS[request.path];
    if (request.method !== 'POST' || endpoint === undefined) return { status: 404, body: 'not found' };
    let fields: Record<string, string>;
    try {
      fields = parseNotificationBody(request.body);
    } catch {
      return { status: 400, body: 'bad form' };
    }
    received.push({ path: request.path, fields: Object.freeze({ ...fields }) });
    const encoding = parseEncoding(fields.encoding) ?? 'UTF-8';
    const context = { transactionType: fields.txnType, orderId: fields.orderId, endpoint };
    const socketFault = takeFault(context, ['delay', 'reset-before-response', 'reset-mid-response']);
    const wireFault = takeFault(context, [
      'malformed-body',
      'bad-signature',
      'untrusted-cert',
      'expired-cert',
      'http-status',
    ]);
    const syncFault = fields.txnType === '00' ? undefined : takeFault(context, ['response-code'], 'sync');
    const syncOverride = syncFault?.kind === 'response-code' ? syncFault.responseCode : undefined;
    let merchant: Merchant | undefined;
    let replyFields: Record<string, string>;
    try {
      merchant = verifyRequest(fields, encoding);
      if (fields.version !== '5.1.0') throw new Rejection('10');
      requireFields(fields, ['txnType', 'txnSubType', 'bizType', 'accessType', 'txnTime']);
      const txnTime = parseTxnTime(fields.txnTime, OFFSET);
      if (txnTime === undefined || Math.abs(txnTime.getTime() - clock().getTime()) > FIFTEEN_MINUTES_MS) {
        // The query names the original order's time; only new requests must be "now" (spec §9).
        if (fields.txnType !== '00' || txnTime === undefined) throw new Rejection('10');
      }
      if (fields.orderId !== undefined && !/^[0-9A-Za-z]{8,40}$/.test(fields.orderId))
        throw new Rejection('10');
      replyFields =
        endpoint === 'file'
          ? {
              version: '5.1.0',
              encoding,
              txnType: '76',
              txnSubType: '01',
              bizType: '000000',
              accessType: '0',
              merId: merchant.merchantId,
              txnTime: fields.txnTime!,
              ...fileReply(fields, merchant),
            }
          : execute(fields, merchant, encoding, syncOverride);
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      replyFields = {
        version: '5.1.0',
        encoding,
        txnType: fields.txnType ?? '',
        txnSubType: fields.txnSubType ?? '',
        bizType: fields.bizType ?? '',
        accessType: '0',
        merId: fields.merId ?? '',
        ...(fields.orderId === undefined ? {} : { orderId: fields.orderId }),
        txnTime: fields.txnTime ?? '',
        respCode: error.code,
        respMsg: messageOf(error.code),
      };
    }
    if (endpoint === 'front') {
      return {
        status: 200,
        headers: { 'content-type': 'text/html;charset=UTF-8' },
        body: '<html><body>UnionPay simulator: pay page</body></html>',
        ...(socketFault ? { fault: socketFault } : {}),
      };
    }
    const identity =
      wireFault?.kind === 'untrusted-cert'
        ? untrusted
        : wireFault?.kind === 'expired-cert'
          ? expired
          : signing;
    let signed = signAsUnionPay(replyFields, merchant, encoding, identity);
    if (wireFault?.kind === 'bad-signature')
      signed = { ...signed, signature: flipBase64(signed.signature ?? '') };
    let body: Buffer = replyBody(signed, encoding);
    if (wireFault?.kind === 'malformed-body')
      body = Buffer.from(`{respCode=00&orderId${fields.orderId ?? ''}&reqReserved={unbalanced`, 'latin1');
    const status = wireFault?.kind === 'http-status' ? wireFault.status : 200;
    return {
      status,
      headers: { 'content-type': `text/plain;charset=${encoding}` },
      body,
      ...(socketFault ? { fault: socketFault } : {}),
    };
  };

  const merchantCredentials = (merchantId: string) => {
    const merchant = generatedMerchant(merchantId);
    return {
      privateKeyPem: merchant.privateKey!.export({ type: 'pkcs8', format: 'pem' }) as string,
      certificatePem: merchant.certificate!.toString(),
      certificateId: certificateSerialDecimal(merchant.certificate!),
    };
  };

  const server = await startHttpSimulatorServer({ handle, port: options.port ?? 0, host: '127.0.0.1' });
  const url = server.url;

  return {
    url,
    gatewayBaseUrl: `${url}/gateway/api/`,
    fileDownloadUrl: `${url}/filedownload/`,
    trust: {
      rootCertificatePem: root.certificate.toString(),
      middleCertificatePem: middle.certificate.toString(),
    },
    get encryptionCertificatePem() {
      return encryption.certificate.toString();
    },
    get encryptionCertificateId() {
      return certificateSerialDecimal(encryption.certificate);
    },
    clientOptions(merchantId) {
      const credentials = merchantCredentials(merchantId);
      return {
        environment: { gatewayBaseUrl: `${url}/gateway/api/`, fileDownloadUrl: `${url}/filedownload/` },
        merchantId,
        trust: {
          middleCertificate: middle.certificate.toString(),
          rootCertificate: root.certificate.toString(),
        },
        encryptionCertificate: encryption.certificate.toString(),
        signing: { privateKeyPem: credentials.privateKeyPem, certificatePem: credentials.certificatePem },
        clock,
      };
    },
    merchantCredentials,
    inject(fault) {
      const active: ActiveFault = {
        fault: fault.fault,
        match: fault.match ?? {},
        remaining: fault.times ?? 1,
      };
      faults.push(active);
      return {
        remove() {
          const index = faults.indexOf(active);
          if (index !== -1) faults.splice(index, 1);
        },
      };
    },
    async completeFrontPayment(orderId, outcome) {
      const entry = ledger.find(
        (candidate) => candidate.orderId === orderId && candidate.transactionType === '01',
      );
      if (entry === undefined) throw new Error(`simulator: no front payment ${orderId}`);
      const merchant = merchants.get(entry.merchantId)!;
      entry.finalCode = outcome === 'success' ? '00' : '01';
      finalize(entry, merchant, 'UTF-8');
    },
    rotateEncryptionCertificate() {
      previousEncryption.push({ identity: encryption, until: Date.now() + graceMs });
      encryption = issueEncryption(1);
      return { encryptionCertificateId: certificateSerialDecimal(encryption.certificate) };
    },
    transactions: () =>
      ledger.map(
        ({
          pan: _pan,
          passthrough: _passthrough,
          settleDate: _settleDate,
          voided: _voided,
          finalCode: _finalCode,
          ...transaction
        }) => ({ ...transaction }),
      ),
    notifications: () => [...sentNotifications],
    decryptSensitive(value, encoding = 'UTF-8') {
      for (const identity of [encryption, ...previousEncryption.map((entry) => entry.identity)]) {
        try {
          return decryptSensitive(value, identity.privateKey, encoding);
        } catch {
          // try the previous certificate
        }
      }
      throw new Error('simulator: value does not decrypt with any encryption certificate');
    },
    requests: () => [...received],
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await server.close();
    },
  };
}

/** Flips one base64 character in the middle of a signature (spec §9 `bad-signature`). */
function flipBase64(signature: string): string {
  const index = Math.floor(signature.length / 2);
  const character = signature[index] === 'A' ? 'B' : 'A';
  return signature.slice(0, index) + character + signature.slice(index + 1);
}
