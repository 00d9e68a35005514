import { ProtocolError, registerFamily, type WirebridgeErrorOptions } from '../errors/index.js';

/**
 * Why received bytes did not match a layout:
 * - `LENGTH`: the frame is not exactly the layout's length;
 * - `FORMAT`: an N field holds something other than ASCII digits (or blanks where blanks are not allowed),
 *   text bytes are invalid in the charset, or a fixed field holds another value;
 * - `SPLIT_MULTIBYTE`: a text field ends with the first byte of a 2-byte character (the sender cut it);
 * - `OVERFLOW`: an N field decoded `as: 'number'` holds a value above `Number.MAX_SAFE_INTEGER`.
 */
export type LayoutErrorReason = 'LENGTH' | 'FORMAT' | 'SPLIT_MULTIBYTE' | 'OVERFLOW';

/** Options of {@link LayoutError}. */
export interface LayoutErrorOptions extends Omit<WirebridgeErrorOptions, 'message'> {
  /** Name of the layout being decoded. */
  layout: string;
  /** Name of the field that failed; absent when the whole frame is wrong (`LENGTH`). */
  field?: string;
  /** Byte offset (from the start of the frame) where the problem was found. */
  offset: number;
  /** What was wrong. */
  reason: LayoutErrorReason;
  /** What was expected, without the received value. Used to build the message. */
  detail: string;
}

/**
 * Received bytes do not fit a fixed-width layout. A `ProtocolError`, so the pipeline treats it as a
 * malformed response (DESIGN §3).
 *
 * It names the layout, the field and the byte offset, and never the field's content: fields carry account
 * numbers and names (DESIGN §7).
 */
export class LayoutError extends ProtocolError {
  /** Name of the layout being decoded. */
  readonly layout: string;
  /** Name of the failing field, absent for a whole-frame problem. */
  readonly field?: string;
  /** Byte offset (from the start of the frame) where the problem was found. */
  readonly offset: number;
  /** What was wrong. */
  readonly reason: LayoutErrorReason;

  constructor(options: LayoutErrorOptions) {
    const where = options.field === undefined ? '' : ` field ${options.field}`;
    super({
      ...options,
      message: `layout ${options.layout}${where} at byte ${options.offset}: ${options.detail} (${options.reason})`,
    });
    this.layout = options.layout;
    if (options.field !== undefined) this.field = options.field;
    this.offset = options.offset;
    this.reason = options.reason;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      layout: this.layout,
      field: this.field,
      offset: this.offset,
      reason: this.reason,
    };
  }
}
registerFamily(LayoutError, 'LayoutError');
