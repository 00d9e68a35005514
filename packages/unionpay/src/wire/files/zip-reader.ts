/**
 * A small ZIP reader for UnionPay settlement archives (spec §8.2): no dependency. It trusts only the central
 * directory (the sample sets flag bit 3, so local headers hold zero sizes), inflates methods 0 and 8, checks
 * CRC-32, and refuses encryption, zip64, unsafe names and archives expanding beyond 200 MiB.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { ProtocolError } from '@wirebridge/core';

/** One archive entry, classified by name (spec §8.2). */
export interface ZipEntry {
  name: string;
  kind: 'ZM' | 'ZME' | 'RD' | 'other';
  data: Buffer;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_EXPANDED_BYTES = 200 * 1024 * 1024;

function zipError(reason: string): ProtocolError {
  return new ProtocolError({
    message: `settlement archive rejected: ${reason}`,
    vendor: 'unionpay',
    retryable: false,
    details: { reason },
  });
}

/** Entry kind by name: `ZME_` → ZME, `ZM_` → ZM, starts with `RD` → RD, else other (spec §8.2). */
export function entryKind(name: string): ZipEntry['kind'] {
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (base.includes('ZME_')) return 'ZME';
  if (base.includes('ZM_')) return 'ZM';
  if (base.startsWith('RD')) return 'RD';
  return 'other';
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The EOCD record is 22 bytes plus a comment of up to 65 535 bytes.
  const earliest = Math.max(0, zip.length - 22 - 0xffff);
  for (let offset = zip.length - 22; offset >= earliest; offset--) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) return offset;
  }
  throw zipError('no end of central directory');
}

/**
 * Reads every entry of a ZIP archive.
 * @throws ProtocolError for a truncated or corrupted archive, a CRC mismatch, encryption, zip64 or an unsafe name.
 */
export function readZipEntries(zip: Buffer): ZipEntry[] {
  if (zip.length < 22) throw zipError('too short');
  const eocd = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  const directorySize = zip.readUInt32LE(eocd + 12);
  let offset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || directorySize === 0xffffffff)
    throw zipError('zip64 is not supported');
  if (offset + directorySize > eocd) throw zipError('central directory out of bounds');
  const entries: ZipEntry[] = [];
  let expanded = 0;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw zipError('bad central directory entry');
    }
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip
      .subarray(offset + 46, offset + 46 + nameLength)
      .toString(flags & 0x800 ? 'utf8' : 'latin1');
    offset += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) throw zipError(`entry ${name} is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw zipError('zip64 is not supported');
    if (
      name.startsWith('/') ||
      name.includes('\\') ||
      /^[A-Za-z]:/.test(name) ||
      name.split('/').includes('..')
    ) {
      throw zipError('unsafe entry name');
    }
    if (name.endsWith('/')) continue; // a directory
    expanded += size;
    if (expanded > MAX_EXPANDED_BYTES) throw zipError('expands beyond 200 MiB');
    if (localOffset + 30 > zip.length || zip.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) {
      throw zipError(`bad local header of ${name}`);
    }
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > zip.length) throw zipError(`entry ${name} is truncated`);
    const compressed = zip.subarray(dataStart, dataStart + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(compressed);
    else if (method === 8) {
      try {
        data = inflateRawSync(compressed, { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw zipError(`entry ${name} does not inflate`);
      }
    } else throw zipError(`entry ${name} uses compression method ${method}`);
    if (data.length !== size) throw zipError(`entry ${name} has the wrong size`);
    if (crc32(data) >>> 0 !== crc) throw zipError(`entry ${name} fails its CRC-32`);
    entries.push({ name, kind: entryKind(name), data });
  }
  return entries;
}
