import { X509Certificate } from 'node:crypto';
import { sha256Hex } from '../crypto/sha256Hex.js';
import { readCertificate } from './readCertificate.js';

/**
 * A certificate's AWS IoT certificate id and validity period: what a device needs to choose and
 * renew its credential. Reads the certificate with `node:crypto` (OpenSSL) rather than
 * @peculiar/x509, so that a robot's daemon does not load that library; `parseCertificate` gives
 * every other fact.
 *
 * @param certificate - one `CERTIFICATE` PEM block, or DER bytes.
 * @returns the id (lowercase hex SHA-256 of the DER) and `notBefore` / `notAfter` to the second.
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when the input is not exactly one parseable certificate
 *   (garbage, a CSR or key, several blocks, truncated base64, trailing bytes).
 */
export function certificateValidity(certificate: string | Uint8Array): {
  certificateId: string;
  notBefore: Date;
  notAfter: Date;
} {
  const { parsed, der } = readCertificate(certificate, (bytes) => new X509Certificate(bytes));
  // OpenSSL prints both UTCTime and GeneralizedTime as "Jan  1 00:00:00 2026 GMT".
  return {
    certificateId: sha256Hex(der),
    notBefore: new Date(parsed.validFrom),
    notAfter: new Date(parsed.validTo),
  };
}
