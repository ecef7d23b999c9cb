import type { PayloadFormat } from '@iot-gateway-net/topics';
import { ProvisioningError } from '../errors/ProvisioningError.js';
import { cborCodec } from './cbor.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an answer in the payload format it was requested in.
 *
 * @throws {ProvisioningError} `INVALID_RESPONSE` when the bytes are not UTF-8 JSON (`json`) or CBOR (`cbor`).
 */
export function decodePayload(format: PayloadFormat, payload: Uint8Array): unknown {
  try {
    switch (format) {
      case 'json':
        return JSON.parse(utf8.decode(payload)) as unknown;
      case 'cbor':
        return cborCodec.decode(payload) as unknown;
    }
  } catch (error) {
    const expected = format === 'json' ? 'a UTF-8 JSON document' : 'a CBOR data item';
    throw new ProvisioningError(
      'INVALID_RESPONSE',
      `Undecodable ${format} payload of ${payload.byteLength} bytes, expected ${expected}`,
      { cause: error },
    );
  }
}
