/** One BIN table entry (spec §8.7, Modelled). */
export interface BinEntry {
  /** 1–12 digits. */
  prefix: string;
  issuer?: string;
  cardType: 'debit' | 'credit' | 'semi_credit' | 'prepaid' | 'unknown';
  /** PAN lengths this BIN issues; a lookup of another length misses unless `ignoreLength`. */
  panLengths?: readonly number[];
  attributes?: Readonly<Record<string, string>>;
}

/** Where a BIN file comes from. */
export type BinSource =
  | { type: 'file'; path: string }
  | { type: 'url'; url: string; headers?: Record<string, string>; timeoutMs?: number }
  | { type: 'buffer'; data: Buffer }
  | {
      type: 'custom';
      /** Resolves with the raw bytes of the BIN file. */
      load: () => Promise<Buffer>;
    };

/** How a BIN file is read. */
export type BinFormat =
  | {
      type: 'csv';
      encoding?: 'utf-8' | 'gbk';
      delimiter?: string;
      hasHeader?: boolean;
      columns: {
        prefix: string | number;
        issuer?: string | number;
        cardType?: string | number;
        panLength?: string | number;
      };
      cardTypeMap?: Record<string, BinEntry['cardType']>;
    }
  | {
      type: 'custom';
      /** Turns the loaded bytes into BIN entries. */
      parse: (data: Buffer) => Iterable<BinEntry>;
    };
