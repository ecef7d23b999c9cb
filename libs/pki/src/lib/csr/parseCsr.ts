import { x509 } from '../crypto/x509.js';
import { decodeCsr } from './decodeCsr.js';
import type { ParsedCsr } from './schemas.js';

/**
 * Parses a PKCS#10 CSR PEM and checks it the way CreateCertificateFromCsr does before signing:
 * the key must be RSA of 2048 bits or more or EC on NIST P-256/P-384/P-521, the signature algorithm
 * SHA-256/384/512 with RSA or ECDSA, and the CSR's signature must verify with its own key.
 *
 * Accepts the labels `CERTIFICATE REQUEST` and OpenSSL's legacy `NEW CERTIFICATE REQUEST`.
 *
 * @throws {PkiError} `MALFORMED_CSR` when the text is not exactly one CSR PEM block (garbage, a
 *   certificate, truncated base64) or its DER does not parse; `UNSUPPORTED_KEY` for keys AWS IoT
 *   refuses; `UNSUPPORTED_ALGORITHM` for other signature algorithms (SHA-1, RSA-PSS, ...);
 *   `INVALID_SIGNATURE` when the signature does not verify.
 */
export async function parseCsr(pem: string): Promise<ParsedCsr> {
  const { der, subject: name, key } = await decodeCsr(pem);
  const subject = new x509.Name(name);
  const commonName = subject.getField('CN')[0];
  return {
    subject: subject.toString(),
    ...(commonName === undefined ? {} : { commonName }),
    ...key,
    der,
  };
}
