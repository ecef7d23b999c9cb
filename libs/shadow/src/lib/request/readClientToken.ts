import { AWS_IOT_LIMITS } from '@iot-gateway-net/topics';
import { isJsonObject } from '../internal/isJsonObject.js';
import { utf8ByteLength } from '../internal/utf8ByteLength.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The `clientToken` of a `get` or `delete` request, if it carries a valid one. AWS ignores the
 * content of these requests ("Device Shadow MQTT topics" → /delete) but echoes the token the AWS
 * IoT Device SDKs put there; an empty, non-JSON or token-less payload yields `undefined`.
 * Never throws.
 */
export function readClientToken(payload: Uint8Array | string | undefined): string | undefined {
  if (payload === undefined || payload.length === 0) {
    return undefined;
  }
  try {
    const text = typeof payload === 'string' ? payload : decoder.decode(payload);
    const document: unknown = JSON.parse(text);
    if (!isJsonObject(document)) {
      return undefined;
    }
    const token = document['clientToken'];
    return typeof token === 'string' && utf8ByteLength(token) <= AWS_IOT_LIMITS.clientTokenBytes
      ? token
      : undefined;
  } catch {
    return undefined;
  }
}
