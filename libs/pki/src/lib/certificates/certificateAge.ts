import type { ParsedCertificate } from './schemas.js';

/**
 * How long a certificate has been valid at `now`, in milliseconds: `now - notBefore`.
 * Negative when `now` is before `notBefore`.
 *
 * Rotation treats "age above the maximum" as due whatever `notAfter` says, because certificates AWS IoT
 * signs itself are valid until 2049 (aws-wire.md §1).
 */
export function certificateAge(
  certificate: Pick<ParsedCertificate, 'notBefore'>,
  now: Date,
): number {
  return now.getTime() - certificate.notBefore.getTime();
}
