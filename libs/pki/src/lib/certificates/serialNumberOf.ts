import type { x509 } from '../crypto/x509.js';

/**
 * A certificate's serial number as lowercase hex octets without leading zero octets: what
 * `openssl x509 -serial` prints, in lower case.
 */
export function serialNumberOf(certificate: x509.X509Certificate): string {
  return certificate.serialNumber.toLowerCase().replace(/^(?:00)+(?=..)/, '');
}
