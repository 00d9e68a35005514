import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import type { Reply } from '@wirebridge/core';
import {
  type HttpSimulatorReply,
  type HttpSimulatorRequest,
  startHttpSimulatorServer,
} from '@wirebridge/core/testing';
import jayson from 'jayson/promise/index.js';
import { toWireAmount } from '../domain/amount.js';
import { formatKarachiTimestamp } from '../domain/karachi-time.js';
import type { FaysalOperation } from '../faysal-types.js';
import type { FaysalCodec } from '../wire/faysal-codec.js';
import { modelledFaysalCodec } from '../wire/modelled-codec.js';
import {
  aes128EcbHexCipher,
  aes256GcmCipher,
  type FaysalPayloadCipher,
  noEncryption,
} from '../wire/payload-ciphers.js';
import { apiKeyIdFor, readHeader, rsaSha256Signer } from '../wire/rsa-signer.js';
import {
  createSimulatorLedger,
  InvalidParams,
  responseBlock,
  type SimulatedAccount,
} from './simulator-ledger.js';

/** Faults the simulator injects (spec §9 "Faults"). */
export type FaysalFaultKind =
  | 'delay'
  | 'reset'
  | 'malformed'
  | 'wrongId'
  | 'unsignedResponse'
  | 'badResponseSignature'
  | 'code'
  | 'rateLimit'
  | 'maintenance'
  | 'decryptFail'
  | 'http502';

/** One fault to inject on the next request(s) for `method` (a wire method name, or `*` for any). */
export interface FaysalFault {
  method: string;
  kind: FaysalFaultKind;
  /** How many requests it applies to. @default 1 */
  times?: number;
  /** Execute the request before applying the fault (the bank acted, the reply is lost or late). @default false */
  commit?: boolean;
  /** `code`: a 4-digit response code or a JSON-RPC error code. */
  code?: string | number;
  /** `delay`: milliseconds (required). */
  ms?: number;
  /** `reset`: write half the reply first. @default false */
  midResponse?: boolean;
}

/** Options of {@link startFaysalSimulator}. */
export interface FaysalSimulatorOptions {
  /** The wire contract; the client under test must use the same one. @default modelledFaysalCodec */
  codec?: FaysalCodec;
  /** Payload encryption the bank expects. @default 'none' */
  encryption?: 'none' | 'aes-256-gcm' | 'aes-128-ecb-hex';
  /** IBFT credits answer `0151` and settle after this many ms. @default undefined (settle at once) */
  pendingMs?: number;
  /** The partner key the bank accepts. @default a fresh RSA-2048 pair, returned as `partnerKeys` */
  partnerPublicKeyPem?: string;
  /** Loopback port. @default an ephemeral port */
  port?: number;
  /** The bank's clock. @default () => new Date() */
  clock?: () => Date;
  /** The bank's signing key (PEM), for recordings that must replay with a known key. @default a fresh RSA-2048 key */
  bankPrivateKeyPem?: string;
}

/** A running simulator. */
export interface FaysalSimulator {
  /** `http://127.0.0.1:<port>`; use with `allowInsecureHttp: true`. */
  baseUrl: string;
  /** The bank's public key (PEM) for the client's `bankPublicKeys`. */
  bankPublicKeyPem: string;
  /** Generated partner keys, when `partnerPublicKeyPem` was not given. */
  partnerKeys?: { privateKeyPem: string; publicKeyPem: string };
  /** The payload key, with `encryption` on. */
  encryptionKey?: { key: Buffer; keyId: string };
  /** The simulated accounts (valid-checksum IBANs generated at start; one INACTIVE, one CLOSED). */
  accounts: readonly SimulatedAccount[];
  state: {
    /** Moves the bank's clock forward by `ms` (pending IBFT credits settle once their `pendingMs` has passed). */
    advance(ms: number): void;
    /** Fails a credit: a PENDING one fails when it settles, a COMPLETED one becomes FAILED (`0412`). */
    failCredit(partnerReference: string): void;
    /** Sets the pool account's balance, in minor units. */
    setPoolBalance(minor: number): void;
    /** Copies of every ledger transaction, after settling those that are due. */
    transactions(): readonly unknown[];
    /** How many times the pool was debited for `partnerReference`: 1 for exactly one execution. */
    debitCount(partnerReference: string): number;
    /** The partner's reply to every notification pushed by `notify`, oldest first. */
    notifications(): readonly Reply[];
    /** Every request that reached the bank (after signature checks or not), oldest first. */
    requests(): readonly { method?: string; body: string; headers: Record<string, unknown> }[];
  };
  /** Queues `fault` for the next `times` requests of its method. @throws TypeError for a `delay` without `ms`. */
  inject(fault: FaysalFault): void;
  /**
   * Pushes a signed status notification (the codec's `notificationMethod`) for `partnerReference` to `url`,
   * twice with `duplicate`, and resolves with the partner's last reply.
   */
  notify(options: {
    url: string;
    partnerReference: string;
    status: string;
    eventId?: string;
    duplicate?: boolean;
    badSignature?: boolean;
  }): Promise<Reply>;
  /** Stops the HTTP server. */
  close(): Promise<void>;
}

type Envelope = { jsonrpc: '2.0'; id: string | number | null; result?: unknown; error?: unknown };

const financial: ReadonlySet<FaysalOperation> = new Set([
  'titleFetch',
  'credit',
  'inquiry',
  'return',
  'balance',
]);
const notificationCodes: Readonly<Record<string, string>> = {
  COMPLETED: '0000',
  PENDING: '0151',
  ON_HOLD: '0150',
  REJECTED: '0192',
  FAILED: '0412',
};

/**
 * Starts the Faysal simulator on 127.0.0.1 (spec §9): `POST /jsonrpc` with the pipeline body limit → signature →
 * JSON parse → envelope → decrypt → dispatch through `jayson.Server` (promise flavour) → encrypt → sign. It keeps
 * a ledger, replays stored responses for identical `(partnerId, rrn)` bytes and injects the §9 faults.
 */
export async function startFaysalSimulator(options: FaysalSimulatorOptions = {}): Promise<FaysalSimulator> {
  const codec = options.codec ?? modelledFaysalCodec;
  let offsetMs = 0;
  const now = () => (options.clock?.() ?? new Date()).getTime() + offsetMs;
  const ledger = createSimulatorLedger({
    now,
    ...(options.pendingMs === undefined ? {} : { pendingMs: options.pendingMs }),
  });

  const bankKeys =
    options.bankPrivateKeyPem === undefined
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : {
          privateKey: createPrivateKey(options.bankPrivateKeyPem),
          publicKey: createPublicKey(options.bankPrivateKeyPem),
        };
  const bankPublicKeyPem = bankKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let partnerKeys: { privateKeyPem: string; publicKeyPem: string } | undefined;
  let partnerPublicKeyPem = options.partnerPublicKeyPem;
  if (partnerPublicKeyPem === undefined) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    partnerKeys = {
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
    partnerPublicKeyPem = partnerKeys.publicKeyPem;
  }
  const partnerKeyId = apiKeyIdFor(partnerPublicKeyPem);
  // The bank signs with its key and verifies with the registered partner key: the same strategy as the client.
  const bankSigner = rsaSha256Signer({
    privateKey: bankKeys.privateKey,
    bankPublicKeys: [partnerPublicKeyPem],
  });

  let encryptionKey: { key: Buffer; keyId: string } | undefined;
  let cipher: FaysalPayloadCipher = noEncryption;
  if (options.encryption === 'aes-256-gcm') {
    encryptionKey = { key: randomBytes(32), keyId: 'sim-gcm-1' };
    cipher = aes256GcmCipher(encryptionKey);
  } else if (options.encryption === 'aes-128-ecb-hex') {
    encryptionKey = { key: randomBytes(16), keyId: 'sim-ecb-1' };
    cipher = aes128EcbHexCipher({ key: encryptionKey.key });
  }

  const faults: (FaysalFault & { remaining: number })[] = [];
  const takeFault = (method: string | undefined) => {
    const index = faults.findIndex((fault) => fault.method === '*' || fault.method === method);
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault;
  };
  const responseCache = new Map<string, { bodyHash: string; body: string }>();
  const received: { method?: string; body: string; headers: Record<string, unknown> }[] = [];
  const notificationReplies: Reply[] = [];

  const server = new jayson.Server(
    {},
    {
      // Methods are routed through the codec, so a codec that renames methods renames them on both sides.
      router(method: string) {
        const operation = codec.operationOf(method);
        if (operation === undefined) return undefined as never;
        return new jayson.Method((async (params: unknown) => {
          try {
            return ledger.handlers[operation](params as never);
          } catch (error) {
            if (error instanceof InvalidParams)
              throw server.error(-32602, 'Invalid params', { fields: error.fields });
            throw server.error(-32603, 'Internal error');
          }
        }) as never) as never;
      },
    },
  );
  const dispatch = (request: { jsonrpc: '2.0'; id: string | number; method: string; params: unknown }) =>
    new Promise<Envelope>((resolve) => {
      server.call(request as never, (error: unknown, response: unknown) =>
        resolve((error ?? response) as Envelope),
      );
    });

  const signed = (
    status: number,
    body: string,
    extra: { unsigned?: boolean; badSignature?: boolean } = {},
  ) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!extra.unsigned) {
      const signature = bankSigner.sign(Buffer.from(body, 'utf8'));
      if (extra.badSignature)
        signature['X-Api-Signature'] = flipFirstCharacter(signature['X-Api-Signature']!);
      Object.assign(headers, signature);
    }
    return { status, headers, body };
  };
  const rpcError = (id: Envelope['id'], code: number, message: string, data?: Record<string, unknown>) =>
    JSON.stringify({ jsonrpc: '2.0', id, error: { code, message, ...(data === undefined ? {} : { data }) } });

  async function handle(request: HttpSimulatorRequest): Promise<HttpSimulatorReply> {
    if (request.method !== 'POST' || request.path !== codec.endpointPath) return { status: 404 };
    const bodyText = request.body.toString('utf8');
    const entry: { method?: string; body: string; headers: Record<string, unknown> } = {
      body: bodyText,
      headers: { ...request.headers },
    };
    received.push(entry);
    // 1. signature against the registered partner key (spec §9 pipeline).
    const keyId = readHeader(request.headers, 'x-api-key');
    if (keyId !== partnerKeyId) {
      return signed(401, rpcError(null, -32002, 'Unknown key', responseBlock('0221')));
    }
    if (!bankSigner.verify(request.body, request.headers)) {
      return signed(200, rpcError(null, -32001, 'Invalid signature', responseBlock('0222')));
    }
    // 2. JSON and the envelope.
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(bodyText);
    } catch {
      return signed(200, rpcError(null, -32700, 'Parse error'));
    }
    if (Array.isArray(message)) return signed(200, rpcError(null, -32600, 'Batches are not supported'));
    const id = message?.id as Envelope['id'];
    if (
      typeof message !== 'object' ||
      message === null ||
      message.jsonrpc !== '2.0' ||
      typeof message.method !== 'string' ||
      (typeof id !== 'string' && typeof id !== 'number')
    ) {
      return signed(200, rpcError(id ?? null, -32600, 'Invalid Request'));
    }
    entry.method = message.method;
    if (typeof message.params !== 'object' || message.params === null || Array.isArray(message.params)) {
      return signed(200, rpcError(id, -32602, 'Named params only'));
    }
    const fault = takeFault(message.method);
    // 3. decryption.
    let params = message.params as Record<string, unknown>;
    if (!cipher.passthrough) {
      try {
        if (fault?.kind === 'decryptFail') throw new Error('injected');
        params = JSON.parse(
          cipher
            .decrypt(
              String(params.encryptedData),
              Buffer.from(String(id), 'utf8'),
              readHeader(request.headers, 'x-enc-key-id'),
            )
            .toString('utf8'),
        );
      } catch {
        return signed(200, rpcError(id, -32003, 'Decryption failed'));
      }
    } else if (fault?.kind === 'decryptFail') {
      return signed(200, rpcError(id, -32003, 'Decryption failed'));
    }
    const operation = codec.operationOf(message.method);
    // Faults that stop the request before the bank acts (unless `commit`).
    if (fault && !fault.commit) {
      if (fault.kind === 'http502') return { status: 502, body: 'Bad Gateway' };
      if (fault.kind === 'rateLimit')
        return signed(200, rpcError(id, -32004, 'Rate limited', { retryAfterMs: 1_000 }));
      if (fault.kind === 'maintenance') return signed(200, rpcError(id, -32005, 'Maintenance'));
      if (fault.kind === 'reset') return { fault: { kind: 'reset-before-response' } };
      if (fault.kind === 'code') return signed(200, codeReply(id, fault.code));
      if (fault.kind === 'delay') await sleep(fault.ms ?? 0);
    }
    // 4. replay defence and the response cache (spec §5, §9).
    const info = (params as { info?: { rrn?: unknown; txnDate?: unknown; txnTime?: unknown } }).info;
    const partnerId = readHeader(request.headers, 'x-partner-id') ?? '';
    const cacheKey = typeof info?.rrn === 'string' ? `${partnerId}:${info.rrn}` : undefined;
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    let replyBody: string;
    const cached = cacheKey === undefined ? undefined : responseCache.get(cacheKey);
    if (cached && cached.bodyHash === bodyHash) {
      replyBody = cached.body; // identical bytes: the stored response, nothing executed again
    } else if (cached) {
      replyBody = JSON.stringify(
        await encryptEnvelope({ jsonrpc: '2.0', id, result: { response: responseBlock('0110') } }),
      );
    } else if (
      operation !== undefined &&
      financial.has(operation) &&
      typeof info?.txnDate === 'string' &&
      typeof info.txnTime === 'string' &&
      ledger.skewSeconds(info.txnDate, info.txnTime) > 300
    ) {
      replyBody = JSON.stringify(
        await encryptEnvelope({ jsonrpc: '2.0', id, result: { response: responseBlock('0118') } }),
      );
    } else {
      const envelope = await dispatch({ jsonrpc: '2.0', id, method: message.method, params });
      replyBody = JSON.stringify(await encryptEnvelope(envelope));
      if (cacheKey !== undefined && envelope.result !== undefined)
        responseCache.set(cacheKey, { bodyHash, body: replyBody });
    }
    // Faults applied after the bank acted.
    if (fault?.commit) {
      if (fault.kind === 'http502') return { status: 502, body: 'Bad Gateway' };
      if (fault.kind === 'reset') {
        return {
          ...signed(200, replyBody),
          fault: fault.midResponse ? { kind: 'reset-mid-response' } : { kind: 'reset-before-response' },
        };
      }
      if (fault.kind === 'delay')
        return { ...signed(200, replyBody), fault: { kind: 'delay', ms: fault.ms ?? 0 } };
      if (fault.kind === 'code') return signed(200, codeReply(id, fault.code));
      if (fault.kind === 'rateLimit')
        return signed(200, rpcError(id, -32004, 'Rate limited', { retryAfterMs: 1_000 }));
      if (fault.kind === 'maintenance') return signed(200, rpcError(id, -32005, 'Maintenance'));
    }
    if (fault) {
      if (fault.kind === 'malformed')
        return signed(200, `${replyBody.slice(0, Math.floor(replyBody.length / 2))}`);
      if (fault.kind === 'wrongId') {
        const other = { ...(JSON.parse(replyBody) as Envelope), id: randomUUID() };
        return signed(200, JSON.stringify(other));
      }
      if (fault.kind === 'unsignedResponse') return signed(200, replyBody, { unsigned: true });
      if (fault.kind === 'badResponseSignature') return signed(200, replyBody, { badSignature: true });
      if (fault.kind === 'reset' && fault.midResponse)
        return { ...signed(200, replyBody), fault: { kind: 'reset-mid-response' } };
    }
    return signed(200, replyBody);
  }

  async function encryptEnvelope(envelope: Envelope): Promise<Envelope> {
    if (cipher.passthrough || envelope.result === undefined) return envelope;
    const encryptedData = cipher.encrypt(
      Buffer.from(JSON.stringify(envelope.result), 'utf8'),
      Buffer.from(String(envelope.id), 'utf8'),
    );
    return { jsonrpc: '2.0', id: envelope.id, result: { encryptedData } };
  }

  function codeReply(id: Envelope['id'], code: string | number | undefined): string {
    if (typeof code === 'number') return rpcError(id, code, 'Injected error');
    const responseCode = code ?? '0113';
    return JSON.stringify({ jsonrpc: '2.0', id, result: { response: responseBlock(responseCode) } });
  }

  const http = await startHttpSimulatorServer({
    handle,
    maxBodyBytes: 256 * 1_024,
    ...(options.port === undefined ? {} : { port: options.port }),
  });

  return {
    baseUrl: http.url,
    bankPublicKeyPem,
    ...(partnerKeys === undefined ? {} : { partnerKeys }),
    ...(encryptionKey === undefined ? {} : { encryptionKey }),
    accounts: ledger.accounts,
    state: {
      advance(ms) {
        offsetMs += ms;
      },
      failCredit: (partnerReference) => ledger.failCredit(partnerReference),
      setPoolBalance: (minor) => ledger.setPoolBalance(minor),
      transactions: () => {
        ledger.settle();
        return [...ledger.transactions.values()].map((transaction) => ({ ...transaction }));
      },
      debitCount: (partnerReference) => ledger.debitCount(partnerReference),
      requests: () => received.map((request) => ({ ...request })),
      notifications: () => [...notificationReplies],
    },
    inject(fault) {
      if (fault.kind === 'delay' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
        throw new TypeError('a delay fault needs ms');
      }
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    async notify(notifyOptions) {
      ledger.settle();
      const transaction = ledger.transactions.get(notifyOptions.partnerReference);
      const status = notifyOptions.status;
      const eventId = notifyOptions.eventId ?? randomUUID();
      const responseCode = notificationCodes[status] ?? '0000';
      const params: Record<string, unknown> = {
        eventId,
        partnerReference: notifyOptions.partnerReference,
        ...(transaction?.returnReference === undefined
          ? {}
          : { returnReference: transaction.returnReference }),
        status,
        ...responseBlock(responseCode),
        bankReference: transaction?.bankReference ?? 'FBL-UNKNOWN',
        rail: transaction?.rail ?? 'BOOK',
        amount: { value: toWireAmount(transaction?.amountMinor ?? 0, 'PKR'), currency: 'PKR' },
        occurredAt: formatKarachiTimestamp(new Date(now())),
      };
      const id = randomUUID();
      const wireParams = cipher.passthrough
        ? params
        : {
            encryptedData: cipher.encrypt(
              Buffer.from(JSON.stringify(params), 'utf8'),
              Buffer.from(id, 'utf8'),
            ),
          };
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id,
        method: codec.notificationMethod,
        params: wireParams,
      });
      const { headers } = signed(200, body, { badSignature: notifyOptions.badSignature === true });
      const copies = notifyOptions.duplicate ? 2 : 1;
      let reply: Reply = { status: 0, headers: {}, body: '' };
      for (let copy = 0; copy < copies; copy++) {
        const response = await fetch(notifyOptions.url, {
          method: 'POST',
          headers: {
            ...headers,
            'X-Partner-Id': 'WIREBRIDGE01',
            ...(encryptionKey === undefined || cipher.passthrough
              ? {}
              : { 'X-Enc-Key-Id': encryptionKey.keyId }),
          },
          body,
        });
        reply = {
          status: response.status,
          headers: Object.fromEntries(response.headers.entries()),
          body: await response.text(),
        };
        notificationReplies.push(reply);
      }
      return reply;
    },
    close: () => http.close(),
  };
}

function flipFirstCharacter(text: string): string {
  return (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
