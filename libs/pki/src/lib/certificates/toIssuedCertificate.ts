import { sha256Hex } from '../crypto/sha256Hex.js';
import type { x509 } from '../crypto/x509.js';
import { derToPem } from '../pem/derToPem.js';
import { PEM_LABELS } from '../pem/schemas.js';
import { serialNumberOf } from './serialNumberOf.js';
import type { IssuedCertificate } from './schemas.js';

/** The facts callers store about a certificate this library has just signed. */
export function toIssuedCertificate(certificate: x509.X509Certificate): IssuedCertificate {
  const der = new Uint8Array(certificate.rawData);
  return {
    certificatePem: derToPem(der, PEM_LABELS.certificate),
    certificateId: sha256Hex(der),
    serialNumber: serialNumberOf(certificate),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}
