import { AWS_IOT_LIMITS, type ShadowUpdateRequest } from '@iot-gateway-net/topics';
import { ShadowError } from '../errors/ShadowError.js';
import { utf8ByteLength } from '../internal/utf8ByteLength.js';
import { validateUpdateDocument } from '../internal/validateUpdateDocument.js';

/** Options of {@link parseUpdateRequest}. */
export interface ParseUpdateRequestOptions {
  /**
   * Largest request accepted, in bytes. Defaults to `AWS_IOT_LIMITS.shadowDocumentBytes`
   * (8 KiB), the limit AWS's own Greengrass ShadowManager applies to update payloads.
   */
  maxRequestBytes?: number;
}

/** What {@link parseUpdateRequest} returns. */
export type ParseUpdateRequestResult =
  | { ok: true; request: ShadowUpdateRequest }
  | { ok: false; error: ShadowError };

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads and validates a payload published to `.../shadow/update` (or POSTed to UpdateThingShadow)
 * the way the Device Shadow service does, answering with AWS's exact errors (AWS IoT Developer
 * Guide, "Device Shadow error messages"): 413 when larger than `maxRequestBytes`, 415 when not
 * UTF-8, then 400 `Invalid JSON`, `Missing required node: state` (also for JSON that is not an
 * object), `Invalid clientToken` (not a string, or over 64 UTF-8 bytes), `Invalid version` (not a
 * non-negative integer), `State node must be an object`, `State contains an invalid node` (a key
 * other than `desired` / `reported`), `Desired node must be an object`, `Reported node must be an
 * object`, `JSON contains too many levels of nesting; maximum is 6` (per section, the section
 * itself being level 1) and `Invalid JSON` for `null` inside an array. `state: null` is valid (it
 * clears the shadow, as AWS accepts it); keys outside `state`, `clientToken` and `version` are
 * ignored, as AWS ignores them.
 *
 * Never throws. A failed result's error carries the request's `clientToken` when it was valid.
 */
export function parseUpdateRequest(
  payload: Uint8Array | string,
  options: ParseUpdateRequestOptions = {},
): ParseUpdateRequestResult {
  const maxBytes = options.maxRequestBytes ?? AWS_IOT_LIMITS.shadowDocumentBytes;
  const bytes = typeof payload === 'string' ? utf8ByteLength(payload) : payload.byteLength;
  if (bytes > maxBytes) {
    return fail(ShadowError.payloadTooLarge('shadow update request', bytes, maxBytes));
  }
  let text: string;
  if (typeof payload === 'string') {
    text = payload;
  } else {
    try {
      text = decoder.decode(payload);
    } catch (cause) {
      return fail(ShadowError.unsupportedEncoding(bytes, { cause }));
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    const detail =
      text.length === 0 ? 'received an empty payload' : 'received text that is not JSON';
    return fail(ShadowError.invalidJson(detail, { cause }));
  }
  return validateUpdateDocument(document);
}

function fail(error: ShadowError): ParseUpdateRequestResult {
  return { ok: false, error };
}
