import { ProtocolError, registerFamily, VendorError, type VendorErrorOptions } from '@wirebridge/core';

/** Options of {@link UnionPayError}. */
export interface UnionPayErrorOptions extends VendorErrorOptions {
  orderId?: string;
  orderTime?: Date;
  queryId?: string;
  /** The 7-digit detail code UnionPay appends to `respMsg` as `[NNNNNNN]`. */
  vendorDetailCode?: string;
}

/** UnionPay answered with a non-success `respCode` (or `origRespCode`); branch on `category` and `retryable`. */
export class UnionPayError extends VendorError {
  readonly orderId?: string;
  readonly orderTime?: Date;
  readonly queryId?: string;
  readonly vendorDetailCode?: string;
  constructor(options: UnionPayErrorOptions) {
    super({ vendor: 'unionpay', ...options });
    if (options.orderId !== undefined) this.orderId = options.orderId;
    if (options.orderTime !== undefined) this.orderTime = options.orderTime;
    if (options.queryId !== undefined) this.queryId = options.queryId;
    if (options.vendorDetailCode !== undefined) this.vendorDetailCode = options.vendorDetailCode;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      orderId: this.orderId,
      orderTime: this.orderTime?.toISOString(),
      queryId: this.queryId,
      vendorDetailCode: this.vendorDetailCode,
    };
  }
}
registerFamily(UnionPayError, 'UnionPayError');

/** A settlement file line that does not match its layout (spec §8.5). */
export class FileFormatError extends ProtocolError {
  /** 1-based line number. */
  readonly line: number;
  /** 1-based byte column where the problem starts, when known. */
  readonly column?: number;
  readonly reason: string;
  constructor(options: { line: number; column?: number; reason: string; file?: string }) {
    super({
      message: `${options.file ?? 'settlement file'} line ${options.line}${options.column === undefined ? '' : ` column ${options.column}`}: ${options.reason}`,
      vendor: 'unionpay',
      retryable: false,
      details: { line: options.line, column: options.column, reason: options.reason },
    });
    this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    this.reason = options.reason;
  }
}
registerFamily(FileFormatError, 'FileFormatError');
