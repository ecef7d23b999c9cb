import type { DerElement } from './types.js';

/**
 * Reads the element that starts at `offset` of `der` and must end by `limit` (defaults to the end of
 * `der`). Only strict DER is read: a single-octet tag and a definite length in its shortest form.
 *
 * @returns the element, or `undefined` for anything else (high tag numbers, indefinite or
 *   non-minimal lengths, truncated input). Never throws.
 */
export function readDerElement(
  der: Uint8Array,
  offset: number,
  limit: number = der.byteLength,
): DerElement | undefined {
  const tag = der[offset];
  const first = der[offset + 1];
  if (tag === undefined || first === undefined || (tag & 0x1f) === 0x1f || offset + 2 > limit) {
    return undefined;
  }
  let contentStart = offset + 2;
  let length = first;
  if (first >= 0x80) {
    const octets = first & 0x7f;
    // 0x80 is BER's indefinite length; DER lengths above 4 GiB do not occur here.
    if (octets === 0 || octets > 4 || contentStart + octets > limit) {
      return undefined;
    }
    length = 0;
    for (let i = 0; i < octets; i += 1) {
      length = length * 256 + (der[contentStart + i] ?? 0);
    }
    // X.690 10.1: the shortest form (no leading zero octet, long form only from 128 on).
    if (length < 0x80 || der[contentStart] === 0) {
      return undefined;
    }
    contentStart += octets;
  }
  const end = contentStart + length;
  return end > limit ? undefined : { tag, start: offset, contentStart, end };
}
