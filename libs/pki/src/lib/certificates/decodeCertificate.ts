import { x509 } from '../crypto/x509.js';
import { PkiError } from '../errors/PkiError.js';
import { assertOneDerElement } from './assertOneDerElement.js';
import { readCertificateDer } from './readCertificateDer.js';

/** Reads a certificate from one PEM block or from DER; the DER is returned as given. */
export function decodeCertificate(input: string | Uint8Array): {
  certificate: x509.X509Certificate;
  der: Uint8Array;
} {
  const der = readCertificateDer(input);
  let certificate: x509.X509Certificate;
  try {
    certificate = new x509.X509Certificate(der);
  } catch (error) {
    throw new PkiError(
      'MALFORMED_CERTIFICATE',
      `Could not parse ${der.byteLength} bytes of DER as an X.509 certificate`,
      { cause: error },
    );
  }
  assertOneDerElement(der);
  return { certificate, der };
}
