import { sha256Hex } from '../crypto/sha256Hex.js';
import { x509 } from '../crypto/x509.js';
import { describePublicKey } from '../keys/describePublicKey.js';
import { decodeCertificate } from './decodeCertificate.js';
import { serialNumberOf } from './serialNumberOf.js';
import type { ParsedCertificate } from './schemas.js';

const EKU_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(x509.ExtendedKeyUsage).map(([name, oid]) => [oid, name]),
);

/**
 * Reads the facts of a certificate that registries, rotation and TLS checks need.
 *
 * Does not check the signature or the validity period; see `verifyCertificateSignedBy` and
 * `isCertificateValidAt`. Keys of any algorithm are described, not only those AWS IoT accepts.
 *
 * @param certificate - one `CERTIFICATE` PEM block, or DER bytes.
 * @throws {PkiError} `MALFORMED_CERTIFICATE` when the input is not exactly one parseable certificate
 *   (garbage, a CSR or key, several blocks, truncated base64, trailing bytes).
 */
export function parseCertificate(certificate: string | Uint8Array): ParsedCertificate {
  const { certificate: cert, der } = decodeCertificate(certificate);
  const commonName = cert.subjectName.getField('CN')[0];
  const basicConstraints = cert.getExtension(x509.BasicConstraintsExtension);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.items ?? [];
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  return {
    certificateId: sha256Hex(der),
    subject: cert.subject,
    ...(commonName === undefined ? {} : { commonName }),
    issuer: cert.issuer,
    serialNumber: serialNumberOf(cert),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    ...describePublicKey(new Uint8Array(cert.publicKey.rawData)),
    isCa: basicConstraints?.ca ?? false,
    subjectAltNames: {
      dns: names.filter((n) => n.type === 'dns').map((n) => n.value),
      ip: names.filter((n) => n.type === 'ip').map((n) => n.value),
    },
    extendedKeyUsages: Array.from(
      eku?.usages ?? [],
      (oid) => EKU_NAMES[String(oid)] ?? String(oid),
    ),
    der,
  };
}
