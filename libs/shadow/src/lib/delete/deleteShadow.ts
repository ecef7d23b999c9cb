import type {
  ShadowDeleteAccepted,
  ShadowError as ShadowErrorPayload,
} from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { ShadowError } from '../errors/ShadowError.js';
import { epochSeconds } from '../internal/epochSeconds.js';

/** Options of {@link deleteShadow}. */
export interface DeleteShadowOptions {
  /** Epoch milliseconds; the answer's `timestamp` and the tombstone's `deletedAt` derive from it. */
  now: number;
  /** The thing the shadow belongs to (named in the 404 of a classic shadow). */
  thingName: string;
  /** The named shadow's name; omit for the classic shadow. */
  shadowName?: string;
  /** The request's `clientToken`, echoed. */
  clientToken?: string;
  /**
   * When given, the delete only happens if it equals the stored version, else 409. AWS ignores the
   * content of delete requests, so the MQTT path never passes it.
   */
  version?: number;
}

/** What {@link deleteShadow} returns. */
export type DeleteShadowResult =
  | {
      ok: true;
      /** The tombstone to store: no state, the deleted version, `deletedAt`. */
      next: StoredShadow;
      /** Payload of `delete/accepted` (also the DeleteThingShadow response body). */
      accepted: ShadowDeleteAccepted;
    }
  | { ok: false; error: ShadowErrorPayload };

/**
 * Deletes a shadow as the Device Shadow service does. `delete/accepted` carries the version of the
 * deleted document (`{ version, timestamp, clientToken? }`); the stored tombstone keeps that version
 * so that an update within 48 hours continues from it ("Interacting with shadows" → "Deleting
 * shadow data": deleting does not reset the version). A shadow that never existed or is already
 * deleted answers 404 `No shadow exists with name: '<name>'`. Never throws.
 */
export function deleteShadow(
  stored: StoredShadow | undefined,
  options: DeleteShadowOptions,
): DeleteShadowResult {
  const echo = options.clientToken === undefined ? {} : { clientToken: options.clientToken };
  if (stored === undefined || stored.deletedAt !== undefined) {
    const error = ShadowError.shadowNotFound(options.thingName, options.shadowName, echo);
    return { ok: false, error: error.toPayload({ now: options.now }) };
  }
  if (options.version !== undefined && options.version !== stored.version) {
    const error = ShadowError.versionConflict(options.version, stored.version, echo);
    return { ok: false, error: error.toPayload({ now: options.now }) };
  }
  const timestamp = epochSeconds(options.now);
  return {
    ok: true,
    next: { state: {}, metadata: {}, version: stored.version, deletedAt: timestamp },
    accepted: { version: stored.version, timestamp, ...echo },
  };
}
