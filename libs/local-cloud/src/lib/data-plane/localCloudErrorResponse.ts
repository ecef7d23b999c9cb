import type { LocalCloudError, LocalCloudErrorCode } from '../errors/LocalCloudError.js';
import { awsErrorResponse } from './awsErrorResponse.js';
import type { DataPlaneResponse } from './types.js';

const STATUS: Record<LocalCloudErrorCode, number> = {
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  INVALID_REQUEST: 400,
  LIMIT_EXCEEDED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  THROTTLED: 429,
  CONFIG: 500,
  STARTUP: 500,
  INTERNAL: 500,
};

/**
 * The data-plane answer to a {@link LocalCloudError}: its code's HTTP status and exception, with
 * its message. A policy denial answers AWS's bare `Forbidden` (the detail is for the log), an
 * internal failure 500 `InternalFailureException` without details.
 */
export function localCloudErrorResponse(error: LocalCloudError): DataPlaneResponse {
  const status = STATUS[error.code];
  if (error.code === 'FORBIDDEN') return awsErrorResponse(status, 'Forbidden');
  return awsErrorResponse(status, status === 500 ? 'Internal service failure' : error.message);
}
