/**
 * Verifies and parses one pushed telegram (spec §5.3, §7 stateless handler), in this order, on the raw bytes:
 * remote address in the allow-list → prefix digits and bounds → whole cipher blocks → decrypt with the current
 * key, then each previous key → PKCS#7 → length rule → header decodes with known envelope values and our
 * institution/bank codes → body decodes. The first key that passes every step wins and encrypts the ack.
 * ECB has no MAC: these structural checks and the allow-list are the authenticity controls — keep them all.
 */
import type { InboundRequest, NotificationResult, RejectionReason, Reply } from '@wirebridge/core';
import { buildAck } from '../wire/coocon-envelope.js';
import { type DecryptedCandidate, decryptCandidates, framePayload, frameWith } from '../wire/coocon-frame.js';
import { COOCON_MESSAGE_TYPES } from '../wire/coocon-layouts.js';
import { type DecodedTelegram, decodeTelegram } from '../wire/coocon-telegram.js';
import type { ResolvedWireOptions } from '../wire/coocon-wire-options.js';
import { type CooconEvent, eventOf } from './coocon-events.js';

/** What the inbound handler checks against. @internal */
export interface InboundSettings {
  readonly wire: ResolvedWireOptions;
  readonly institutionCode: string;
  readonly bankCode: string;
}

/** Why a telegram was refused, in the words of spec §7 (`detail` names the failed check). */
type Rejection = {
  reason: RejectionReason;
  detail: 'ip' | 'framing' | 'decrypt' | 'malformed' | 'institution' | 'unknown_type';
};

const inboundKinds = new Set(['deposit', 'depositCancel', 'dayOpen', 'echo', 'dayClose']);

/** Verifies, decrypts and decodes one inbound frame (prefix included); pure. @internal */
export function handleInbound(
  settings: InboundSettings,
  request: InboundRequest,
  isAllowed: (address: string | undefined) => boolean,
): NotificationResult<CooconEvent> {
  const reject = (rejection: Rejection): NotificationResult<CooconEvent> => ({
    accepted: false,
    event: null,
    rejection,
    reply: emptyReply(),
  });
  if (!isAllowed(request?.remoteAddress)) return reject({ reason: 'ip_not_allowed', detail: 'ip' });
  const raw = request.rawBody;
  const frame = typeof raw === 'string' ? Buffer.from(raw, 'latin1') : raw;
  let payload: Buffer;
  let candidates: DecryptedCandidate[];
  try {
    payload = framePayload(settings.wire, frame);
    candidates = [...decryptCandidates(settings.wire, payload)];
  } catch {
    return reject({ reason: 'malformed', detail: 'framing' });
  }
  if (candidates.length === 0) return reject({ reason: 'bad_signature', detail: 'decrypt' });

  let worst: Rejection | undefined;
  const rank = (rejection: Rejection) =>
    ['malformed', 'unknown_type', 'institution'].indexOf(rejection.detail);
  for (const candidate of candidates) {
    const outcome = checkCandidate(settings, candidate.plaintext);
    if ('telegram' in outcome) {
      const event = eventOf(outcome.telegram);
      if (event === undefined) continue;
      const ack = frameWith(
        settings.wire,
        buildAck(settings.wire, candidate.plaintext, '0000'),
        candidate.key,
      );
      return {
        accepted: true,
        event,
        dedupeKey: event.dedupeKey,
        reply: { status: 0, headers: {}, body: ack },
        failureReply: emptyReply(),
      };
    }
    if (worst === undefined || rank(outcome.rejection) > rank(worst)) worst = outcome.rejection;
  }
  // With zero padding every key "decrypts": garbage under every key means no key fits.
  if (worst?.detail === 'malformed' && settings.wire.cryptoEnabled && settings.wire.padding === 'zero') {
    return reject({ reason: 'bad_signature', detail: 'decrypt' });
  }
  return reject(worst ?? { reason: 'malformed', detail: 'malformed' });
}

function checkCandidate(
  settings: InboundSettings,
  plaintext: Buffer,
): { telegram: DecodedTelegram } | { rejection: Rejection } {
  let telegram: DecodedTelegram;
  try {
    telegram = decodeTelegram(settings.wire, plaintext);
  } catch (error) {
    const unknownType = (error as { details?: { reason?: string } })?.details?.reason === 'unknown_type';
    return { rejection: { reason: 'malformed', detail: unknownType ? 'unknown_type' : 'malformed' } };
  }
  const { header } = telegram;
  // Only requests are pushed to us, never responses (0210…), and they carry 0000.
  if (!inboundKinds.has(telegram.kind) || header.messageType !== COOCON_MESSAGE_TYPES[telegram.kind].mti) {
    return { rejection: { reason: 'malformed', detail: 'unknown_type' } };
  }
  if (!/^[0-9A-Z]{4}$/.test(String(header.responseCode))) {
    return { rejection: { reason: 'malformed', detail: 'malformed' } };
  }
  if (header.institutionCode !== settings.institutionCode || header.bankCode !== settings.bankCode) {
    return { rejection: { reason: 'unauthenticated', detail: 'institution' } };
  }
  return { telegram };
}

/** TCP replies: only `body` matters; an empty body means "close without writing" (spec §7). */
function emptyReply(): Reply {
  return { status: 0, headers: {}, body: new Uint8Array(0) };
}
