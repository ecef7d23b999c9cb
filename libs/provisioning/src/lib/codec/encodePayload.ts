import type { PayloadFormat } from '@iot-gateway-net/topics';
import { cborCodec } from './cbor.js';

const utf8 = new TextEncoder();

/**
 * Encodes a request body in the topic's payload format: UTF-8 JSON for `json`, CBOR for `cbor`
 * (AWS IoT Developer Guide, "Device provisioning MQTT API": the format is the topic's last level).
 */
export function encodePayload(format: PayloadFormat, body: unknown): Uint8Array {
  switch (format) {
    case 'json':
      return utf8.encode(JSON.stringify(body));
    case 'cbor':
      return cborCodec.encode(body);
  }
}
