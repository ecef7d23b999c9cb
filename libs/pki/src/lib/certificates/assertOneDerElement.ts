import { PkiError } from '../errors/PkiError.js';

/**
 * Checks that a parsed certificate's DER holds nothing after it: the certificate id is a hash of
 * these exact bytes, and trailing data would give an id AWS never computes.
 *
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when the outer SEQUENCE does not span the bytes.
 */
export function assertOneDerElement(der: Uint8Array): void {
  const encodedLength = outerDerLength(der);
  if (encodedLength !== der.byteLength) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `The DER is ${der.byteLength} bytes but its outer SEQUENCE spans ${encodedLength}, expected exactly one certificate`,
    );
  }
}

/** Length of the outermost DER element (tag, length octets and content). */
function outerDerLength(der: Uint8Array): number {
  const first = der[1] ?? 0;
  if (first < 0x80) {
    return 2 + first;
  }
  const octets = first & 0x7f;
  let length = 0;
  for (let i = 0; i < octets; i += 1) {
    length = length * 256 + (der[2 + i] ?? 0);
  }
  return 2 + octets + length;
}
