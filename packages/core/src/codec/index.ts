// @wirebridge/core/codec — fixed-width layouts, wire charsets and tag/count/length records (DESIGN §12).
// Generic machinery only: vendor layouts and tag tables live in the vendor packages' wire/ folders.
export { decodeLayout } from './decode-layout.js';
export { decodeTagRecords, type TagRecordErrorReason } from './decode-tag-records.js';
export { type DefineLayoutOptions, defineLayout } from './define-layout.js';
export { encodeLayout, type LayoutIssueCode } from './encode-layout.js';
export { encodeTagRecords } from './encode-tag-records.js';
export { LayoutError, type LayoutErrorOptions, type LayoutErrorReason } from './layout-error.js';
export type {
  BinaryFieldSpec,
  DecodeLayoutOptions,
  FieldSpec,
  Layout,
  LayoutField,
  LayoutFieldSpecs,
  LayoutInput,
  LayoutValues,
  LayoutWarning,
  NumericFieldSpec,
  TextFieldSpec,
} from './layout-types.js';
export { redactLayoutValues } from './redact-layout.js';
export type {
  DecodeTagRecordsOptions,
  EncodeTagRecordsOptions,
  TagRecord,
  TagRecordFormat,
} from './tag-record-format.js';
export { DEFAULT_TEXT_CHARSET, type TextCharset } from './text-charset.js';
export { encodedWidth, truncateToWidth } from './text-width.js';
