import type { WuPartyInput } from './quote-codec.js';

/** A sender or receiver (spec §11 `WuParty`). */
export type WuParty = WuPartyInput;
