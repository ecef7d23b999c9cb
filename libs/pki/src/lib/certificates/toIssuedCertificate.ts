import { sha256Hex } from '../crypto/sha256Hex.js';
import { x509 } from '../crypto/x509.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';
import type { encodeCertificate } from './encodeCertificate.js';
import { serialNumberOf } from './serialNumberOf.js';
import type { IssuedCertificate } from './schemas.js';

/**
 * The facts callers store about a certificate this library has just signed, made by @peculiar/x509
 * or by `encodeCertificate`.
 */
export function toIssuedCertificate(
  certificate: x509.X509Certificate | ReturnType<typeof encodeCertificate>,
): IssuedCertificate {
  const encoded =
    certificate instanceof x509.X509Certificate
      ? {
          der: new Uint8Array(certificate.rawData),
          serialNumber: serialNumberOf(certificate),
          notBefore: certificate.notBefore,
          notAfter: certificate.notAfter,
        }
      : certificate;
  return {
    certificatePem: derToPem(encoded.der, PEM_LABELS.certificate),
    certificateId: sha256Hex(encoded.der),
    serialNumber: encoded.serialNumber,
    notBefore: encoded.notBefore,
    notAfter: encoded.notAfter,
  };
}
