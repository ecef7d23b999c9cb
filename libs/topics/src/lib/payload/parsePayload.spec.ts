import { z } from 'zod';
import { HeartbeatSchema } from '../amr/schemas.js';
import { TopicError } from '../errors/TopicError.js';
import { CreateKeysAndCertificateRequestSchema } from '../provisioning/schemas.js';
import { ShadowUpdateRequestSchema } from '../shadow/schemas.js';
import { parsePayload } from './parsePayload.js';

const encoder = new TextEncoder();

function caught(fn: () => unknown): TopicError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TopicError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to throw');
}

describe('parsePayload', () => {
  const beat = { thingName: 'AMR-001', seq: 3, sentAt: 1_767_225_600_000 };

  it('parses UTF-8 bytes and strings', () => {
    expect(
      parsePayload(HeartbeatSchema, encoder.encode(JSON.stringify(beat)), 'heartbeat'),
    ).toEqual(beat);
    expect(parsePayload(HeartbeatSchema, JSON.stringify(beat), 'heartbeat')).toEqual(beat);
  });

  it('decodes multi-byte UTF-8', () => {
    const request = { state: { reported: { 場所: '倉庫A', note: '🤖' } } };
    expect(
      parsePayload(
        ShadowUpdateRequestSchema,
        encoder.encode(JSON.stringify(request)),
        'shadow update',
      ),
    ).toEqual(request);
  });

  it('strips unknown keys the schema does not keep', () => {
    expect(
      parsePayload(HeartbeatSchema, JSON.stringify({ ...beat, extra: 1 }), 'heartbeat'),
    ).toEqual(beat);
  });

  it('turns an empty payload into undefined for schemas that allow it', () => {
    expect(
      parsePayload(
        CreateKeysAndCertificateRequestSchema,
        new Uint8Array(),
        'CreateKeysAndCertificate request',
      ),
    ).toBeUndefined();
    expect(
      parsePayload(CreateKeysAndCertificateRequestSchema, '{}', 'CreateKeysAndCertificate request'),
    ).toEqual({});
  });

  it('refuses an empty payload where an object is required, saying so', () => {
    const error = caught(() => parsePayload(HeartbeatSchema, '', 'heartbeat'));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      'Unexpected heartbeat payload (received an empty payload): (root): Invalid input: expected object, received undefined',
    );
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it('refuses bytes that are not UTF-8', () => {
    const error = caught(() =>
      parsePayload(HeartbeatSchema, new Uint8Array([0x7b, 0xff, 0x7d]), 'heartbeat'),
    );
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      'Unexpected heartbeat payload: expected UTF-8 JSON, received 3 bytes that are not valid UTF-8',
    );
    // TextDecoder's TypeError comes from another realm under jest, so compare by name.
    expect((error.cause as Error).name).toBe('TypeError');
  });

  it('refuses text that is not JSON, quoting it', () => {
    const error = caught(() => parsePayload(HeartbeatSchema, '{"seq": 1,', 'heartbeat'));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      'Unexpected heartbeat payload: expected JSON, received "{\\"seq\\": 1,"',
    );
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('names every mismatch with its path, what was expected and what was received', () => {
    const error = caught(() =>
      parsePayload(
        HeartbeatSchema,
        JSON.stringify({ thingName: 'AMR-001', seq: '3', sentAt: null }),
        'heartbeat',
      ),
    );
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      'Unexpected heartbeat payload: seq: Invalid input: expected number, received string; sentAt: Invalid input: expected number, received null',
    );
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect((error.cause as z.ZodError).issues).toHaveLength(2);
  });

  it('reports nested paths', () => {
    const error = caught(() =>
      parsePayload(
        ShadowUpdateRequestSchema,
        '{"state":{"desired":"red"}}',
        'shadow update request',
      ),
    );
    expect(error.message).toBe(
      'Unexpected shadow update request payload: state.desired: Invalid input: expected record, received string',
    );
  });

  it('refuses a JSON value of the wrong kind at the root', () => {
    expect(caught(() => parsePayload(HeartbeatSchema, '[]', 'heartbeat')).message).toBe(
      'Unexpected heartbeat payload: (root): Invalid input: expected object, received array',
    );
  });
});
