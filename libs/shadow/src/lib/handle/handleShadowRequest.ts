import { shadowTopic, type ShadowOperation } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { deleteShadow } from '../delete/deleteShadow.js';
import { getShadow } from '../get/getShadow.js';
import { applyValidatedUpdate } from '../internal/applyValidatedUpdate.js';
import { parseUpdateRequest } from '../request/parseUpdateRequest.js';
import { readClientToken } from '../request/readClientToken.js';

/** The shadow topics a client publishes requests to. */
export type ShadowRequestOperation = Extract<ShadowOperation, 'get' | 'update' | 'delete'>;

/** One MQTT message the Device Shadow service publishes in answer. */
export interface ShadowMessage {
  topic: string;
  /** UTF-8 JSON text. */
  payload: string;
}

/** Options of {@link handleShadowRequest}. */
export interface HandleShadowRequestOptions {
  /** Epoch milliseconds of the request. */
  now: number;
  /** Largest update request, in bytes. Defaults to 8 KiB (see `parseUpdateRequest`). */
  maxRequestBytes?: number;
  /** Largest stored desired + reported, in bytes. Defaults to 8 KiB (see `applyUpdate`). */
  maxDocumentBytes?: number;
}

/** What {@link handleShadowRequest} returns. */
export interface HandleShadowRequestResult {
  /** Messages to publish, in order (accepted before delta and documents). */
  messages: ShadowMessage[];
  /** The shadow to store afterwards: `stored` itself when nothing changed. */
  next: StoredShadow | undefined;
  /** True when `next` must be persisted. */
  changed: boolean;
}

/**
 * Handles one MQTT request of the Device Shadow API the way AWS IoT does (AWS IoT Developer Guide,
 * "Device Shadow MQTT topics"): `get` answers `get/accepted` or `get/rejected`; `update` answers
 * `update/accepted` then, when the update succeeds, `update/delta` (if desired and reported differ)
 * and `update/documents`, or `update/rejected`; `delete` answers `delete/accepted` or
 * `delete/rejected`. The content of `get` and `delete` requests is ignored except for the
 * `clientToken`, which is echoed. Topics are built with `shadowTopic` of
 * `@iot-gateway-net/topics`. Pure: the caller publishes the messages and stores `next`.
 *
 * @param shadowName the named shadow; `undefined` for the classic shadow.
 * @param stored the shadow as stored now (a tombstone after a delete), or `undefined`.
 * @throws {TopicError} `INVALID_THING_NAME` / `INVALID_SHADOW_NAME` when a name cannot form a topic;
 *   request problems never throw, they become `.../rejected` messages.
 */
export function handleShadowRequest(
  operation: ShadowRequestOperation,
  thingName: string,
  shadowName: string | undefined,
  payload: Uint8Array | string,
  stored: StoredShadow | undefined,
  options: HandleShadowRequestOptions,
): HandleShadowRequestResult {
  const { now } = options;
  switch (operation) {
    case 'get': {
      const clientToken = readClientToken(payload);
      const result = getShadow(stored, {
        now,
        thingName,
        ...(shadowName === undefined ? {} : { shadowName }),
        ...(clientToken === undefined ? {} : { clientToken }),
      });
      const message = result.ok
        ? answer(thingName, shadowName, 'get/accepted', result.accepted)
        : answer(thingName, shadowName, 'get/rejected', result.error);
      return { messages: [message], next: stored, changed: false };
    }
    case 'delete': {
      const clientToken = readClientToken(payload);
      const result = deleteShadow(stored, {
        now,
        thingName,
        ...(shadowName === undefined ? {} : { shadowName }),
        ...(clientToken === undefined ? {} : { clientToken }),
      });
      if (!result.ok) {
        return {
          messages: [answer(thingName, shadowName, 'delete/rejected', result.error)],
          next: stored,
          changed: false,
        };
      }
      return {
        messages: [answer(thingName, shadowName, 'delete/accepted', result.accepted)],
        next: result.next,
        changed: true,
      };
    }
    case 'update': {
      const parsed = parseUpdateRequest(
        payload,
        options.maxRequestBytes === undefined ? {} : { maxRequestBytes: options.maxRequestBytes },
      );
      if (!parsed.ok) {
        return {
          messages: [
            answer(thingName, shadowName, 'update/rejected', parsed.error.toPayload({ now })),
          ],
          next: stored,
          changed: false,
        };
      }
      const result = applyValidatedUpdate(stored, parsed.request, {
        now,
        ...(options.maxDocumentBytes === undefined
          ? {}
          : { maxDocumentBytes: options.maxDocumentBytes }),
      });
      if (!result.ok) {
        return {
          messages: [answer(thingName, shadowName, 'update/rejected', result.error)],
          next: stored,
          changed: false,
        };
      }
      const messages = [answer(thingName, shadowName, 'update/accepted', result.accepted)];
      if (result.delta !== undefined) {
        messages.push(answer(thingName, shadowName, 'update/delta', result.delta));
      }
      messages.push(answer(thingName, shadowName, 'update/documents', result.documents));
      return { messages, next: result.next, changed: true };
    }
  }
}

function answer(
  thingName: string,
  shadowName: string | undefined,
  operation: ShadowOperation,
  body: object,
): ShadowMessage {
  return { topic: shadowTopic(thingName, operation, shadowName), payload: JSON.stringify(body) };
}
