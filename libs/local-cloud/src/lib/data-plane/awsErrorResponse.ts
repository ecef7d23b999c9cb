import { DATA_PLANE_EXCEPTIONS } from './exceptions.js';
import type { DataPlaneResponse } from './types.js';

/**
 * An error answer as `@aws-sdk/client-iot-data-plane` reads it: the status, the exception name in
 * `x-amzn-ErrorType` (REST-JSON protocol) and a JSON body with `message`. `body` is either the
 * message, or a whole error document (the Device Shadow service answers REST errors with the same
 * `{ code, message, timestamp?, clientToken? }` document it publishes on `.../rejected`, AWS IoT
 * Developer Guide, "Device Shadow REST API" and "Device Shadow error messages").
 */
export function awsErrorResponse(
  status: number,
  body: string | { message: string },
  headers: Record<string, string> = {},
): DataPlaneResponse {
  const exception = DATA_PLANE_EXCEPTIONS[status] ?? DATA_PLANE_EXCEPTIONS[500] ?? '';
  return {
    status,
    body: JSON.stringify(typeof body === 'string' ? { message: body } : body),
    headers: { 'x-amzn-ErrorType': exception, ...headers },
  };
}
