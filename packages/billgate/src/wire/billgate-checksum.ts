import { createHash, randomBytes } from 'node:crypto';
import { constantTimeEqual } from '@wirebridge/core/crypto';

/** Fixed suffix of the CHECK_SUM input (PHP `Util.php` `CheckSumUtil`, spec §5.2). */
const CHECKSUM_SUFFIX = 'billgatehashkey';

/** Input of CHECK_SUM: the order fields the payment window submits. */
export interface BillgateChecksumInput {
  serviceId: string;
  orderId: string;
  amount: number;
}

/** Input of HASH_DATA: the return POST's order fields, with the amount from our own order record (spec §5.3). */
export interface BillgateHashDataInput {
  serviceId: string;
  orderId: string;
  orderDate: string;
  amount: number;
}

/**
 * CHECK_SUM = r + md5hex(r + SERVICE_ID + ORDER_ID + AMOUNT + "billgatehashkey"), r = 8 lowercase hex chars of
 * 4 CSPRNG bytes (spec §5.2). `randomKey` fixes r (test vectors only).
 */
export function createBillgateChecksum(input: BillgateChecksumInput, randomKey?: string): string {
  const prefix = randomKey ?? randomBytes(4).toString('hex');
  if (!/^[0-9a-f]{8}$/.test(prefix)) throw new TypeError('randomKey must be 8 lowercase hex characters');
  return prefix + checksumDigest(prefix, input);
}

/** Recomputes CHECK_SUM with its own r and compares in constant time (spec §5.2). */
export function verifyBillgateChecksum(checksum: string, input: BillgateChecksumInput): boolean {
  if (typeof checksum !== 'string' || !/^[0-9a-f]{40}$/.test(checksum)) return false;
  const expected = checksum.slice(0, 8) + checksumDigest(checksum.slice(0, 8), input);
  return constantTimeEqual(Buffer.from(checksum, 'latin1'), Buffer.from(expected, 'latin1'));
}

function checksumDigest(prefix: string, input: BillgateChecksumInput): string {
  return createHash('md5')
    .update(`${prefix}${input.serviceId}${input.orderId}${input.amount}${CHECKSUM_SUFFIX}`, 'latin1')
    .digest('hex');
}

/** HASH_DATA = sha256hex(SERVICE_ID + ORDER_ID + ORDER_DATE + AMOUNT) (spec §5.3 step 4). */
export function computeBillgateHashData(input: BillgateHashDataInput): string {
  return createHash('sha256')
    .update(`${input.serviceId}${input.orderId}${input.orderDate}${input.amount}`, 'latin1')
    .digest('hex');
}

/** Constant-time check of HASH_DATA (lengths checked first by core). The vendor sample's inverted test is not copied. */
export function verifyBillgateHashData(hashData: string, input: BillgateHashDataInput): boolean {
  if (typeof hashData !== 'string') return false;
  const expected = computeBillgateHashData(input);
  return constantTimeEqual(Buffer.from(hashData.toLowerCase(), 'latin1'), Buffer.from(expected, 'latin1'));
}
