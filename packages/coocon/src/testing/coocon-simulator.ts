/**
 * `startCooconSimulator()`: the on-premises Coocon VA system on loopback (spec §9). The relay answers our
 * outbound telegrams from its ledger; the push side sends deposit, cancel and network telegrams to a
 * receiver exactly as Coocon does (one connection per telegram, ack checked byte for byte, resends), and
 * every fault of spec §9 can be injected.
 */
import { ValidationError } from '@wirebridge/core';
import { startTcpSimulatorServer, type TcpSimulatorServer } from '@wirebridge/core/testing';
import type { CooconClientOptions } from '../coocon-config.js';
import { toSeoulParts } from '../wire/coocon-dates.js';
import { responseTypeOf } from '../wire/coocon-envelope.js';
import { decryptCandidates, frameWith } from '../wire/coocon-frame.js';
import type { CooconTelegramKind } from '../wire/coocon-layouts.js';
import { cooconDedupeKey, decodeTelegram, encodeTelegram } from '../wire/coocon-telegram.js';
import { resolveWireOptions } from '../wire/coocon-wire-options.js';
import { type PushWriteMode, pushOnce } from './push-connection.js';
import { badPaddingFrame, isValidAck, wrongKeyOf } from './push-frames.js';
import { type CooconFaultKind, FaultQueue, OUTBOUND_FAULTS, PUSH_FAULTS } from './simulator-faults.js';
import { type SimulatedAccount, type SimulatorExecution, SimulatorLedger } from './simulator-ledger.js';

/** Options of {@link startCooconSimulator}: the client's wire settings plus simulator knobs. */
export type CooconSimulatorOptions = Partial<CooconClientOptions> & {
  /** Where pushes go (the receiver). Settable later with `setPushTarget`. @default none */
  pushTarget?: { host: string; port: number };
  /** Resend schedule of unacked pushes (spec §7 Modelled: 5 resends, 60 s apart). */
  retry?: { attempts?: number; intervalMs?: number };
  /** First digits of allocated account numbers (14 digits in all). @default '903' */
  accountPrefix?: string;
  /** Accounts in the pool. @default 1_000 */
  poolSize?: number;
  /** How long a push waits for its ack. @default 7_000 (longer than the receiver's 5 s ackTimeoutMs) */
  ackWaitMs?: number;
  /** The simulator's clock (telegram dates, expiry). @default () => new Date() */
  clock?: () => Date;
};

/** One pushed telegram and what became of it. */
export interface CooconSimulatorDelivery {
  kind: 'deposit' | 'depositCancel' | 'dayOpen' | 'echo' | 'dayClose';
  dedupeKey: string;
  transactionDate: string;
  serial: number;
  /** Sends so far (first push + resends). */
  attempts: number;
  /** The sendCount of the last send. */
  sendCount: number;
  acked: boolean;
  /** Valid acks received over all sends (a duplicated send can be acked twice). */
  ackCount: number;
  /** Held back by `skipSerial`/`outOfOrder` and not sent yet. */
  held: boolean;
}

/** Input of `simulator.deposit()`. */
export interface CooconSimulatorDepositInput {
  virtualAccountNumber: string;
  amount: number;
  depositorName: string;
  remitterBankCode?: string;
  method?: 'cash' | 'transfer' | 'check' | 'other';
}

/** A running simulator. */
export interface CooconSimulator {
  /** Where the client connects (`relay` option of `CooconClient`). */
  readonly relay: { host: string; port: number };
  /** Sets where deposits and network pushes are sent (the receiver's address). */
  setPushTarget(target: { host: string; port: number }): void;
  /** Pushes a 0200 deposit with the next serial; resolves after the first attempt. */
  deposit(input: CooconSimulatorDepositInput): Promise<{ dedupeKey: string; serial: number; acked: boolean }>;
  /** Pushes a 0400 cancelling an earlier deposit. */
  cancelDeposit(input: {
    dedupeKey: string;
    reason?: string;
  }): Promise<{ dedupeKey: string; acked: boolean }>;
  /** Pushes 0800/2100 (business day open). */
  openDay(date?: string): Promise<void>;
  /** Pushes 0800/2400 with the day's true totals and last serial. */
  closeDay(date?: string): Promise<void>;
  /** Pushes 0800/2300 (echo). */
  echo(): Promise<void>;
  /** Queues a fault of spec §9 for the next `times` telegrams it applies to; `value` parametrises it. */
  inject(kind: CooconFaultKind, options?: { times?: number; value?: unknown }): void;
  /** Pushes held telegrams (all, or the one with `serial`). */
  release(serial?: number): Promise<void>;
  /** Accounts by number. */
  readonly state: { accounts: ReadonlyMap<string, SimulatedAccount> };
  /** Every executed issue/terminate: the ledger tests count executions on. */
  readonly executions: ReadonlyArray<SimulatorExecution>;
  /** Every pushed telegram. */
  readonly deliveries: ReadonlyArray<CooconSimulatorDelivery>;
  /** Outbound requests received, by kind (`issue`, `terminate`, `inquiry`, `missingSerials`, `echo`). */
  readonly requests: ReadonlyArray<{ kind: string; serial: number; merchantReference?: string }>;
  /** Stops pushes and resends and closes the relay listener. */
  close(): Promise<void>;
}

interface PushRecord {
  delivery: CooconSimulatorDelivery;
  kind: CooconSimulatorDelivery['kind'];
  header: Record<string, unknown>;
  body: Record<string, unknown>;
  amount: number;
}

const defaults = { institutionCode: 'WB000001', bankCode: '037', key: 'COOCONTEST', cooconCode: 'COOCON' };
const methodCodes = { cash: '1', transfer: '2', check: '3', other: '9' } as const;

/** Starts the simulator on `127.0.0.1` and an ephemeral port (unless `relay` is given). */
export async function startCooconSimulator(options: CooconSimulatorOptions = {}): Promise<CooconSimulator> {
  const wireOptions = {
    ...options,
    crypto: { ...options.crypto, key: options.crypto?.key ?? defaults.key },
  };
  const wire = resolveWireOptions(wireOptions);
  const institutionCode = options.institutionCode ?? defaults.institutionCode;
  const bankCode = options.bankCode ?? defaults.bankCode;
  const cooconCode = options.cooconCode ?? defaults.cooconCode;
  const clock = options.clock ?? (() => new Date());
  const retryAttempts = options.retry?.attempts ?? 5;
  const retryIntervalMs = options.retry?.intervalMs ?? 60_000;
  const ackWaitMs = options.ackWaitMs ?? 7_000;
  const faults = new FaultQueue();
  const ledger = new SimulatorLedger({
    accountPrefix: options.accountPrefix ?? '903',
    clock,
    poolSize: options.poolSize ?? 1_000,
  });
  const deliveries: CooconSimulatorDelivery[] = [];
  const pushes = new Map<string, PushRecord>();
  const requests: Array<{ kind: string; serial: number; merchantReference?: string }> = [];
  const pushSerials = new Map<string, number>();
  const held: PushRecord[] = [];
  let outOfOrderHeld: PushRecord | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const controller = new AbortController();
  let pushTarget = options.pushTarget;
  const dayTotals = new Map<
    string,
    { depositCount: number; depositTotal: number; cancelCount: number; cancelTotal: number }
  >();

  // ---- outbound side: the relay ----
  const answer = (frame: Buffer) => {
    const payload = frame.subarray(wire.prefixDigits);
    let telegram: ReturnType<typeof decodeTelegram> | undefined;
    for (const candidate of decryptCandidates(wire, payload)) {
      telegram = decodeTelegram(wire, candidate.plaintext);
      break;
    }
    if (telegram === undefined) throw new Error('undecryptable request');
    const { kind, header, body } = telegram;
    requests.push({
      kind,
      serial: Number(header.transactionSerial ?? 0),
      ...(typeof body.merchantReference === 'string' && body.merchantReference !== ''
        ? { merchantReference: body.merchantReference }
        : {}),
    });
    const fault = faults.take(OUTBOUND_FAULTS);
    let result: { code: string; message?: string; body?: Record<string, unknown> };
    if (header.institutionCode !== institutionCode) result = { code: 'A003', message: 'UNKNOWN INSTITUTION' };
    else if (fault?.kind === 'code') result = { code: String(fault.value ?? 'C002'), message: 'INJECTED' };
    else result = execute(kind, body, fault?.kind === 'poolExhausted');
    const responseHeader: Record<string, unknown> = {
      ...header,
      messageType: responseTypeOf(String(header.messageType)),
      responseCode: result.code,
      responseMessage: result.message ?? (result.code === '0000' ? 'OK' : ''),
    };
    if (fault?.kind === 'mismatchedEcho') responseHeader.userWorkArea = 'ffffffffffffffffffff';
    const plaintext = encodeTelegram(wire, { kind, header: responseHeader, body: result.body ?? body });
    const bytes = frameWith(wire, plaintext, wire.keys[0]);
    switch (fault?.kind) {
      case 'delay':
        return { bytes, fault: { kind: 'delay', ms: Number(fault.value ?? 10_000) } };
      case 'resetAfterRequest':
        return { fault: { kind: 'reset-before-response' } };
      case 'resetMidResponse':
        return { bytes, fault: { kind: 'reset-mid-response' } };
      default:
        return { bytes, end: true };
    }
  };

  const execute = (kind: CooconTelegramKind, body: Record<string, unknown>, poolExhausted: boolean) => {
    switch (kind) {
      case 'issue':
        return ledger.issue(body, poolExhausted);
      case 'terminate':
        return ledger.terminate(body);
      case 'inquiry':
        return ledger.inquire(body);
      case 'missingSerials':
        return { code: '0000', body: { ...body, resendCount: repushMissing(body) } };
      case 'echo':
        return { code: '0000' };
      default:
        return { code: 'A001', message: 'UNSUPPORTED' };
    }
  };

  /** spec §9: 결번요구 re-pushes the requested serials on the push channel, after the answer. */
  const repushMissing = (body: Record<string, unknown>): number => {
    const date = String(body.targetDate);
    const count = Number(body.count ?? 0);
    const found: PushRecord[] = [];
    for (let index = 1; index <= count; index += 1) {
      const serial = Number(body[`serial${index}`]);
      const record = [...pushes.values()].find(
        (candidate) => candidate.delivery.transactionDate === date && candidate.delivery.serial === serial,
      );
      if (record !== undefined) found.push(record);
    }
    for (const record of found) {
      removeHeld(record);
      schedule(() => void sendRecord(record).catch(() => {}), 0);
    }
    return found.length;
  };

  const relayServer: TcpSimulatorServer = await startTcpSimulatorServer({
    framer: wire.framer,
    host: options.relay?.host ?? '127.0.0.1',
    port: options.relay?.port ?? 0,
    handle: (frame) => answer(frame),
  });

  // ---- push side ----
  const schedule = (task: () => void, delayMs: number) => {
    if (controller.signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, delayMs);
    timers.add(timer);
  };

  const removeHeld = (record: PushRecord) => {
    const index = held.indexOf(record);
    if (index >= 0) held.splice(index, 1);
    if (outOfOrderHeld === record) outOfOrderHeld = undefined;
    record.delivery.held = false;
  };

  const nextSerial = (date: string) => {
    const serial = (pushSerials.get(date) ?? 0) + 1;
    pushSerials.set(date, serial);
    return serial;
  };

  const baseHeader = (kind: CooconSimulatorDelivery['kind'], serial: number, date: string, time: string) => ({
    institutionCode,
    bankCode,
    originatorCode: cooconCode,
    messageType: kind === 'deposit' ? '0200' : kind === 'depositCancel' ? '0400' : '0800',
    responseCode: '0000',
    transactionDate: date,
    transactionTime: time,
    transactionSerial: serial,
    sendCount: 1,
    afterCutoff: '0',
    origin: '2',
    channel: '4',
    networkReference:
      kind === 'deposit' || kind === 'depositCancel' ? `${date}${String(serial).padStart(5, '0')}` : '',
  });

  /** Sends one attempt of a record (with the faults that apply) and schedules resends while unacked. */
  const sendRecord = async (record: PushRecord): Promise<boolean> => {
    const { delivery } = record;
    if (delivery.acked || controller.signal.aborted) return delivery.acked;
    if (pushTarget === undefined) {
      throw new ValidationError({
        message: 'coocon simulator: no push target; call setPushTarget() first',
        issues: [{ path: 'pushTarget', message: 'required', code: 'invalid_value' }],
      });
    }
    delivery.attempts += 1;
    delivery.sendCount = delivery.attempts;
    const header = { ...record.header, sendCount: delivery.sendCount };
    const fault = faults.take(PUSH_FAULTS.filter((kind) => !['skipSerial', 'outOfOrder'].includes(kind)));
    const plainHeader =
      fault?.kind === 'unknownInstitution' ? { ...header, institutionCode: 'XX999999' } : header;
    const plaintext = encodeTelegram(wire, { kind: record.kind, header: plainHeader, body: record.body });
    let bytes = frameWith(wire, plaintext, wire.keys[0]);
    let mode: PushWriteMode = { kind: 'whole' };
    switch (fault?.kind) {
      case 'wrongKey':
        bytes = frameWith(wrongWire, plaintext, wrongWire.keys[0]);
        break;
      case 'badPadding':
        bytes = badPaddingFrame(wire, plaintext);
        break;
      case 'badPrefix':
        bytes = Buffer.from(
          typeof fault.value === 'string' ? fault.value : 'GET / HTTP/1.1\r\nHost: coocon\r\n\r\n',
          'latin1',
        );
        break;
      case 'truncate':
        mode = { kind: 'truncate' };
        break;
      case 'slowloris':
        mode = { kind: 'slowloris', byteIntervalMs: Number(fault.value ?? 100) };
        break;
      case 'coalesce': {
        // Two frames in one write: the telegram and a copy right behind it.
        bytes = Buffer.concat([bytes, bytes]);
        break;
      }
      case 'noAckWait':
        mode = { kind: 'noAckWait' };
        break;
      default:
        break;
    }
    const attempt = (target = pushTarget!) =>
      pushOnce(target, bytes, wire.framer, { waitMs: ackWaitMs, mode, signal: controller.signal });
    let replies: Array<Buffer | undefined>;
    if (fault?.kind === 'duplicate') {
      // value 'concurrent' (or { concurrent: true, secondTarget }) sends both copies at once, the second one
      // possibly to another receiver instance; otherwise one after the other.
      const duplicate = (fault.value ?? {}) as {
        concurrent?: boolean;
        secondTarget?: { host: string; port: number };
      };
      const concurrent = fault.value === 'concurrent' || duplicate.concurrent === true;
      const second = duplicate.secondTarget ?? pushTarget!;
      replies = concurrent
        ? await Promise.all([attempt(), attempt(second)])
        : [await attempt(), await attempt(second)];
    } else {
      replies = [await attempt()];
    }
    const acks = replies.filter((reply) => reply !== undefined && isValidAck(wire, plaintext, reply)).length;
    delivery.ackCount += acks;
    const acked = acks > 0;
    if (acked) delivery.acked = true;
    else if (delivery.attempts <= retryAttempts)
      // A resend that cannot be pushed (no target) stays quiet: deposit() already reported it.
      schedule(() => void sendRecord(record).catch(() => {}), retryIntervalMs);
    return acked;
  };

  const wrongWire = resolveWireOptions({
    ...wireOptions,
    crypto: { ...wireOptions.crypto, key: wrongKeyOf(wireOptions.crypto.key ?? defaults.key) },
  });

  const createPush = (
    kind: CooconSimulatorDelivery['kind'],
    header: Record<string, unknown>,
    body: Record<string, unknown>,
    amount: number,
  ): PushRecord => {
    const delivery: CooconSimulatorDelivery = {
      kind,
      dedupeKey: cooconDedupeKey({
        institutionCode,
        messageType: String(header.messageType),
        transactionDate: String(header.transactionDate),
        transactionSerial: Number(header.transactionSerial),
      }),
      transactionDate: String(header.transactionDate),
      serial: Number(header.transactionSerial),
      attempts: 0,
      sendCount: 0,
      acked: false,
      ackCount: 0,
      held: false,
    };
    deliveries.push(delivery);
    const record = { delivery, kind, header, body, amount };
    if (kind === 'deposit' || kind === 'depositCancel') pushes.set(delivery.dedupeKey, record);
    return record;
  };

  /** Sends a new money telegram, honouring skipSerial/outOfOrder. */
  const pushMoney = async (record: PushRecord): Promise<boolean> => {
    const hold = faults.take(['skipSerial', 'outOfOrder']);
    if (hold !== undefined) {
      record.delivery.held = true;
      if (hold.kind === 'outOfOrder') outOfOrderHeld = record;
      else held.push(record);
      return false;
    }
    const acked = await sendRecord(record);
    if (outOfOrderHeld !== undefined && outOfOrderHeld !== record) {
      // outOfOrder: the held telegram goes out right after the one that overtook it.
      const late = outOfOrderHeld;
      removeHeld(late);
      await sendRecord(late);
    }
    return acked;
  };

  const totalsOf = (date: string) => {
    let totals = dayTotals.get(date);
    if (totals === undefined) {
      totals = { depositCount: 0, depositTotal: 0, cancelCount: 0, cancelTotal: 0 };
      dayTotals.set(date, totals);
    }
    return totals;
  };

  const pushNetwork = async (kind: 'dayOpen' | 'echo' | 'dayClose', date: string) => {
    const now = toSeoulParts(clock());
    const header = { ...baseHeader(kind, 0, now.date, now.time), businessCode: businessCodes[kind] };
    const totals = totalsOf(date);
    const body =
      kind === 'dayClose'
        ? { businessDate: date, lastSerial: pushSerials.get(date) ?? 0, ...totals }
        : { businessDate: date };
    await sendRecord(createPush(kind, header, body, 0));
  };

  return {
    relay: relayServer.address,
    setPushTarget(target) {
      pushTarget = target;
    },
    async deposit(input) {
      const account = ledger.accounts.get(input?.virtualAccountNumber);
      const refusal = ledger.refuseDeposit(account, input?.amount);
      if (refusal !== undefined || account === undefined) {
        throw new ValidationError({
          message: `coocon simulator: the bank would refuse this deposit (${refusal})`,
          issues: [{ path: 'deposit', message: refusal ?? 'refused', code: 'refused' }],
        });
      }
      const now = toSeoulParts(clock());
      const serial = nextSerial(now.date);
      const header = { ...baseHeader('deposit', serial, now.date, now.time), businessCode: '1100' };
      const body = {
        virtualAccountNumber: account.virtualAccountNumber,
        amount: input.amount,
        depositorName: input.depositorName,
        remitterBankCode: input.remitterBankCode ?? '088',
        bankTransactionId: `${now.date.slice(2)}${String(serial).padStart(6, '0')}`,
        depositMethod: methodCodes[input.method ?? 'transfer'],
        merchantReference: account.merchantReference,
      };
      // The bank executed the deposit whatever happens to the push: state and true totals change now.
      account.totalDeposited += input.amount;
      account.depositCount += 1;
      const totals = totalsOf(now.date);
      totals.depositCount += 1;
      totals.depositTotal += input.amount;
      const record = createPush('deposit', header, body, input.amount);
      const acked = await pushMoney(record);
      return { dedupeKey: record.delivery.dedupeKey, serial, acked };
    },
    async cancelDeposit(input) {
      const original = pushes.get(input?.dedupeKey);
      if (original === undefined || original.kind !== 'deposit') {
        throw new ValidationError({
          message: 'coocon simulator: no such deposit to cancel',
          issues: [{ path: 'dedupeKey', message: 'unknown deposit', code: 'invalid_value' }],
        });
      }
      const now = toSeoulParts(clock());
      const serial = nextSerial(now.date);
      const header = {
        ...baseHeader('depositCancel', serial, now.date, now.time),
        businessCode: '1100',
        originalTransactionDate: original.delivery.transactionDate,
        originalTransactionSerial: original.delivery.serial,
      };
      const body = { ...original.body, cancelReason: input.reason ?? '01' };
      const account = ledger.accounts.get(String(original.body.virtualAccountNumber));
      if (account !== undefined) {
        account.totalDeposited -= original.amount;
        account.depositCount -= 1;
      }
      const totals = totalsOf(now.date);
      totals.cancelCount += 1;
      totals.cancelTotal += original.amount;
      const record = createPush('depositCancel', header, body, original.amount);
      const acked = await pushMoney(record);
      return { dedupeKey: record.delivery.dedupeKey, acked };
    },
    openDay: (date) => pushNetwork('dayOpen', date ?? toSeoulParts(clock()).date),
    closeDay: (date) => pushNetwork('dayClose', date ?? toSeoulParts(clock()).date),
    echo: () => pushNetwork('echo', toSeoulParts(clock()).date),
    inject: (kind, injectOptions) => faults.inject(kind, injectOptions),
    async release(serial) {
      const toSend = [...held, ...(outOfOrderHeld === undefined ? [] : [outOfOrderHeld])].filter(
        (record) => serial === undefined || record.delivery.serial === serial,
      );
      for (const record of toSend) {
        removeHeld(record);
        await sendRecord(record);
      }
    },
    state: { accounts: ledger.accounts },
    executions: ledger.executions,
    deliveries,
    requests,
    async close() {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await relayServer.close();
    },
  };
}

const businessCodes = { dayOpen: '2100', echo: '2300', dayClose: '2400' } as const;
