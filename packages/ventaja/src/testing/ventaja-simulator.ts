import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  type HttpSimulatorReply,
  type HttpSimulatorRequest,
  startHttpSimulatorServer,
} from '@wirebridge/core/testing';
import { fromVentajaAmount } from '../wire/ventaja-amount.js';
import { toVentajaDate } from '../wire/ventaja-codec.js';
import { verifyVentajaSignature } from '../wire/ventaja-signature.js';
import {
  SimulatorLedger,
  type SimulatorTransaction,
  simulatorBillers,
  simulatorPrefixes,
  simulatorProducts,
} from './simulator-ledger.js';

/** A fault the simulator injects (spec §9). */
export interface VentajaSimulatorFault {
  /** Operation path the fault applies to, e.g. `/process` or `/topup-request` (matched on the path's end). */
  path: string;
  kind: 'delay' | 'reset' | 'malformed' | 'http500' | 'code' | 'badSignature' | 'telcoDown' | 'pendingTopup';
  /** How many requests it applies to. @default 1 */
  times?: number;
  /**
   * Execute the operation before the fault hits. @default true for `delay` (with `commit: false` the request is held
   * for `ms`, then dropped unexecuted), false for the others (a `reset` without `commit` happens before anything is
   * executed).
   */
  commit?: boolean;
  /** The `responseCode` for `code`. */
  code?: number;
  /** Milliseconds for `delay` (set it past the client timeout). Required for `delay`. */
  ms?: number;
  /** `reset`: write half of the reply first. @default false */
  midResponse?: boolean;
}

/** Options of {@link startVentajaSimulator}. */
export interface VentajaSimulatorOptions {
  /** Verify signatures with this public key instead of generating a key pair. @default a fresh RSA-2048 pair */
  clientPublicKeyPem?: string;
  /** Source addresses allowed (spec §3 allow-listing → `102`). @default any */
  allowedIps?: string[];
  /** How long a `pendingTopup` stays PENDING on the simulated clock. @default 5_000 */
  pendingMs?: number;
  /** Port to listen on. @default 0 (ephemeral) */
  port?: number;
  /** The simulator's clock (cut-off `128`, `dateEntry`); `state.advance(ms)` moves it on. @default system time */
  clock?: () => Date;
  /** Outlet credentials the simulator accepts. @default `{ outletId: '100000000001', uid: 'api', password: 'sim-password' }` */
  credentials?: { outletId: string; uid: string; password: string };
}

/** A running Ventaja simulator (spec §9). */
export interface VentajaSimulator {
  /** Base URL of the unified bills API (`…/unified/api`). */
  billsUrl: string;
  /** Base URL of the v4 bills API (`…/ventajaapi-v4/api`). */
  v4Url: string;
  /** Base URL of the e-load API (`…/eload/api/v1`). */
  eloadUrl: string;
  /** PKCS#8 PEM of the generated client key (absent when `clientPublicKeyPem` was given). */
  clientPrivateKeyPem?: string;
  credentials: { outletId: string; uid: string; password: string };
  state: {
    /** Moves the simulated clock on. */
    advance(ms: number): void;
    /** Marks every posted payment as batched to the institution (cancel → `126`). */
    batch(): void;
    /** Sets the outlet's credit, in centavos. */
    setCredit(minor: number): void;
    /** Sets a telco's status; a top-up for a telco that is not `UP` is refused with `997`. */
    setTelco(telco: string, status: 'UP' | 'DOWN'): void;
    /** The next payment executes but its record says REJECTED (a biller check after processing, spec §7). */
    rejectNextPayment(): void;
    /** Credit in centavos. */
    credit(): number;
    /** The ledger: every money movement executed, in order. */
    transactions(): readonly SimulatorTransaction[];
    /** Requests received, all or those whose path ends with `path` (e.g. `/process`). */
    requestCount(path?: string): number;
  };
  /** Every request received (raw bytes and headers), oldest first. */
  readonly requests: readonly HttpSimulatorRequest[];
  /** Arms `fault` for the next `times` requests of its path. @throws TypeError for a `delay` without `ms`. */
  inject(fault: VentajaSimulatorFault): void;
  /** Ends injected delays at once and closes the server. */
  close(): Promise<void>;
}

type Answer = { responseCode: number; message?: string; data?: unknown };

const defaultCredentials = { outletId: '100000000001', uid: 'api', password: 'sim-password' };
const messages: Record<number, string> = {
  102: 'Access denied',
  103: 'Incomplete data',
  107: 'Amount out of range',
  113: 'Insufficient credit',
  122: 'Invalid signature',
  124: 'Duplicate reference number',
  125: 'Transaction already cancelled',
  126: 'Transaction already batched',
  128: 'Beyond cut-off time',
  129: 'No record found',
  130: 'Invalid biller code',
  132: 'Invalid agent reference number',
  997: 'Provider connection unavailable',
};

const agentRefNoPattern = /^[A-Za-z0-9]{1,20}$/;

/**
 * Starts a loopback Ventaja (spec §9): three path prefixes, RSA-SHA1 verification of the received bytes, a
 * stateful ledger, and the faults of spec §9 on command.
 */
export async function startVentajaSimulator(
  options: VentajaSimulatorOptions = {},
): Promise<VentajaSimulator> {
  let publicKey: KeyObject;
  let clientPrivateKeyPem: string | undefined;
  if (options.clientPublicKeyPem !== undefined) {
    publicKey = createPublicKey(options.clientPublicKeyPem);
  } else {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    publicKey = pair.publicKey;
    clientPrivateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
  const credentials = { ...(options.credentials ?? defaultCredentials) };
  const pendingMs = options.pendingMs ?? 5_000;
  const clock = options.clock ?? (() => new Date());
  let offsetMs = 0;
  const now = () => new Date(clock().getTime() + offsetMs);
  const ledger = new SimulatorLedger();
  const faults: (VentajaSimulatorFault & { times: number })[] = [];
  let pendingTopups = 0;
  let rejectNextPayment = false;

  const takeFault = (path: string): VentajaSimulatorFault | undefined => {
    const index = faults.findIndex((fault) => path.endsWith(fault.path));
    if (index === -1) return undefined;
    const fault = faults[index]!;
    fault.times -= 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  };

  const reply = (answer: Answer): HttpSimulatorReply => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      responseCode: answer.responseCode,
      ...(answer.responseCode === 100
        ? {}
        : { message: answer.message ?? messages[answer.responseCode] ?? 'Error' }),
      ...(answer.data === undefined ? {} : { data: answer.data }),
    }),
  });
  const refuse = (code: number): Answer => ({ responseCode: code });

  // ---- operations (spec §9 "Behaviour") ----------------------------------------------------------------------

  const checkBill = (data: Record<string, unknown>): Answer | { amountMinor: number } => {
    const biller = simulatorBillers.get(String(data.billerCode));
    if (!biller) return refuse(130);
    if (typeof data.accountNumber !== 'string' || !biller.accountPattern.test(data.accountNumber))
      return refuse(129);
    if (typeof data.identifier !== 'string' || data.identifier.length === 0) return refuse(103);
    let amountMinor: number;
    try {
      amountMinor = fromVentajaAmount(data.amount as number);
    } catch {
      return refuse(103);
    }
    if (amountMinor < biller.minMinor || amountMinor > biller.maxMinor) return refuse(107);
    return { amountMinor };
  };

  const billRecord = (transaction: SimulatorTransaction, withStatus: boolean) => ({
    transactionNumber: transaction.transactionNumber,
    referenceNumber: transaction.referenceNumber,
    dateEntry: toVentajaDate(new Date(transaction.executedAt)),
    ...(withStatus
      ? {
          status: transaction.status,
          remarks: transaction.status === 'CANCELLED' ? 'Cancelled by outlet' : '',
        }
      : {}),
  });

  const settle = (transaction: SimulatorTransaction) => {
    if (
      transaction.status === 'PENDING' &&
      transaction.settlesAt !== undefined &&
      now().getTime() >= transaction.settlesAt
    ) {
      transaction.status = transaction.settlesAs ?? 'SUCCESS';
      if (transaction.status === 'FAILED') ledger.creditMinor += transaction.amountMinor;
    }
  };

  const topupRecord = (transaction: SimulatorTransaction) => {
    settle(transaction);
    return {
      transactionNumber: transaction.transactionNumber,
      referenceNumber: transaction.referenceNumber,
      status: transaction.status,
      ...(transaction.status === 'SUCCESS' ? { telcoReference: `T${transaction.referenceNumber}` } : {}),
      dateEntry: toVentajaDate(new Date(transaction.executedAt)),
    };
  };

  const balance = (): Answer => ({
    responseCode: 100,
    data: { balance: Number((ledger.creditMinor / 100).toFixed(2)), currencyCode: 'PHP' },
  });

  const bills: Record<string, (data: Record<string, unknown>) => Answer> = {
    validate(data) {
      const checked = checkBill(data);
      if ('responseCode' in checked) return checked;
      return { responseCode: 100, data: { billerCode: data.billerCode, valid: true } };
    },
    process(data) {
      const checked = checkBill(data);
      if ('responseCode' in checked) return checked;
      const agentRefNo = String(data.agentRefNo ?? '');
      if (!agentRefNoPattern.test(agentRefNo)) return refuse(132);
      if (ledger.find(agentRefNo, 'bill')) return refuse(124);
      if (ledger.creditMinor < checked.amountMinor) return refuse(113);
      ledger.creditMinor -= checked.amountMinor;
      const at = now();
      const transaction: SimulatorTransaction = {
        kind: 'bill',
        agentRefNo,
        ...ledger.nextNumbers('bill', at),
        amountMinor: checked.amountMinor,
        billerCode: String(data.billerCode),
        status: rejectNextPayment ? 'REJECTED' : 'POSTED',
        executedAt: at.getTime(),
        batched: false,
      };
      rejectNextPayment = false;
      ledger.transactions.push(transaction);
      return { responseCode: 100, data: billRecord(transaction, false) };
    },
    inquiry(data) {
      const transaction = ledger.find(String(data.agentRefNo ?? ''), 'bill');
      if (!transaction) return refuse(129);
      return { responseCode: 100, data: billRecord(transaction, true) };
    },
    cancel(data) {
      const transaction = ledger.find(String(data.agentRefNo ?? ''), 'bill');
      if (!transaction || transaction.transactionNumber !== data.transactionNumber) return refuse(129);
      if (!simulatorBillers.get(transaction.billerCode ?? '')?.cancellable) return refuse(130);
      if (transaction.status === 'CANCELLED') return refuse(125);
      if (transaction.batched) return refuse(126);
      // spec §9: no cancel after 18:00 Manila on the simulated clock.
      if (new Date(now().getTime() + 8 * 3_600_000).getUTCHours() >= 18) return refuse(128);
      transaction.status = 'CANCELLED';
      ledger.creditMinor += transaction.amountMinor;
      return { responseCode: 100, data: billRecord(transaction, false) };
    },
    pulldata(data) {
      const biller = simulatorBillers.get(String(data.billerCode));
      if (!biller?.pullData) return refuse(130);
      return { responseCode: 100, data: { ...biller.pullData, accountNumber: data.accountNumber } };
    },
    receipt(data) {
      const transaction = ledger.find(String(data.agentRefNo ?? ''), 'bill');
      if (!transaction || transaction.transactionNumber !== data.transactionNumber) return refuse(129);
      return {
        responseCode: 100,
        data: {
          receipt: `PAID ${transaction.billerCode} PHP ${(transaction.amountMinor / 100).toFixed(2)} REF ${transaction.referenceNumber}`,
        },
      };
    },
    balance: () => balance(),
  };

  const eload: Record<string, (data: Record<string, unknown>) => Answer> = {
    'product-list'(data) {
      const products = simulatorProducts.filter(
        (product) => data.telco === undefined || product.telco === data.telco,
      );
      return {
        responseCode: 100,
        data: products.map((product) => ({
          productCode: product.productCode,
          telco: product.telco,
          description: product.description,
          ...(product.amountMinor === undefined ? {} : { amount: product.amountMinor / 100 }),
          ...(product.minMinor === undefined
            ? {}
            : { minAmount: product.minMinor / 100, maxAmount: (product.maxMinor ?? 0) / 100 }),
          currencyCode: 'PHP',
        })),
      };
    },
    'prefix-list': () => ({ responseCode: 100, data: simulatorPrefixes.map((entry) => ({ ...entry })) }),
    'telco-status': () => ({
      responseCode: 100,
      data: [...ledger.telcoStatus].map(([telco, status]) => ({ telco, status })),
    }),
    'topup-request'(data) {
      const product = simulatorProducts.find((candidate) => candidate.productCode === data.productCode);
      if (!product) return refuse(103);
      if (ledger.telcoStatus.get(product.telco) !== 'UP') return refuse(997);
      if (typeof data.mobileNumber !== 'string' || !/^09\d{9}$/.test(data.mobileNumber)) return refuse(103);
      let amountMinor: number;
      try {
        amountMinor = fromVentajaAmount(data.amount as number);
      } catch {
        return refuse(103);
      }
      const fits =
        product.amountMinor === amountMinor ||
        (product.minMinor !== undefined &&
          amountMinor >= product.minMinor &&
          amountMinor <= (product.maxMinor ?? 0));
      if (!fits) return refuse(107);
      const agentRefNo = String(data.agentRefNo ?? '');
      if (!agentRefNoPattern.test(agentRefNo)) return refuse(132);
      if (ledger.find(agentRefNo, 'topup')) return refuse(124);
      if (ledger.creditMinor < amountMinor) return refuse(113);
      ledger.creditMinor -= amountMinor;
      const at = now();
      const pending = pendingTopups > 0;
      if (pending) pendingTopups -= 1;
      const transaction: SimulatorTransaction = {
        kind: 'topup',
        agentRefNo,
        ...ledger.nextNumbers('topup', at),
        amountMinor,
        productCode: product.productCode,
        status: pending ? 'PENDING' : 'SUCCESS',
        executedAt: at.getTime(),
        ...(pending ? { settlesAt: at.getTime() + pendingMs, settlesAs: 'SUCCESS' as const } : {}),
        batched: false,
      };
      ledger.transactions.push(transaction);
      return { responseCode: 100, data: topupRecord(transaction) };
    },
    'topup-inquiry'(data) {
      const transaction = ledger.find(String(data.agentRefNo ?? ''), 'topup');
      if (!transaction) return refuse(129);
      return { responseCode: 100, data: topupRecord(transaction) };
    },
    balance: () => balance(),
  };

  // ---- HTTP: verification order of spec §9, then faults -------------------------------------------------------

  const route = (
    path: string,
  ): ((data: Record<string, unknown>, envelope: Record<string, unknown>) => Answer) | undefined => {
    const match = /^\/(unified\/api|ventajaapi-v4\/api|eload\/api\/v1)\/([a-z-]+)$/.exec(path);
    if (!match) return undefined;
    const [, prefix, operation = ''] = match;
    if (prefix === 'eload/api/v1') return eload[operation];
    if (prefix === 'ventajaapi-v4/api' && operation === 'process') {
      // v4 balance is code 100 to /process with data null (spec §2).
      return (data, envelope) => (envelope.code === 100 ? balance() : bills.process!(data));
    }
    return bills[operation];
  };

  const closing = new AbortController();
  const waitUnlessClosed = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      closing.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  const allowed = (address: string | undefined) => {
    if (!options.allowedIps) return true;
    const normalized = (address ?? '').replace(/^::ffff:/, '');
    return options.allowedIps.includes(normalized);
  };

  const handle = (request: HttpSimulatorRequest): HttpSimulatorReply | Promise<HttpSimulatorReply> => {
    const operation = route(request.path);
    if (request.method !== 'POST' || !operation) {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    }
    const fault = takeFault(request.path);
    if (fault?.kind === 'badSignature') return reply(refuse(122));
    const signature = request.headers.signature;
    if (typeof signature !== 'string' || !verifyVentajaSignature(request.body, signature, publicKey)) {
      return reply(refuse(122));
    }
    let envelope: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(request.body.toString('utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return reply(refuse(103));
      envelope = parsed as Record<string, unknown>;
    } catch {
      return reply(refuse(103));
    }
    if (
      envelope.id !== credentials.outletId ||
      envelope.uid !== credentials.uid ||
      envelope.pwd !== credentials.password
    ) {
      return reply(refuse(102));
    }
    if (!allowed(request.remoteAddress)) return reply(refuse(102));
    const data = (typeof envelope.data === 'object' && envelope.data !== null ? envelope.data : {}) as Record<
      string,
      unknown
    >;

    switch (fault?.kind) {
      case 'code':
        if (fault.commit) operation(data, envelope);
        return reply(refuse(fault.code ?? 999));
      case 'telcoDown':
        return reply(refuse(997));
      case 'pendingTopup':
        pendingTopups += 1;
        return reply(operation(data, envelope));
      case 'http500':
        if (fault.commit) operation(data, envelope);
        return {
          status: 500,
          headers: { 'content-type': 'text/html' },
          body: '<html><body>500 Internal Server Error</body></html>',
        };
      case 'malformed': {
        const answer = fault.commit ? operation(data, envelope) : refuse(999);
        const body = JSON.stringify(answer);
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: body.slice(0, Math.floor(body.length / 2)),
        };
      }
      case 'reset': {
        const answer = fault.commit ? operation(data, envelope) : refuse(999);
        return {
          ...reply(answer),
          fault: fault.midResponse ? { kind: 'reset-mid-response' } : { kind: 'reset-before-response' },
        };
      }
      case 'delay': {
        if (fault.commit === false) {
          // Hold the request past the client's deadline, then drop it unexecuted.
          return waitUnlessClosed(fault.ms ?? 0).then(() => ({
            ...reply(refuse(998)),
            fault: { kind: 'reset-before-response' },
          }));
        }
        return { ...reply(operation(data, envelope)), fault: { kind: 'delay', ms: fault.ms ?? 0 } };
      }
      default:
        return reply(operation(data, envelope));
    }
  };

  const server = await startHttpSimulatorServer({
    handle,
    ...(options.port === undefined ? {} : { port: options.port }),
  });

  return {
    billsUrl: `${server.url}/unified/api`,
    v4Url: `${server.url}/ventajaapi-v4/api`,
    eloadUrl: `${server.url}/eload/api/v1`,
    ...(clientPrivateKeyPem === undefined ? {} : { clientPrivateKeyPem }),
    credentials,
    state: {
      advance(ms) {
        offsetMs += ms;
      },
      batch() {
        for (const transaction of ledger.transactions)
          if (transaction.kind === 'bill') transaction.batched = true;
      },
      setCredit(minor) {
        ledger.creditMinor = minor;
      },
      setTelco(telco, status) {
        ledger.telcoStatus.set(telco, status);
      },
      rejectNextPayment() {
        rejectNextPayment = true;
      },
      credit: () => ledger.creditMinor,
      transactions: () => ledger.transactions.map((transaction) => ({ ...transaction })),
      requestCount: (path) =>
        path === undefined
          ? server.requests.length
          : server.requests.filter((request) => request.path.endsWith(path)).length,
    },
    get requests() {
      return server.requests;
    },
    inject(fault) {
      if (fault.kind === 'delay' && (fault.ms === undefined || fault.ms < 0)) {
        throw new TypeError('Ventaja simulator: a delay fault needs ms');
      }
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    close: () => {
      closing.abort();
      return server.close();
    },
  };
}
