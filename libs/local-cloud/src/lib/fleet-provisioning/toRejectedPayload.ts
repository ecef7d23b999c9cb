import type { ProvisioningRejected } from '@iot-gateway-net/topics';
import { LocalCloudError } from '../errors/LocalCloudError.js';
import type { ProvisioningFailureCause } from './provisioningFailure.js';

/**
 * The rejected payload for anything a fleet-provisioning handler threw: the payload of a
 * `provisioningFailure`, a registry `LocalCloudError` by its code, anything else a 500 without
 * internal details (those stay in the log). AWS documents only the shape and a few codes; the
 * codes below follow the AWS IoT exception names without the `Exception` suffix, as
 * `InvalidCertificateOwnershipToken` does.
 */
export function toRejectedPayload(error: unknown): ProvisioningRejected {
  if (!(error instanceof LocalCloudError)) return internal();
  const cause = error.cause;
  if (cause instanceof Error && 'rejection' in cause) {
    return (cause as ProvisioningFailureCause).rejection;
  }
  switch (error.code) {
    case 'NOT_FOUND':
      return { statusCode: 404, errorCode: 'ResourceNotFound', errorMessage: error.message };
    case 'ALREADY_EXISTS':
    case 'CONFLICT':
    case 'VERSION_CONFLICT':
      return { statusCode: 409, errorCode: 'ResourceConflicts', errorMessage: error.message };
    case 'INVALID_REQUEST':
    case 'LIMIT_EXCEEDED':
      return { statusCode: 400, errorCode: 'InvalidRequest', errorMessage: error.message };
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return { statusCode: 403, errorCode: 'AccessDenied', errorMessage: error.message };
    case 'THROTTLED':
      return { statusCode: 429, errorCode: 'Throttling', errorMessage: error.message };
    case 'CONFIG':
    case 'STARTUP':
    case 'INTERNAL':
      return internal();
  }
}

function internal(): ProvisioningRejected {
  return {
    statusCode: 500,
    errorCode: 'InternalFailure',
    errorMessage: 'Internal service failure',
  };
}
