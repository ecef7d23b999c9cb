import type { ShadowRequestOperation } from '@iot-gateway-net/shadow';
import type { ShadowOperation } from '@iot-gateway-net/topics';

/**
 * True for the shadow topics a client sends requests to (`get`, `update`, `delete`), false for the
 * answer topics (`.../accepted`, `.../rejected`, `update/delta`, `update/documents`).
 */
export function isShadowRequestOperation(
  operation: ShadowOperation,
): operation is ShadowRequestOperation {
  return operation === 'get' || operation === 'update' || operation === 'delete';
}
