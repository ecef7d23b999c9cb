import type { PayloadFormat } from '@iot-gateway-net/topics';
import { ProvisioningError } from '../errors/ProvisioningError.js';

/** Encodes requests and decodes answers in one payload format. */
export interface PayloadCodec {
  /** A request body as UTF-8 JSON (`json`) or plain CBOR maps (`cbor`). */
  encode(body: unknown): Uint8Array;
  /**
   * An answer, decoded.
   *
   * @throws {ProvisioningError} `INVALID_RESPONSE` when the bytes are not UTF-8 JSON (`json`) or
   *   CBOR (`cbor`).
   */
  decode(payload: Uint8Array): unknown;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The codec of a payload format (AWS IoT Developer Guide, "Device provisioning MQTT API": the format
 * is the topic's last level). cbor-x is loaded only for `cbor`, so that a robot that provisions in
 * JSON does not carry it in memory.
 */
export async function loadPayloadCodec(format: PayloadFormat): Promise<PayloadCodec> {
  let decode: (payload: Uint8Array) => unknown;
  let encode: (body: unknown) => Uint8Array;
  switch (format) {
    case 'json':
      encode = (body) => utf8Encoder.encode(JSON.stringify(body));
      decode = (payload) => JSON.parse(utf8Decoder.decode(payload)) as unknown;
      break;
    case 'cbor': {
      const { cborCodec } = await import('./cbor.js');
      encode = (body) => cborCodec.encode(body);
      decode = (payload) => cborCodec.decode(payload) as unknown;
      break;
    }
  }
  const expected = format === 'json' ? 'a UTF-8 JSON document' : 'a CBOR data item';
  return {
    encode,
    decode(payload) {
      try {
        return decode(payload);
      } catch (error) {
        throw new ProvisioningError(
          'INVALID_RESPONSE',
          `Undecodable ${format} payload of ${payload.byteLength} bytes, expected ${expected}`,
          { cause: error },
        );
      }
    },
  };
}
