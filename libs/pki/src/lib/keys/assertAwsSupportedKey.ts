import { PkiError } from '../errors/PkiError.js';
import { MIN_RSA_MODULUS_BITS, SUPPORTED_CURVES, type PublicKeyDescription } from './schemas.js';

const EXPECTED = `RSA with at least ${MIN_RSA_MODULUS_BITS} bits or EC on ${SUPPORTED_CURVES.join('/')}`;

/**
 * Throws unless the key is one AWS IoT accepts.
 *
 * AWS IoT (CreateCertificateFromCsr API reference): "The CSR must include a public key that is either an RSA
 * key with a length of at least 2048 bits or an ECC key from NIST P-256, NIST P-384, or NIST P-521 curves."
 * The same rule applies to certificates registered without a CSR (Device Defender audit
 * "Device certificate key quality").
 *
 * @param what - names the key's owner in the message, e.g. `'CSR'`.
 * @throws {PkiError} `UNSUPPORTED_KEY` naming the received algorithm and size.
 */
export function assertAwsSupportedKey(key: PublicKeyDescription, what: string): void {
  if (key.publicKeyAlgorithm === 'RSA') {
    const bits = key.modulusLength ?? 0;
    if (bits >= MIN_RSA_MODULUS_BITS) {
      return;
    }
    throw new PkiError(
      'UNSUPPORTED_KEY',
      `Unsupported ${what} key RSA-${bits}, expected ${EXPECTED}`,
    );
  }
  if (key.publicKeyAlgorithm === 'EC') {
    if ((SUPPORTED_CURVES as readonly string[]).includes(key.namedCurve ?? '')) {
      return;
    }
    throw new PkiError(
      'UNSUPPORTED_KEY',
      `Unsupported ${what} key EC curve "${key.namedCurve ?? 'unknown'}", expected ${EXPECTED}`,
    );
  }
  throw new PkiError(
    'UNSUPPORTED_KEY',
    `Unsupported ${what} key algorithm "${key.publicKeyAlgorithm}", expected ${EXPECTED}`,
  );
}
