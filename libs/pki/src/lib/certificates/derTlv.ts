/**
 * One DER TLV (X.690 8.1): `tag`, the definite length of the concatenated `contents` (short form
 * below 128 octets, long form above) and the contents. Used to assemble a certificate from parts
 * that are already DER, without parsing and re-serializing them.
 */
export function derTlv(tag: number, ...contents: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of contents) {
    length += part.byteLength;
  }
  const lengthOctets: number[] = [];
  if (length < 0x80) {
    lengthOctets.push(length);
  } else {
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
      lengthOctets.unshift(rest % 256);
    }
    lengthOctets.unshift(0x80 | lengthOctets.length);
  }
  const out = new Uint8Array(1 + lengthOctets.length + length);
  out[0] = tag;
  out.set(lengthOctets, 1);
  let offset = 1 + lengthOctets.length;
  for (const part of contents) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
