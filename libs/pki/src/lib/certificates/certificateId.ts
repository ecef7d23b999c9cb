import { certificateValidity } from './certificateValidity.js';

/**
 * The AWS IoT certificate id of a certificate: the lowercase hex SHA-256 of its DER encoding, 64
 * characters (the same as `openssl x509 -outform der | sha256sum`).
 *
 * @param certificate - one `CERTIFICATE` PEM block, or DER bytes.
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when the input is not exactly one parseable certificate.
 */
export function certificateId(certificate: string | Uint8Array): string {
  return certificateValidity(certificate).certificateId;
}
