import { createHash } from 'node:crypto';
import { PkiError } from '../errors/PkiError.js';

/**
 * RFC 5280 4.2.1.2 method (1) key identifier: SHA-1 of the subjectPublicKey BIT STRING (without its
 * unused-bits octet), as lowercase hex. Computed from the SPKI DER directly because it runs on every
 * issuance, and exporting a CryptoKey to hash it costs more than the hash.
 *
 * @throws {PkiError} `MALFORMED_KEY` when the bytes are not a DER SubjectPublicKeyInfo.
 */
export function subjectKeyIdentifier(spki: Uint8Array): string {
  const outer = readHeader(spki, 0, 0x30);
  const algorithm = readHeader(spki, outer.contentStart, 0x30);
  const bitString = readHeader(spki, algorithm.contentStart + algorithm.length, 0x03);
  const bits = spki.subarray(bitString.contentStart + 1, bitString.contentStart + bitString.length);
  return createHash('sha1').update(bits).digest('hex');
}

function readHeader(
  der: Uint8Array,
  offset: number,
  tag: number,
): { contentStart: number; length: number } {
  const first = der[offset + 1];
  if (der[offset] !== tag || first === undefined) {
    throw new PkiError(
      'MALFORMED_KEY',
      `Unexpected DER at offset ${offset} of a ${der.byteLength}-byte public key, expected a SubjectPublicKeyInfo`,
    );
  }
  if (first < 0x80) {
    return { contentStart: offset + 2, length: first };
  }
  const octets = first & 0x7f;
  let length = 0;
  for (let i = 0; i < octets; i += 1) {
    length = length * 256 + (der[offset + 2 + i] ?? 0);
  }
  const contentStart = offset + 2 + octets;
  if (octets === 0 || octets > 4 || contentStart + length > der.byteLength) {
    throw new PkiError(
      'MALFORMED_KEY',
      `Invalid DER length at offset ${offset} of a ${der.byteLength}-byte public key, expected a SubjectPublicKeyInfo`,
    );
  }
  return { contentStart, length };
}
