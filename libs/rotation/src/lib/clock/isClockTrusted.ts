import { type RotationConfig, DEFAULT_ROTATION_CONFIG } from '../config/schemas.js';

/**
 * Whether the wall clock may be used to judge certificate expiry: it must have been synchronised
 * (NTP) since the process started, and `now` must not be earlier than the firmware build time or
 * (by more than `clockSkewMs`) than the `notBefore` of any certificate the robot holds: a clock
 * earlier than those is wrong.
 *
 * @param input.now - the wall-clock time to judge (epoch ms)
 * @param input.synchronized - whether the clock was synchronised since the process started
 * @param input.notBefore - `notBefore` of the certificates held (epoch ms). Defaults to none.
 * @param config - `buildTime` and `clockSkewMs` are read. Defaults to {@link DEFAULT_ROTATION_CONFIG}.
 */
export function isClockTrusted(
  input: { now: number; synchronized: boolean; notBefore?: readonly number[] },
  config: Pick<RotationConfig, 'buildTime' | 'clockSkewMs'> = DEFAULT_ROTATION_CONFIG,
): boolean {
  if (!input.synchronized || input.now < config.buildTime) return false;
  return (input.notBefore ?? []).every((notBefore) => input.now >= notBefore - config.clockSkewMs);
}
