import { type RotationConfig, DEFAULT_ROTATION_CONFIG } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';

/**
 * When a certificate becomes due for renewal (epoch ms): `leadTimeMs` before it expires or before it
 * reaches `maxAgeMs`, whichever comes first. Age matters because certificates AWS IoT signs itself are
 * valid until 2049 (CreateCertificateFromCsr without a certificate provider).
 *
 * Never earlier than halfway through the certificate's usable life (`min(notAfter - notBefore,
 * maxAgeMs)`), so that a certificate shorter than the lead time (a test certificate) does not start
 * a renewal the moment it is installed, over and over.
 *
 * @param config - `leadTimeMs` and `maxAgeMs` are read. Defaults to {@link DEFAULT_ROTATION_CONFIG}.
 */
export function renewalDueAt(
  cert: Pick<Credential, 'notBefore' | 'notAfter'>,
  config: Pick<RotationConfig, 'leadTimeMs' | 'maxAgeMs'> = DEFAULT_ROTATION_CONFIG,
): number {
  const byExpiry = cert.notAfter - config.leadTimeMs;
  const byAge = cert.notBefore + config.maxAgeMs - config.leadTimeMs;
  const usableLife = Math.min(cert.notAfter - cert.notBefore, config.maxAgeMs);
  const halfway = cert.notBefore + Math.floor(usableLife / 2);
  return Math.max(Math.min(byExpiry, byAge), halfway);
}
