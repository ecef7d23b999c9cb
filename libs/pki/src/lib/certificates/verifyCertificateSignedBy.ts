import { decodeCertificate } from './decodeCertificate.js';
import { isSignedBy } from './isSignedBy.js';

/**
 * Whether `certificate` was signed by the key of `issuerCertificate`: its issuer name equals the
 * issuer's subject and its signature verifies with the issuer's public key.
 *
 * Only the signature is checked: not validity periods, not `basicConstraints` of the issuer, not
 * revocation. For "signed by this CA and valid now" use `CertificateAuthority.verifyIssued`.
 *
 * @param certificate - one `CERTIFICATE` PEM block or DER.
 * @param issuerCertificate - one `CERTIFICATE` PEM block or DER.
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when either input is not a certificate.
 */
export async function verifyCertificateSignedBy(
  certificate: string | Uint8Array,
  issuerCertificate: string | Uint8Array,
): Promise<boolean> {
  const subject = decodeCertificate(certificate).certificate;
  const issuer = decodeCertificate(issuerCertificate).certificate;
  return isSignedBy(subject, issuer.subjectName, issuer.publicKey);
}
