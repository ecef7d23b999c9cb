import { PkiError } from '../errors/PkiError.js';
import { PEM_LABELS } from '../pem/schemas.js';
import { splitPemBundle } from '../pem/splitPemBundle.js';

/**
 * The DER of a certificate given as one `CERTIFICATE` PEM block or as DER bytes (returned as
 * given). Checks the form only; the caller parses it, then checks it with `assertOneDerElement`.
 *
 * @throws {PkiError} `MALFORMED_CERTIFICATE` for anything but one certificate PEM block or bytes.
 */
export function readCertificateDer(input: string | Uint8Array): Uint8Array {
  const der = typeof input === 'string' ? certificateDer(input) : input;
  if (!(der instanceof Uint8Array)) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Expected a certificate as PEM text or DER bytes, received ${typeof input}`,
    );
  }
  return der;
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
