import { ProvisioningError } from '../errors/ProvisioningError.js';
import { loadPayloadCodec, type PayloadCodec } from './loadPayloadCodec.js';

let codecs: Record<'json' | 'cbor', PayloadCodec>;
beforeAll(async () => {
  codecs = { json: await loadPayloadCodec('json'), cbor: await loadPayloadCodec('cbor') };
});
const encodePayload = (format: 'json' | 'cbor', body: unknown): Uint8Array =>
  codecs[format].encode(body);
const decodePayload = (format: 'json' | 'cbor', payload: Uint8Array): unknown =>
  codecs[format].decode(payload);

describe('loadPayloadCodec: encode / decode', () => {
  const body = { certificateOwnershipToken: 'tok', parameters: { serial: '001' } };

  it('round-trips json as UTF-8 JSON text', () => {
    const bytes = encodePayload('json', body);
    expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(body));
    expect(decodePayload('json', bytes)).toEqual(body);
  });

  it('round-trips cbor as plain CBOR maps (no cbor-x records)', () => {
    const bytes = encodePayload('cbor', body);
    // 0xa2: a definite map of 2 pairs, as any CBOR decoder (AWS's included) expects.
    expect(bytes[0]).toBe(0xa2);
    expect(decodePayload('cbor', bytes)).toEqual(body);
  });

  it('encodes the empty request body as {} in both formats', () => {
    expect(new TextDecoder().decode(encodePayload('json', {}))).toBe('{}');
    expect([...encodePayload('cbor', {})]).toEqual([0xa0]);
  });

  it.each([
    ['json', new TextEncoder().encode('{"a":')],
    ['json', new Uint8Array([0xff, 0xfe])],
    ['json', new Uint8Array()],
    ['cbor', new Uint8Array([0xff, 0x01])],
    ['cbor', new Uint8Array()],
  ] as const)('refuses undecodable %s with INVALID_RESPONSE', (format, bytes) => {
    expect(() => decodePayload(format, bytes)).toThrow(ProvisioningError);
    try {
      decodePayload(format, bytes);
    } catch (error) {
      expect((error as ProvisioningError).code).toBe('INVALID_RESPONSE');
      expect((error as ProvisioningError).message).toContain(`Undecodable ${format} payload`);
    }
  });
});
