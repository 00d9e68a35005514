import { defineOperation, type HttpResponse, ProtocolError } from '@wirebridge/core';
import { z } from 'zod';
import { unionPayFileCodes } from '../unionpay-codes.js';
import { decodeFileContent } from '../wire/files/file-content.js';
import { readZipEntries, type ZipEntry } from '../wire/files/zip-reader.js';
import { formatSettleDate, settlementDateOf } from '../wire/time.js';
import { buildRequest, fileDownloadFields, type UnionPayWireContext } from '../wire/unionpay-codec.js';
import { readGatewayReply } from './operation-support.js';

/** A downloaded, verified and unpacked settlement archive. */
export interface SettlementArchive {
  settlementDate: Date;
  fileName: string;
  zip: Buffer;
  entries: ZipEntry[];
}

const archiveSchema = z.custom<SettlementArchive>(
  (value) => typeof value === 'object' && value !== null && Buffer.isBuffer((value as SettlementArchive).zip),
);

/**
 * Reconciliation download 76/01 (spec §2, §8.1): safe, 30 s timeout. The signature covers `fileContent`, so
 * the reply is verified before anything is decoded; `98` (Modelled) means no file for that date (`not_found`).
 */
export function defineDownloadSettlementFile(
  wire: UnionPayWireContext,
  options: { fileNotFoundCodes: readonly string[]; timeoutMs: number },
) {
  const codes = unionPayFileCodes(options.fileNotFoundCodes);
  return defineOperation({
    name: 'unionpay.settlement.downloadFile',
    input: z.object({
      settlementDate: z
        .union([z.date(), z.string().regex(/^\d{8}$/, 'must be YYYYMMDD')])
        .transform((value, context) => {
          const date = settlementDateOf(value, wire.timeZoneOffsetMinutes);
          if (date === undefined) {
            context.addIssue({ code: 'custom', message: 'must be a valid date' });
            return z.NEVER;
          }
          return date;
        }),
    }),
    output: archiveSchema,
    idempotency: 'safe',
    timeoutMs: options.timeoutMs,
    codes,
    encode: (input) =>
      buildRequest(
        wire,
        'file',
        fileDownloadFields(wire, formatSettleDate(input.settlementDate, wire.timeZoneOffsetMinutes)),
      ),
    decode: (response: HttpResponse, attempt) => {
      const reply = readGatewayReply(wire, codes, response, attempt);
      const { fileContent, fileName } = reply.fields;
      if (fileContent === undefined || fileName === undefined) {
        throw new ProtocolError({ message: `${attempt.operation}: reply has no file`, vendor: 'unionpay' });
      }
      const zip = decodeFileContent(fileContent);
      return {
        code: reply.code,
        message: reply.message,
        value: { settlementDate: attempt.input.settlementDate, fileName, zip, entries: readZipEntries(zip) },
      };
    },
  });
}
