import { SIGV4_MAX_SKEW_MS } from './errors.js';
import { formatAmzDate } from './formatAmzDate.js';
import { rejectSigV4 } from './rejectSigV4.js';

/**
 * AWS refuses a signature dated more than 15 minutes from its clock, either way.
 *
 * @throws {LocalCloudError} `FORBIDDEN` (InvalidSignatureException) with AWS's "Signature expired" /
 *   "Signature not yet current" message.
 */
export function assertWithinSkew(signedAt: number, now: number): void {
  if (signedAt < now - SIGV4_MAX_SKEW_MS) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Signature expired: ${formatAmzDate(signedAt)} is now earlier than ${formatAmzDate(now - SIGV4_MAX_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
    );
  }
  if (signedAt > now + SIGV4_MAX_SKEW_MS) {
    throw rejectSigV4(
      'InvalidSignatureException',
      `Signature not yet current: ${formatAmzDate(signedAt)} is still later than ${formatAmzDate(now + SIGV4_MAX_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
    );
  }
}
