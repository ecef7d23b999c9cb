import { resolveRotationConfig, type RotationConfig } from '@iot-gateway-net/rotation';
import { DEVICE_BUILD_TIME } from '../clock/constants.js';
import type { DeviceConfig } from './schemas.js';

/**
 * The rotation machine's configuration for this device: the config's `rotation` knobs, the
 * provisioning `method`, and `buildTime` defaulting to {@link DEVICE_BUILD_TIME}.
 *
 * @throws {RotationError} `INVALID_CONFIG` when the knobs contradict each other (for example
 *   `ownershipTokenMarginMs >= ownershipTokenTtlMs`).
 */
export function deviceRotationConfig(config: DeviceConfig): RotationConfig {
  const knobs = Object.fromEntries(
    Object.entries(config.rotation).filter(([, value]) => value !== undefined),
  );
  return resolveRotationConfig({
    ...knobs,
    method: config.provisioning.method,
    buildTime: config.rotation.buildTime ?? DEVICE_BUILD_TIME,
  });
}
