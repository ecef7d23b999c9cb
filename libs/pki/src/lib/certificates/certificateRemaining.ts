import type { ParsedCertificate } from './schemas.js';

/**
 * How long a certificate stays valid after `now`, in milliseconds: `notAfter - now`.
 * Zero at `notAfter` itself (still valid: the end is inclusive) and negative once expired, so callers
 * can tell how long ago it lapsed.
 */
export function certificateRemaining(
  certificate: Pick<ParsedCertificate, 'notAfter'>,
  now: Date,
): number {
  return certificate.notAfter.getTime() - now.getTime();
}
