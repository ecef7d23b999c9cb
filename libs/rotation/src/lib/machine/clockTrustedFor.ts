import { isClockTrusted } from '../clock/isClockTrusted.js';
import { type RotationConfig } from '../config/schemas.js';
import { type Credential } from '../credential/schemas.js';
import { type RotationCommon } from '../state/schemas.js';

/** Whether `now` may judge expiry, given the flag in the state and the certificates held. */
export function clockTrustedFor(
  common: RotationCommon,
  current: Credential | null,
  now: number,
  config: RotationConfig,
): boolean {
  const notBefore = [common.claim.notBefore];
  if (current !== null) notBefore.push(current.notBefore);
  return isClockTrusted({ now, synchronized: common.clockSynchronized, notBefore }, config);
}
