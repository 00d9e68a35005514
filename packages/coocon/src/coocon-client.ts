/**
 * `CooconClient`: options → resources → operations (spec §2, §11). Every outbound call runs through core's
 * pipeline (validation, retries for safe/keyed calls, breaker `coocon:<bank>`, unknown-outcome resolution);
 * vendor bytes are only in `wire/`.
 */
import {
  type CallOptions,
  createOperationRunner,
  MemoryIdempotencyStore,
  MemorySequenceStore,
  type OperationRunner,
  silentLogger,
} from '@wirebridge/core';
import { createTcpClient } from '@wirebridge/core/tcp';
import { createCooconCodes } from './coocon-codes.js';
import { COOCON_DEFAULTS, type CooconClientOptions, resolveClientOptions } from './coocon-config.js';
import { type CooconNotifications, createCooconNotifications } from './notifications/coocon-notifications.js';
import { createGetVirtualAccount, type GetVirtualAccountInput } from './operations/get-virtual-account.js';
import {
  createIssueVirtualAccount,
  type IssueVirtualAccountInput,
} from './operations/issue-virtual-account.js';
import type { OperationSettings } from './operations/operation-settings.js';
import { createPing } from './operations/ping.js';
import {
  createRequestMissingDeposits,
  type RequestMissingInput,
} from './operations/request-missing-deposits.js';
import {
  createTerminateVirtualAccount,
  type TerminateVirtualAccountInput,
  type Termination,
} from './operations/terminate-virtual-account.js';
import type { VirtualAccount } from './operations/virtual-account-schemas.js';
import { defaultRandomBytes } from './wire/coocon-outbound.js';
import { requireKey, resolveWireOptions } from './wire/coocon-wire-options.js';

/** Jeonbuk Bank's circuit is named after it (DESIGN §5 `coocon:jeonbuk`); other banks by code. */
const circuitNames: Record<string, string> = { '037': 'coocon:jeonbuk' };

/** Client of the on-premises Coocon virtual-account system. */
export class CooconClient {
  /** Issue, terminate and look up virtual accounts. */
  readonly virtualAccounts: {
    /** 0100/1000, keyed on `merchantReference`; a lost reply is resolved with `get` (no second allocation). */
    issue(input: IssueVirtualAccountInput, options?: CallOptions): Promise<VirtualAccount>;
    /** 0100/2000, keyed on `virtualAccountNumber`; a retry answered B002 is `{ alreadyTerminated: true }`. */
    terminate(input: TerminateVirtualAccountInput, options?: CallOptions): Promise<Termination>;
    /** 0600/1000, safe: state, expected amount, totals. */
    get(input: GetVirtualAccountInput, options?: CallOptions): Promise<VirtualAccount>;
  };
  /** 결번요구: ask Coocon to push missed serials again. */
  readonly deposits: {
    /** Has Coocon push up to 20 serials of `transactionDate` again (0600/6400, safe); returns the resend count. */
    requestMissing(input: RequestMissingInput, options?: CallOptions): Promise<{ resendCount: number }>;
  };
  /** Echo (회선점검), the liveness check. */
  readonly health: {
    /** Sends an echo (0800/2300) and resolves with its round-trip time in milliseconds. */
    ping(options?: CallOptions): Promise<{ latencyMs: number }>;
  };
  /** Inbound pushes: `handle`, `process`, `createReceiver`. */
  readonly notifications: CooconNotifications;
  readonly #runner: OperationRunner;

  /** @throws {ConfigError} naming the invalid option (never echoing a key). */
  constructor(options: CooconClientOptions) {
    const resolved = resolveClientOptions(options);
    const wire = resolveWireOptions(options);
    requireKey(wire);
    const clock = options.clock ?? (() => new Date());
    const logger = options.logger ?? silentLogger;
    const settings: OperationSettings = {
      wire,
      institutionCode: resolved.institutionCode,
      bankCode: resolved.bankCode,
      sequenceStore: options.sequenceStore ?? new MemorySequenceStore({ now: () => clock().getTime() }),
      clock,
      randomBytes: options.randomBytes ?? defaultRandomBytes,
      codes: createCooconCodes(options.resultCodes),
      resolutionDelaysMs: options.resolutionDelaysMs,
    };
    const transport =
      options.transport ??
      createTcpClient({
        mode: 'per-request',
        host: resolved.relay.host,
        port: resolved.relay.port,
        framer: wire.framer,
        vendor: 'coocon',
        connectTimeoutMs: resolved.connectMs,
        ...(options.tls === undefined ? {} : { tls: options.tls }),
        logger,
      });
    const circuit = circuitNames[resolved.bankCode] ?? `coocon:${resolved.bankCode}`;
    this.#runner = createOperationRunner({
      vendor: 'coocon',
      transport,
      defaultTimeoutMs: resolved.callMs,
      retry: COOCON_DEFAULTS.retry,
      circuitName: () => circuit,
      logger,
    });
    const runner = this.#runner;
    const issue = createIssueVirtualAccount(settings);
    const terminate = createTerminateVirtualAccount(settings);
    const get = createGetVirtualAccount(settings);
    const requestMissing = createRequestMissingDeposits(settings);
    const ping = createPing(settings);
    this.virtualAccounts = {
      issue: (input, callOptions) => runner.run(issue, input, callOptions),
      terminate: (input, callOptions) => runner.run(terminate, input, callOptions),
      get: (input, callOptions) => runner.run(get, input, callOptions),
    };
    this.deposits = {
      requestMissing: (input, callOptions) => runner.run(requestMissing, input, callOptions),
    };
    this.health = { ping: (callOptions) => runner.run(ping, {}, callOptions) };
    this.notifications = createCooconNotifications({
      inbound: { wire, institutionCode: resolved.institutionCode, bankCode: resolved.bankCode },
      store: options.idempotencyStore ?? new MemoryIdempotencyStore({ now: () => clock().getTime() }),
      ttlMs: resolved.dedupeTtlMs,
      lockMs: resolved.dedupeLockMs,
      allowList: options.allowList,
      requestMissing: (input) => this.deposits.requestMissing(input),
      logger,
    });
  }

  /** The circuit breakers of this client (`coocon:jeonbuk`), e.g. to `isolate()` it during bank maintenance. */
  get breakers(): OperationRunner['breakers'] {
    return this.#runner.breakers;
  }

  /** Closes the transport (sockets). Receivers are closed by their own `close()`. */
  async close(): Promise<void> {
    await this.#runner.close();
  }
}
