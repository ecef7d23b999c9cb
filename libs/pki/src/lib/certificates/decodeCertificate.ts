import { x509 } from '../crypto/x509.js';
import { readCertificate } from './readCertificate.js';

/** Reads a certificate from one PEM block or from DER; the DER is returned as given. */
export function decodeCertificate(input: string | Uint8Array): {
  certificate: x509.X509Certificate;
  der: Uint8Array;
} {
  const { parsed, der } = readCertificate(input, (bytes) => new x509.X509Certificate(bytes));
  return { certificate: parsed, der };
}
