/**
 * CP949 / EUC-KR lookup tables, built once (lazily, on the first non-ASCII Korean text) from iconv-lite's
 * CP949 table.
 *
 * Each `iconv.encode`/`iconv.decode` call costs about a microsecond of set-up for a 20-byte name, which alone
 * would hold non-ASCII telegrams under the 1 M frames/s decode budget (DESIGN §10). With the tables a field is
 * one array lookup per character. iconv-lite stays the source of the mapping; building takes one decode call
 * over every possible byte pair (about 10 ms, once per process).
 * @internal
 */
import iconv from 'iconv-lite';

/** First and last lead bytes of CP949 (EUC-KR's KS X 1001 uses 0xA1–0xFE of them). */
const firstLead = 0x81;
const lastLead = 0xfe;
/** First and last possible trail bytes of CP949 (KS X 1001 uses 0xA1–0xFE). */
const firstTrail = 0x41;
const lastTrail = 0xfe;
const trailCount = lastTrail - firstTrail + 1;

/** The two tables: 0 marks "no mapping" (U+0000 and the pair 0x0000 are never non-ASCII Korean text). @internal */
export interface KoreanTables {
  /** Index `(lead − 0x81) × 190 + (trail − 0x41)` → UTF-16 code unit, or 0. */
  readonly decode: Uint16Array;
  /** UTF-16 code unit → `lead << 8 | trail`, or 0. */
  readonly encode: Uint16Array;
}

let tables: KoreanTables | undefined;

/** The tables, built on first use. @internal */
export function koreanTables(): KoreanTables {
  tables ??= buildTables();
  return tables;
}

/** Index of a pair in the decode table, or -1 when the bytes cannot form a CP949 pair at all. @internal */
export function pairIndex(lead: number, trail: number): number {
  if (lead < firstLead || lead > lastLead || trail < firstTrail || trail > lastTrail) return -1;
  return (lead - firstLead) * trailCount + (trail - firstTrail);
}

function buildTables(): KoreanTables {
  const decode = new Uint16Array((lastLead - firstLead + 1) * trailCount);
  const encode = new Uint16Array(0x10000);
  const pairs: number[] = [];
  for (let lead = firstLead; lead <= lastLead; lead++)
    for (let trail = firstTrail; trail <= lastTrail; trail++) pairs.push(lead, trail, 0x0a);
  // One call for all pairs, each followed by a newline (never a trail byte, so it always stands alone): a
  // mapped pair decodes to exactly one character, an unmapped one to U+FFFD and possibly more.
  const decoded = iconv.decode(Buffer.from(pairs), 'cp949').split('\n');
  const oneCall = decoded.length === decode.length + 1;
  for (let lead = firstLead; lead <= lastLead; lead++) {
    for (let trail = firstTrail; trail <= lastTrail; trail++) {
      const index = pairIndex(lead, trail);
      // Should a future iconv-lite split differently, fall back to one call per pair: slower, same table.
      const text = oneCall ? decoded[index]! : iconv.decode(Buffer.from([lead, trail]), 'cp949');
      if (text.length !== 1 || text === '\ufffd') continue;
      const code = text.charCodeAt(0);
      decode[index] = code;
      if (encode[code] === 0) encode[code] = (lead << 8) | trail;
    }
  }
  return { decode, encode };
}
