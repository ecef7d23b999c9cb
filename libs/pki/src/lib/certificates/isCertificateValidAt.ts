import type { ParsedCertificate } from './schemas.js';

/**
 * Whether `now` lies within the certificate's validity period, both ends included (RFC 5280 4.1.2.5:
 * "the validity period ... from notBefore through notAfter, inclusive").
 *
 * Only time is checked, not the signature or the AWS status (ACTIVE, INACTIVE, REVOKED, ...).
 */
export function isCertificateValidAt(
  certificate: Pick<ParsedCertificate, 'notBefore' | 'notAfter'>,
  now: Date,
): boolean {
  const t = now.getTime();
  return t >= certificate.notBefore.getTime() && t <= certificate.notAfter.getTime();
}
