/**
 * Outbound telegrams (us → Coocon VA system, spec §3, §4.2–§4.4): header filling, serials, encryption, and
 * the response check — MTI + 10, same 거래구분, transactionDate, serial, userWorkArea and institutionCode —
 * whose failure is a `ProtocolError` the pipeline treats as an unknown outcome.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { type AttemptContext, type DecodedReply, ProtocolError, type SequenceStore } from '@wirebridge/core';
import { toSeoulParts } from './coocon-dates.js';
import { responseTypeOf } from './coocon-envelope.js';
import { decryptCandidates, encryptPayload } from './coocon-frame.js';
import { COOCON_MESSAGE_TYPES, type CooconTelegramKind } from './coocon-layouts.js';
import { decodeTelegram, encodeTelegram } from './coocon-telegram.js';
import type { ResolvedWireOptions } from './coocon-wire-options.js';

/** What outbound encoding needs from the client. @internal */
export interface OutboundSettings {
  readonly wire: ResolvedWireOptions;
  readonly institutionCode: string;
  readonly bankCode: string;
  readonly sequenceStore: SequenceStore;
  readonly clock: () => Date;
  readonly randomBytes: (size: number) => Uint8Array;
}

/** A decoded, checked outbound response. @internal */
export interface OutboundResponse {
  header: Record<string, unknown>;
  body: Record<string, unknown>;
}

const requestStateKey = 'coocon.request';

/** The sequence name of spec §11: serials per institution, reset each KST day. @internal */
export function serialSequenceName(institutionCode: string): string {
  return `coocon:${institutionCode}`;
}

/**
 * Builds the encrypted payload of one outbound telegram (the TCP client adds the length prefix). A fresh
 * serial and userWorkArea per attempt; the body's reference fields stay the same on every retry.
 * @internal
 */
export async function encodeOutbound(
  settings: OutboundSettings,
  kind: CooconTelegramKind,
  body: Record<string, unknown>,
  context: AttemptContext,
  options: { serial?: number } = {},
): Promise<Uint8Array> {
  const now = toSeoulParts(settings.clock());
  const serial =
    options.serial ??
    (await settings.sequenceStore.next(serialSequenceName(settings.institutionCode), {
      resetDaily: { timeZone: 'Asia/Seoul' },
    }));
  // spec §4.4 userWorkArea: 20 lowercase hex characters from 10 random bytes, echoed back (correlation).
  const userWorkArea = Buffer.from(settings.randomBytes(10)).toString('hex');
  const header = {
    institutionCode: settings.institutionCode,
    bankCode: settings.bankCode,
    originatorCode: settings.institutionCode,
    messageType: COOCON_MESSAGE_TYPES[kind].mti,
    businessCode: COOCON_MESSAGE_TYPES[kind].businessCode,
    responseCode: '0000',
    transactionDate: now.date,
    transactionTime: now.time,
    transactionSerial: serial,
    sendCount: 1,
    userWorkArea,
  };
  const plaintext = encodeTelegram(settings.wire, { kind, header, body });
  context.state.set(requestStateKey, header);
  // Outbound always uses the current key (spec §5.4).
  return encryptPayload(settings.wire, settings.wire.keys[0], plaintext);
}

/**
 * Decrypts and decodes one response payload and checks it answers the request of this attempt.
 * @throws {ProtocolError} (an unknown outcome for money-moving calls) when it does not.
 * @internal
 */
export function decodeOutbound(
  settings: OutboundSettings,
  payload: Buffer,
  context: AttemptContext,
): OutboundResponse {
  const request = context.state.get(requestStateKey) as Record<string, unknown> | undefined;
  const protocolError = (reason: string, cause?: unknown) =>
    new ProtocolError({
      message: `${context.operation}: the response does not answer the request (${reason})`,
      vendor: 'coocon',
      operation: context.operation,
      details: { reason },
      ...(cause === undefined ? {} : { cause }),
    });
  if (request === undefined) throw protocolError('no_request');
  let lastError: unknown;
  let decoded: OutboundResponse | undefined;
  try {
    for (const candidate of decryptCandidates(settings.wire, payload)) {
      try {
        const telegram = decodeTelegram(settings.wire, candidate.plaintext);
        decoded = { header: telegram.header, body: telegram.body };
        break;
      } catch (error) {
        lastError = error;
      }
    }
  } catch (error) {
    lastError = error;
  }
  if (decoded === undefined) throw protocolError('undecodable', lastError);
  const { header } = decoded;
  if (header.messageType !== responseTypeOf(String(request.messageType))) throw protocolError('message_type');
  for (const field of [
    'businessCode',
    'transactionDate',
    'transactionSerial',
    'userWorkArea',
    'institutionCode',
  ]) {
    if (header[field] !== request[field]) throw protocolError(`echo_${field}`);
  }
  return decoded;
}

/** The pipeline's reading of a checked response: code = bytes 38–41, message = responseMessage. @internal */
export function replyOf(response: OutboundResponse, value: unknown): DecodedReply {
  const message = response.header.responseMessage;
  return {
    code: String(response.header.responseCode),
    ...(typeof message === 'string' && message.length > 0 ? { message } : {}),
    value,
  };
}

/** Default source of the userWorkArea bytes. @internal */
export const defaultRandomBytes = (size: number): Uint8Array => nodeRandomBytes(size);
