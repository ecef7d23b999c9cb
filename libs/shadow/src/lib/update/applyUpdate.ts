import type { ShadowUpdateRequest } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import {
  applyValidatedUpdate,
  type UpdateOptions,
  type UpdateResult,
} from '../internal/applyValidatedUpdate.js';
import { validateUpdateDocument } from '../internal/validateUpdateDocument.js';

/** Options of {@link applyUpdate}. */
export type ApplyUpdateOptions = UpdateOptions;

/** What {@link applyUpdate} returns. */
export type ApplyUpdateResult = UpdateResult;

/**
 * Applies an update request to a stored shadow as the Device Shadow service does, returning the
 * shadow to store and the payloads AWS publishes, or AWS's error document. Pure: `now` is the only
 * clock and nothing is modified.
 *
 * - The request is checked as {@link parseUpdateRequest} does (400s with AWS's messages).
 * - A `version` must equal the stored one, else 409 `Version conflict` ("Interacting with shadows" →
 *   "Optimistic locking"). A missing shadow counts as version 0; a deleted one keeps its version for
 *   48 hours, after which it counts as 0.
 * - `desired` / `reported` merge into the stored sections: objects key by key, `null` removes a key,
 *   arrays and scalars replace; `desired: null` / `reported: null` remove the section and
 *   `state: null` removes both ("Device Shadow service documents" → "Empty shadow document
 *   properties"; `{"state":null}` is accepted by AWS).
 * - Stored `desired` + `reported` over `maxDocumentBytes` (8 KiB) is refused with 413 `The payload
 *   exceeds the maximum size allowed`; metadata does not count ("Device Shadow service documents" →
 *   `metadata`).
 * - The version grows by exactly 1 per accepted update.
 * - `accepted` echoes the request's state as sent (`null`s included) with a metadata tree stamped
 *   `now` (epoch seconds) for every leaf sent, arrays per element.
 * - `delta` is present whenever desired differs from reported after the update, and lists every
 *   differing desired key, also ones this update did not touch ("Device Shadow MQTT topics" →
 *   /update/delta; AWS's Greengrass ShadowManager publishes it on the same condition).
 * - `documents` holds `previous` (absent when this update creates the shadow, as AWS sends it) and
 *   `current`.
 *
 * Never throws.
 */
export function applyUpdate(
  current: StoredShadow | undefined,
  request: ShadowUpdateRequest,
  options: ApplyUpdateOptions,
): ApplyUpdateResult {
  const checked = validateUpdateDocument(request);
  if (!checked.ok) {
    return { ok: false, error: checked.error.toPayload({ now: options.now }) };
  }
  return applyValidatedUpdate(current, checked.request, options);
}
