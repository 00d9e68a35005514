import { inflateSync } from 'node:zlib';
import { ProtocolError } from '@wirebridge/core';

/**
 * `fileContent` of a 76 reply → zip bytes (spec §8.2): base64, then zlib inflate with the zlib header (Java
 * `Inflater(false)`).
 * @throws ProtocolError when the content is not base64 of zlib data.
 */
export function decodeFileContent(fileContent: string): Buffer {
  const compressed = Buffer.from(fileContent.replace(/\s+/g, ''), 'base64');
  try {
    return inflateSync(compressed, { maxOutputLength: 50 * 1024 * 1024 });
  } catch {
    throw new ProtocolError({
      message: 'fileContent is not zlib data',
      vendor: 'unionpay',
      retryable: false,
    });
  }
}
