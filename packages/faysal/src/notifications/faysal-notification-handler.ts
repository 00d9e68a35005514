import type { InboundRequest, NotificationHandler, NotificationResult, Reply } from '@wirebridge/core';
import type { FaysalNotificationEvent } from '../faysal-types.js';
import type { FaysalCodec } from '../wire/faysal-codec.js';
import type { FaysalSecurity } from '../wire/faysal-wire.js';
import { readHeader } from '../wire/rsa-signer.js';
import { isAllowedAddress } from './ip-allow-list.js';

type Rejection = Extract<NotificationResult<FaysalNotificationEvent>, { accepted: false }>;

/** Options of {@link createFaysalNotificationHandler}. */
export interface FaysalNotificationHandlerOptions {
  codec: FaysalCodec;
  security: FaysalSecurity;
  allowedIps?: readonly string[];
}

/**
 * Verifies and parses one `remittance.statusChanged` push (spec §7): allow-list → signature over the raw bytes
 * (unknown key id → reject) → JSON-RPC envelope → decrypt → zod. No timestamp window: bank retries arrive late by
 * design. Every reply, rejections included, is signed with our key so the bank can trust the ack.
 */
export function createFaysalNotificationHandler(
  options: FaysalNotificationHandlerOptions,
): NotificationHandler<FaysalNotificationEvent> {
  const { codec, security } = options;

  const reply = (status: number, body: Record<string, unknown>): Reply => {
    const bytes = Buffer.from(JSON.stringify(body), 'utf8');
    return {
      status,
      headers: { 'Content-Type': 'application/json', ...security.signer.sign(bytes) },
      body: bytes.toString('utf8'),
    };
  };
  const errorReply = (status: number, id: unknown, code: number, message: string) =>
    reply(status, { jsonrpc: '2.0', id: id ?? null, error: { code, message } });
  const reject = (
    reason: Rejection['rejection']['reason'],
    detail: string,
    status: number,
    code: number,
    message: string,
    id?: unknown,
  ): Rejection => ({
    accepted: false,
    event: null,
    rejection: { reason, detail },
    reply: errorReply(status, id, code, message),
  });

  return {
    handle(request: InboundRequest): NotificationResult<FaysalNotificationEvent> {
      if (options.allowedIps !== undefined && !isAllowedAddress(request.remoteAddress, options.allowedIps)) {
        return reject('ip_not_allowed', 'source address not allow-listed', 403, -32002, 'Forbidden');
      }
      const raw =
        typeof request.rawBody === 'string'
          ? Buffer.from(request.rawBody, 'utf8')
          : Buffer.from(request.rawBody);
      const keyId = readHeader(request.headers, 'x-api-key');
      if (
        keyId === undefined ||
        (security.signer.knowsKey !== undefined && !security.signer.knowsKey(keyId))
      ) {
        return reject('unauthenticated', 'unknown or missing X-Api-Key', 401, -32002, 'Unknown key');
      }
      if (!security.signer.verify(raw, request.headers)) {
        return reject('bad_signature', 'signature does not verify', 401, -32001, 'Invalid signature');
      }
      let message: { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };
      try {
        message = JSON.parse(raw.toString('utf8'));
      } catch {
        return reject('malformed', 'body is not JSON', 400, -32600, 'Invalid Request');
      }
      const id = message?.id;
      if (
        typeof message !== 'object' ||
        message === null ||
        Array.isArray(message) ||
        message.jsonrpc !== '2.0' ||
        typeof message.method !== 'string' ||
        (typeof id !== 'string' && typeof id !== 'number') ||
        typeof message.params !== 'object' ||
        message.params === null ||
        Array.isArray(message.params)
      ) {
        return reject(
          'malformed',
          'not a JSON-RPC 2.0 request with named params',
          400,
          -32600,
          'Invalid Request',
          id,
        );
      }
      let params: unknown = message.params;
      const encryptedData = (params as { encryptedData?: unknown }).encryptedData;
      if (typeof encryptedData === 'string') {
        try {
          const keyIdHeader = readHeader(request.headers, 'x-enc-key-id');
          params = JSON.parse(
            security.cipher
              .decrypt(encryptedData, Buffer.from(String(id), 'utf8'), keyIdHeader)
              .toString('utf8'),
          );
        } catch {
          return reject('bad_signature', 'decrypt', 401, -32003, 'Decryption failed', id);
        }
      }
      let event: FaysalNotificationEvent;
      try {
        event = codec.decodeNotification(message.method, params);
      } catch {
        return reject('malformed', 'params do not match the contract', 400, -32600, 'Invalid Request', id);
      }
      return {
        accepted: true,
        event,
        dedupeKey: event.dedupeKey,
        reply: reply(200, { jsonrpc: '2.0', id, result: codec.encodeNotificationAck() }),
        // The bank retries until a verified ack arrives (spec §7), so a signed 500 asks for a resend.
        failureReply: errorReply(500, id, -32603, 'Internal error'),
      };
    },
  };
}
