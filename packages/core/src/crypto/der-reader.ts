/**
 * A minimal DER reader for the few certificate fields `node:crypto` exposes only as display text
 * (subject attributes, exact validity instants). It reads tag-length-value headers and nothing else.
 * @internal
 */

/** One DER element: its tag byte and where its content lies in the source bytes. @internal */
export interface DerElement {
  tag: number;
  /** Offset of the first content byte. */
  start: number;
  /** Offset just past the last content byte. */
  end: number;
}

/** Thrown for bytes that are not well-formed DER; callers turn it into their own typed error. @internal */
export class DerFormatError extends Error {}

/** Reads the element whose header starts at `offset`, which must lie before `limit`. @internal */
export function readDerElement(bytes: Uint8Array, offset: number, limit = bytes.length): DerElement {
  if (offset + 2 > limit) throw new DerFormatError('truncated DER header');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerFormatError('multi-byte DER tags are not used in certificates');
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const lengthBytes = length & 0x7f;
    // Four length bytes cover any certificate; more (or the indefinite form 0x80) is not DER we read.
    if (lengthBytes === 0 || lengthBytes > 4 || start + lengthBytes > limit) {
      throw new DerFormatError('unsupported DER length');
    }
    length = 0;
    for (let index = 0; index < lengthBytes; index++) length = length * 256 + bytes[start + index]!;
    start += lengthBytes;
  }
  const end = start + length;
  if (end > limit) throw new DerFormatError('DER element overruns its container');
  return { tag, start, end };
}

/** Reads the children of a constructed element. @internal */
export function readDerChildren(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const children: DerElement[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const child = readDerElement(bytes, offset, parent.end);
    children.push(child);
    offset = child.end;
  }
  return children;
}
