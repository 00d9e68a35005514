import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import type { InboundRequest, NotificationHandler, NotificationResult } from '@wirebridge/core';
import { createSoapEnvelopeParser, type SoapEnvelopeParser } from '@wirebridge/core/soap';
import { MINIMAL_WSDL_SHAPES, minimalWsdl } from '../wire/minimal-wsdl.js';
import {
  buildNotificationAck,
  NIS_REPLIES,
  readNotification,
  type WesternUnionNotificationEvent,
} from '../wire/nis-codec.js';

/** NIS bodies are capped at 256 KiB (spec §5.4). */
const maxNotificationBytes = 256 * 1024;

/** What the NIS handler needs from the client options. */
export interface NisHandlerOptions {
  allowedIps: readonly string[];
  basicAuth: readonly { username: string; password: string }[];
  /** The integrator's `NisNotification.wsdl`; our minimal NIS WSDL when absent (spec §7). */
  wsdlPath: string | undefined;
  amountScaleOverrides: Readonly<Record<string, number>>;
}

/** `::ffff:1.2.3.4` → `1.2.3.4` (spec §5.3). */
function normaliseAddress(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? (mapped[1] as string) : trimmed;
}

function allowList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const normalised = normaliseAddress(address) ?? '';
    const family = isIP(normalised);
    if (family === 0) throw new Error(`notifications.allowedIps: ${entry} is not an address or CIDR block`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(normalised, type);
    else list.addSubnet(normalised, Number(prefix), type);
  }
  return list;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function headerValue(headers: InboundRequest['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/**
 * Verifies and parses one NIS push (spec §5.3, §7): the source IP against the allow-list, then Basic credentials
 * (SHA-256 digests compared with `timingSafeEqual`), both before any XML parsing; then the DOCTYPE/size checks and
 * the strict parse. Pure: no dedupe (that is `process()`).
 */
export function createNisHandler(
  options: NisHandlerOptions,
): NotificationHandler<WesternUnionNotificationEvent> {
  const allowed = allowList(options.allowedIps);
  const credentials = options.basicAuth.map((entry) => digest(`${entry.username}:${entry.password}`));
  let parser: Promise<SoapEnvelopeParser> | undefined;
  const loadParser = () => {
    parser ??= createSoapEnvelopeParser({
      ...(options.wsdlPath !== undefined && existsSync(options.wsdlPath)
        ? { wsdlPath: options.wsdlPath }
        : { wsdl: minimalWsdl('nis') }),
      maxBytes: maxNotificationBytes,
      vendor: 'western-union',
    });
    parser.catch(() => {
      parser = undefined;
    });
    return parser;
  };

  const reject = (
    reason: 'ip_not_allowed' | 'unauthenticated' | 'malformed',
    detail: string,
  ): NotificationResult<WesternUnionNotificationEvent> => ({
    accepted: false,
    event: null,
    rejection: { reason, detail },
    reply:
      reason === 'ip_not_allowed'
        ? NIS_REPLIES.ipNotAllowed()
        : reason === 'unauthenticated'
          ? NIS_REPLIES.unauthenticated()
          : NIS_REPLIES.malformed(),
  });

  return {
    async handle(request) {
      // spec §5.3 (a): the source address first.
      const address = normaliseAddress(request?.remoteAddress);
      const family = address === undefined ? 0 : isIP(address);
      if (address === undefined || family === 0 || !allowed.check(address, family === 6 ? 'ipv6' : 'ipv4')) {
        return reject('ip_not_allowed', 'the source address is not in notifications.allowedIps');
      }
      // spec §5.3 (b): Basic credentials, compared as digests in constant time, every entry checked.
      const authorization = headerValue(request.headers, 'authorization') ?? '';
      const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
      const presented = digest(match ? Buffer.from(match[1] as string, 'base64').toString('utf8') : '\u0000');
      let authenticated = false;
      for (const expected of credentials)
        authenticated = timingSafeEqual(presented, expected) || authenticated;
      if (!authenticated) return reject('unauthenticated', 'missing or wrong Basic credentials');
      // spec §5.4, §7: DOCTYPE, size and charset are refused by the parser before parsing.
      let parsed: Awaited<ReturnType<SoapEnvelopeParser['parse']>>;
      try {
        const contentType = headerValue(request.headers, 'content-type');
        parsed = (await loadParser()).parse(request.rawBody, contentType);
      } catch (error) {
        const reason = (error as { details?: { reason?: string } }).details?.reason ?? 'unparseable';
        return reject('malformed', `the envelope was refused (${reason})`);
      }
      if (parsed.element !== MINIMAL_WSDL_SHAPES.nis.request) {
        return reject('malformed', 'no nis-notification-request in the Body');
      }
      const event = readNotification(parsed.value, parsed.header, options.amountScaleOverrides);
      if (event === undefined) return reject('malformed', 'a required element is missing or malformed');
      return {
        accepted: true,
        event,
        dedupeKey: event.dedupeKey,
        reply: buildNotificationAck(parsed.value),
        failureReply: NIS_REPLIES.retryLater(),
      };
    },
  };
}
