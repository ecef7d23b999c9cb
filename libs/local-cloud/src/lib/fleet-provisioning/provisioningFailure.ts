import type { ProvisioningRejected } from '@iot-gateway-net/topics';
import { LocalCloudError, type LocalCloudErrorCode } from '../errors/LocalCloudError.js';

/** The `cause` of an error made by {@link provisioningFailure}: the rejected payload to answer. */
export interface ProvisioningFailureCause extends Error {
  readonly rejection: ProvisioningRejected;
}

const CODES: Record<number, LocalCloudErrorCode> = {
  400: 'INVALID_REQUEST',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  429: 'THROTTLED',
  500: 'INTERNAL',
};

/**
 * A `LocalCloudError` that the fleet-provisioning service answers with exactly this rejected payload
 * (`{ statusCode, errorCode, errorMessage }`, AWS IoT Developer Guide, "Device provisioning MQTT
 * API", error response payload).
 */
export function provisioningFailure(
  statusCode: number,
  errorCode: string,
  errorMessage: string,
  options: { cause?: unknown } = {},
): LocalCloudError {
  const cause = Object.assign(new Error(errorMessage, options), {
    rejection: { statusCode, errorCode, errorMessage },
  }) as ProvisioningFailureCause;
  return new LocalCloudError(CODES[statusCode] ?? 'INVALID_REQUEST', errorMessage, { cause });
}
