import type { PayloadFormat } from '@iot-gateway-net/topics';
import { cborCodec } from './cbor.js';

/** Encodes an answer in the request's format (the format is the topic's last level). */
export function encodeAnswer(format: PayloadFormat, body: unknown): Uint8Array {
  switch (format) {
    case 'json':
      return new TextEncoder().encode(JSON.stringify(body));
    case 'cbor':
      return cborCodec.encode(body);
  }
}
