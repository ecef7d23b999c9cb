import { AWS_IOT_LIMITS, type ShadowUpdateRequest } from '@iot-gateway-net/topics';
import { ShadowError } from '../errors/ShadowError.js';
import { exceedsDepth } from './exceedsDepth.js';
import { hasNullInArray } from './hasNullInArray.js';
import { isJsonObject } from './isJsonObject.js';
import { utf8ByteLength } from './utf8ByteLength.js';

/** What {@link validateUpdateDocument} returns. */
export type ValidateUpdateDocumentResult =
  | { ok: true; request: ShadowUpdateRequest }
  | { ok: false; error: ShadowError };

/**
 * Checks a decoded update request the way the Device Shadow service does (AWS IoT Developer
 * Guide, "Device Shadow error messages"), in this order: an object at all (`66` is answered with
 * `Missing required node: state` by AWS), `clientToken`, `version`, `state`, the keys of `state`,
 * then each section's type, depth and arrays. Errors after the `clientToken` check carry the token.
 */
export function validateUpdateDocument(document: unknown): ValidateUpdateDocumentResult {
  if (!isJsonObject(document)) {
    return fail(ShadowError.missingState(document));
  }
  let clientToken: string | undefined;
  if (Object.hasOwn(document, 'clientToken')) {
    const token = document['clientToken'];
    if (typeof token !== 'string' || utf8ByteLength(token) > AWS_IOT_LIMITS.clientTokenBytes) {
      return fail(ShadowError.invalidClientToken(token, AWS_IOT_LIMITS.clientTokenBytes));
    }
    clientToken = token;
  }
  const echo = clientToken === undefined ? {} : { clientToken };

  if (Object.hasOwn(document, 'version')) {
    const version = document['version'];
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
      return fail(ShadowError.invalidVersion(version, echo));
    }
  }

  if (!Object.hasOwn(document, 'state')) {
    return fail(ShadowError.missingState(document, echo));
  }
  const state = document['state'];
  if (state !== null) {
    if (!isJsonObject(state)) {
      return fail(ShadowError.stateNotObject(state, echo));
    }
    for (const key of Object.keys(state)) {
      if (key !== 'desired' && key !== 'reported') {
        return fail(ShadowError.invalidStateNode(key, echo));
      }
    }
    for (const section of ['desired', 'reported'] as const) {
      const value = Object.hasOwn(state, section) ? state[section] : null;
      if (value === null) {
        continue;
      }
      if (!isJsonObject(value)) {
        return fail(
          section === 'desired'
            ? ShadowError.desiredNotObject(value, echo)
            : ShadowError.reportedNotObject(value, echo),
        );
      }
      if (exceedsDepth(value, AWS_IOT_LIMITS.shadowDepth)) {
        return fail(ShadowError.tooDeep(section, AWS_IOT_LIMITS.shadowDepth, echo));
      }
      if (hasNullInArray(value)) {
        return fail(ShadowError.nullInArray(section, echo));
      }
    }
  }
  // Every node ShadowUpdateRequestSchema types was checked above, and a JSON document holds JSON.
  return { ok: true, request: document as ShadowUpdateRequest };
}

function fail(error: ShadowError): ValidateUpdateDocumentResult {
  return { ok: false, error };
}
