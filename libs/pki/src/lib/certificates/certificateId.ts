import { sha256Hex } from '../crypto/sha256Hex.js';
import { decodeCertificate } from './decodeCertificate.js';

/**
 * The AWS IoT certificate id of a certificate: the lowercase hex SHA-256 of its DER encoding, 64
 * characters (the same as `openssl x509 -outform der | sha256sum`).
 *
 * @param certificate - one `CERTIFICATE` PEM block, or DER bytes.
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when the input is not exactly one parseable certificate.
 */
export function certificateId(certificate: string | Uint8Array): string {
  return sha256Hex(decodeCertificate(certificate).der);
}
