import type { ShadowError as ShadowErrorPayload } from '@iot-gateway-net/topics';
import { epochSeconds } from '../internal/epochSeconds.js';

/** Options of {@link shadowErrorPayload}. */
export interface ShadowErrorPayloadOptions {
  /** Epoch milliseconds; when given, the document carries `timestamp` in epoch seconds. */
  now?: number;
  /** Echoed as `clientToken` (AWS echoes the request's token when it could read one). */
  clientToken?: string;
}

/**
 * Builds the error document the Device Shadow service publishes on `.../rejected` topics and
 * returns from the REST API: `{ code, message, timestamp?, clientToken? }` (AWS IoT Developer
 * Guide, "Device Shadow service documents" → "Error response document"). `timestamp` is present
 * only when `now` is given, since AWS leaves it out of some answers.
 */
export function shadowErrorPayload(
  code: number,
  message: string,
  options: ShadowErrorPayloadOptions = {},
): ShadowErrorPayload {
  const payload: ShadowErrorPayload = { code, message };
  if (options.now !== undefined) {
    payload.timestamp = epochSeconds(options.now);
  }
  if (options.clientToken !== undefined) {
    payload.clientToken = options.clientToken;
  }
  return payload;
}
