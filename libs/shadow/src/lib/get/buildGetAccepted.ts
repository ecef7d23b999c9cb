import type { ShadowGetAccepted } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { computeDelta } from '../delta/computeDelta.js';
import { epochSeconds } from '../internal/epochSeconds.js';

/** Options of {@link buildGetAccepted}. */
export interface BuildGetAcceptedOptions {
  /** Epoch milliseconds; the answer's `timestamp` is its epoch seconds. */
  now: number;
  /** The request's `clientToken`, echoed. */
  clientToken?: string;
}

/**
 * The `get/accepted` payload (also the GetThingShadow response body) for an existing shadow: its
 * `desired`, `reported` and computed `delta`, the metadata of `desired` and `reported`, `version`
 * and `timestamp` (AWS IoT Developer Guide, "Interacting with shadows" → "Retrieving a shadow
 * document"; AWS's Greengrass ShadowManager answers the same shape, without delta metadata).
 * Callers check that the shadow exists and is not deleted; see {@link getShadow}.
 */
export function buildGetAccepted(
  stored: StoredShadow,
  options: BuildGetAcceptedOptions,
): ShadowGetAccepted {
  const { desired, reported } = stored.state;
  const delta = computeDelta(desired, reported)?.state;
  return {
    state: {
      ...(desired === undefined ? {} : { desired }),
      ...(reported === undefined ? {} : { reported }),
      ...(delta === undefined ? {} : { delta }),
    },
    metadata: stored.metadata,
    version: stored.version,
    timestamp: epochSeconds(options.now),
    ...(options.clientToken === undefined ? {} : { clientToken: options.clientToken }),
  };
}
