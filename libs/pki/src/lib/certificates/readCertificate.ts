import { PkiError } from '../errors/PkiError.js';
import { PEM_LABELS } from '../pem/schemas.js';
import { splitPemBundle } from '../pem/splitPemBundle.js';

/**
 * Reads a certificate given as one `CERTIFICATE` PEM block or as DER bytes (returned as given) with
 * `parse`, and checks that the DER holds nothing after it: the certificate id is a hash of these
 * exact bytes, and trailing data would give an id AWS never computes.
 *
 * @throws {PkiError} `MALFORMED_CERTIFICATE` for anything but one certificate PEM block or bytes,
 *   when `parse` throws, or when the outer SEQUENCE does not span the bytes.
 */
export function readCertificate<T>(
  input: string | Uint8Array,
  parse: (der: Uint8Array) => T,
): { parsed: T; der: Uint8Array } {
  const der = typeof input === 'string' ? certificateDer(input) : input;
  if (!(der instanceof Uint8Array)) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Expected a certificate as PEM text or DER bytes, received ${typeof input}`,
    );
  }
  let parsed: T;
  try {
    parsed = parse(der);
  } catch (error) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Could not parse ${der.byteLength} bytes of DER as an X.509 certificate`,
      { cause: error },
    );
  }
  assertOneDerElement(der);
  return { parsed, der };
}

function assertOneDerElement(der: Uint8Array): void {
  const encodedLength = outerDerLength(der);
  if (encodedLength !== der.byteLength) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `The DER is ${der.byteLength} bytes but its outer SEQUENCE spans ${encodedLength}, expected exactly one certificate`,
    );
  }
}

function certificateDer(pem: string): Uint8Array {
  let blocks;
  try {
    blocks = splitPemBundle(pem);
  } catch (error) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Expected a certificate PEM: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const [block] = blocks;
  if (block === undefined || blocks.length !== 1) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Expected exactly 1 "${PEM_LABELS.certificate}" PEM block, received ${blocks.length} (${blocks.map((b) => b.type).join(', ')}); use splitPemBundle for chains`,
    );
  }
  if (block.type !== PEM_LABELS.certificate) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Expected a PEM block of type "${PEM_LABELS.certificate}", received "${block.type.slice(0, 40)}"`,
    );
  }
  return new Uint8Array(Buffer.from(block.base64, 'base64'));
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
