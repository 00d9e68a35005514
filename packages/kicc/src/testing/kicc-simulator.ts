import { type HttpSimulatorReply, startHttpSimulatorServer } from '@wirebridge/core/testing';
import { SimulatorLedger } from './simulator-ledger.js';
import type {
  KiccFault,
  KiccSimulator,
  KiccSimulatorOptions,
  SimRequest,
  SimVirtualAccount,
} from './simulator-types.js';
import { createWebhookSender } from './simulator-webhooks.js';

const defaultMerchants = [{ merchantId: 'T5102001', secretKey: 'kicc-simulator-secret' }];
const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

const apiPaths = {
  webpay: '/api/ep9/trades/webpay',
  approval: '/api/ep9/trades/approval',
  issue: '/api/trades/approval/virtualAccount',
  revise: '/api/trades/revise',
  retrieveTransaction: '/api/trades/retrieveTransaction',
  retrieveVirtualAccount: '/api/trades/retrieveVirtualAccount',
} as const;

const webhookFaultKinds = new Set(['duplicate-webhook', 'drop-webhook']);

interface ArmedFault {
  match: NonNullable<KiccFault['match']>;
  remaining: number;
  fault: KiccFault['fault'];
}

/**
 * Starts a loopback KICC simulator (spec §9): the six API paths plus the payment window `GET /sim/auth/{id}`,
 * a ledger of what it executed, webhooks with KICC's retry rule, and every fault of spec §9 on command.
 */
export async function startKiccSimulator(options: KiccSimulatorOptions = {}): Promise<KiccSimulator> {
  const merchants = new Map((options.merchants ?? defaultMerchants).map((m) => [m.merchantId, m.secretKey]));
  const clock = options.clock ?? (() => new Date());
  const closing = new AbortController();
  const faults: ArmedFault[] = [];
  const received: SimRequest[] = [];
  let url = '';

  const webhooks = createWebhookSender({
    url: options.webhookUrl,
    retryDelaysMs: options.webhookRetryDelaysMs ?? Array.from({ length: 10 }, () => 50),
    timeoutMs: options.webhookTimeoutMs ?? 1_000,
    closing: closing.signal,
  });

  const takeFault = (
    kinds: 'request' | 'webhook',
    subject: { path?: string; idempotencyKey?: unknown; transactionId?: unknown },
  ): KiccFault['fault'] | undefined => {
    const armed = faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        webhookFaultKinds.has(candidate.fault.kind) === (kinds === 'webhook') &&
        (candidate.match.path === undefined || candidate.match.path === subject.path) &&
        (candidate.match.idempotencyKey === undefined ||
          candidate.match.idempotencyKey === subject.idempotencyKey) &&
        (candidate.match.transactionId === undefined ||
          candidate.match.transactionId === subject.transactionId),
    );
    if (!armed) return undefined;
    armed.remaining--;
    return armed.fault;
  };

  const ledger = new SimulatorLedger(
    merchants,
    clock,
    {
      rejectAmountMismatch: options.rejectAmountMismatch ?? true,
      refundDelayMs: options.refundDelayMs ?? 20,
      url: () => url,
    },
    (notification) => {
      void sendWebhook(
        notification.notiType,
        notification.transactionId,
        notification.body,
        notification.delayMs,
      );
    },
  );

  const sendWebhook = (
    notiType: string,
    transactionId: string,
    body: Record<string, unknown>,
    delayMs = 0,
  ) => {
    const fault = takeFault('webhook', { transactionId });
    return webhooks.send(
      {
        notiType,
        transactionId,
        body: JSON.stringify(body),
        copies: fault?.kind === 'duplicate-webhook' ? fault.copies : 1,
        dropAttempts: fault?.kind === 'drop-webhook' ? fault.attempts : 0,
      },
      delayMs,
    );
  };

  const execute = (path: string, body: Record<string, unknown>): Record<string, unknown> | undefined => {
    switch (path) {
      case apiPaths.webpay:
        return ledger.webpay(body);
      case apiPaths.approval:
        return ledger.approval(body);
      case apiPaths.issue:
        return ledger.issue(body);
      case apiPaths.revise:
        return ledger.revise(body);
      case apiPaths.retrieveTransaction:
        return ledger.retrieveTransaction(body);
      case apiPaths.retrieveVirtualAccount:
        return ledger.retrieveVirtualAccount(body);
      default:
        return undefined;
    }
  };

  const server = await startHttpSimulatorServer({
    ...(options.port === undefined ? {} : { port: options.port }),
    handle(request): HttpSimulatorReply {
      if (request.method === 'GET' && request.path.startsWith('/sim/auth/')) {
        const query = new URL(request.url, 'http://simulator').searchParams;
        const location = ledger.authorize(
          request.path.slice('/sim/auth/'.length),
          query.get('bankCode') ?? '088',
        );
        return location ? { status: 302, headers: { location } } : { status: 404 };
      }
      if (request.method !== 'POST' || !Object.values(apiPaths).includes(request.path as never)) {
        return { status: 404, headers: jsonHeaders, body: '{"error":"not found"}' };
      }
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(request.body.toString('utf8'));
        body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      received.push({ path: request.path, body });
      const fault = takeFault('request', {
        path: request.path,
        idempotencyKey: body.shopTransactionId,
        transactionId: body.pgCno,
      });
      // Faults that answer without executing anything.
      if (fault?.kind === 'reset-before-processing') return { fault: { kind: 'reset-before-response' } };
      if (fault?.kind === 'http-status')
        return { status: fault.status, headers: jsonHeaders, body: '{"error":"simulated"}' };
      if (fault?.kind === 'res-code') {
        return {
          headers: jsonHeaders,
          body: JSON.stringify({ resCd: fault.resCd, resMsg: fault.resMsg ?? 'simulated' }),
        };
      }
      const response = execute(request.path, Object.keys(body).length === 0 ? { invalid: true } : body) ?? {};
      let text = JSON.stringify(response);
      switch (fault?.kind) {
        case 'delay':
          return { headers: jsonHeaders, body: text, fault };
        case 'reset-before-response':
        case 'reset-mid-response':
          return { headers: jsonHeaders, body: text, fault: { kind: fault.kind } };
        case 'malformed-body':
          return { headers: jsonHeaders, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
        case 'bad-msg-auth':
          if (typeof response.msgAuthValue === 'string') {
            const mac = response.msgAuthValue;
            text = JSON.stringify({
              ...response,
              msgAuthValue: `${mac[0] === '0' ? '1' : '0'}${mac.slice(1)}`,
            });
          }
          return { headers: jsonHeaders, body: text };
        case 'vtim':
          // Executed, but KICC does not know the result yet: the re-query with refundQueryFlag=Y answers it.
          return { headers: jsonHeaders, body: JSON.stringify({ resCd: 'VTIM', resMsg: '처리중' }) };
        default:
          return { headers: jsonHeaders, body: text };
      }
    },
  });
  url = server.url;

  const findAccount = (input: { accountNumber?: string; transactionId?: string }) => {
    const account =
      input.transactionId !== undefined
        ? ledger.account(input.transactionId)
        : input.accountNumber !== undefined
          ? ledger.accountByNumber(input.accountNumber)
          : undefined;
    if (!account) throw new Error('simulator: no such virtual account');
    return account;
  };

  return {
    url,
    clientOptions(merchantId = [...merchants.keys()][0]!) {
      const secretKey = merchants.get(merchantId);
      if (secretKey === undefined) throw new Error(`simulator: unknown merchant ${merchantId}`);
      return {
        environment: { baseUrl: url },
        merchantId,
        secretKey,
        webhook: { extraAllowedIps: ['127.0.0.1', '::1'] },
      };
    },
    async deposit(input) {
      const notification = ledger.deposit(findAccount(input), input);
      await sendWebhook(notification.notiType, notification.transactionId, notification.body);
    },
    async cancelDeposit(transactionId) {
      const notification = ledger.cancelDeposit(findAccount({ transactionId }));
      await sendWebhook(notification.notiType, notification.transactionId, notification.body);
    },
    async completeAuthorization(orderNumber, bankCode = '088') {
      const authorizationId = ledger.authorizeOrder(orderNumber, bankCode);
      if (authorizationId === undefined) throw new Error('simulator: no payment window for this order');
      return { authorizationId };
    },
    seedVirtualAccounts(count, seedOptions = {}) {
      return ledger.seed(
        seedOptions.merchantId ?? [...merchants.keys()][0]!,
        count,
        seedOptions.amount ?? 10_000,
      );
    },
    inject(fault) {
      const armed: ArmedFault = { match: fault.match ?? {}, remaining: fault.times ?? 1, fault: fault.fault };
      faults.push(armed);
      return {
        remove() {
          armed.remaining = 0;
        },
      };
    },
    accounts: (): SimVirtualAccount[] =>
      [...ledger.accounts.values()].map((account) => {
        ledger.account(account.transactionId);
        return {
          transactionId: account.transactionId,
          merchantId: account.merchantId,
          orderNumber: account.orderNumber,
          accountNumber: account.accountNumber,
          bankCode: account.bankCode,
          amount: account.amount,
          state: account.state,
          expiresAt: account.expiresAt,
          cancelCount: account.cancelCount,
          refundedAmount: account.refundedAmount,
        };
      }),
    webhooks: () => webhooks.log.map((entry) => ({ ...entry })),
    executions: () => [...ledger.executions],
    requests: () => [...received],
    webhooksSettled: () => webhooks.settled(),
    inFlight: () => server.inFlight,
    maxInFlightSeen: () => server.maxInFlightSeen,
    async close() {
      closing.abort();
      await webhooks.settled();
      await server.close();
    },
  };
}
