import { type RotationConfig, DEFAULT_ROTATION_CONFIG } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { renewalDueAt } from './renewalDueAt.js';

/**
 * Whether `cert` is due for renewal at `now` (see {@link renewalDueAt}). Does not judge whether the
 * clock can be trusted: callers check {@link isClockTrusted} first.
 *
 * @param config - `leadTimeMs` and `maxAgeMs` are read. Defaults to {@link DEFAULT_ROTATION_CONFIG}.
 */
export function isRenewalDue(
  cert: Pick<Credential, 'notBefore' | 'notAfter'>,
  now: number,
  config: Pick<RotationConfig, 'leadTimeMs' | 'maxAgeMs'> = DEFAULT_ROTATION_CONFIG,
): boolean {
  return now >= renewalDueAt(cert, config);
}
