import { TopicError } from '@iot-gateway-net/topics';
import type { StoredShadow } from '../document/schemas.js';
import { handleShadowRequest, type ShadowMessage } from './handleShadowRequest.js';

const T0 = 1_730_000_000;
const at = (seconds: number) => seconds * 1000 + 250;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decoded = (messages: ShadowMessage[]) =>
  messages.map(({ topic, payload }) => ({ topic, payload: JSON.parse(payload) as unknown }));

describe('handleShadowRequest', () => {
  it('answers an update with accepted, delta and documents on the named shadow topics', () => {
    const result = handleShadowRequest(
      'update',
      'AMR-001',
      'robot',
      encode({ state: { desired: { mode: 'AUTO' } }, clientToken: 'u1' }),
      undefined,
      { now: at(T0) },
    );
    const prefix = '$aws/things/AMR-001/shadow/name/robot';
    expect(result.changed).toBe(true);
    expect(result.next?.version).toBe(1);
    expect(decoded(result.messages)).toEqual([
      {
        topic: `${prefix}/update/accepted`,
        payload: {
          state: { desired: { mode: 'AUTO' } },
          metadata: { desired: { mode: { timestamp: T0 } } },
          version: 1,
          timestamp: T0,
          clientToken: 'u1',
        },
      },
      {
        topic: `${prefix}/update/delta`,
        payload: {
          state: { mode: 'AUTO' },
          metadata: { mode: { timestamp: T0 } },
          version: 1,
          timestamp: T0,
          clientToken: 'u1',
        },
      },
      {
        topic: `${prefix}/update/documents`,
        payload: {
          current: {
            state: { desired: { mode: 'AUTO' } },
            metadata: { desired: { mode: { timestamp: T0 } } },
            version: 1,
          },
          timestamp: T0,
          clientToken: 'u1',
        },
      },
    ]);
  });

  it('publishes no delta when desired and reported agree, on the classic shadow topics', () => {
    const result = handleShadowRequest(
      'update',
      'AMR-001',
      undefined,
      '{"state":{"reported":{"battery":80}}}',
      undefined,
      { now: at(T0) },
    );
    expect(result.messages.map(({ topic }) => topic)).toEqual([
      '$aws/things/AMR-001/shadow/update/accepted',
      '$aws/things/AMR-001/shadow/update/documents',
    ]);
  });

  it('answers a bad update on update/rejected and keeps the stored shadow', () => {
    const stored: StoredShadow = { state: { reported: { a: 1 } }, metadata: {}, version: 3 };
    const cases: [Uint8Array | string, unknown][] = [
      ['{"state":', { code: 400, message: 'Invalid JSON' }],
      [
        Uint8Array.from([0xff]),
        {
          code: 415,
          message: 'Unsupported documented encoding; supported encoding is UTF-8',
          timestamp: T0,
        },
      ],
      [
        '{"state":{"reported":{"a":2}},"version":2,"clientToken":"old"}',
        { code: 409, message: 'Version conflict', clientToken: 'old' },
      ],
    ];
    for (const [payload, error] of cases) {
      const result = handleShadowRequest('update', 'T', undefined, payload, stored, {
        now: at(T0),
      });
      expect(result.changed).toBe(false);
      expect(result.next).toBe(stored);
      expect(decoded(result.messages)).toEqual([
        { topic: '$aws/things/T/shadow/update/rejected', payload: error },
      ]);
    }
  });

  it('passes the size limits on', () => {
    const request = '{"state":{"reported":{"a":12345}}}';
    const small = (options: { maxRequestBytes?: number; maxDocumentBytes?: number }) =>
      decoded(
        handleShadowRequest('update', 'T', undefined, request, undefined, {
          now: at(T0),
          ...options,
        }).messages,
      )[0];
    expect(small({ maxRequestBytes: 10 })?.payload).toMatchObject({ code: 413 });
    expect(small({ maxDocumentBytes: 10 })?.payload).toMatchObject({ code: 413 });
    expect(small({})?.topic).toBe('$aws/things/T/shadow/update/accepted');
  });

  it('answers get with the document, echoing the clientToken of the request', () => {
    const stored: StoredShadow = {
      state: { desired: { a: 1 }, reported: { a: 0 } },
      metadata: { desired: { a: { timestamp: 1 } }, reported: { a: { timestamp: 2 } } },
      version: 5,
    };
    const result = handleShadowRequest('get', 'T', 'robot', '{"clientToken":"g1"}', stored, {
      now: at(T0),
    });
    expect(result).toEqual({ messages: expect.any(Array), next: stored, changed: false });
    expect(decoded(result.messages)).toEqual([
      {
        topic: '$aws/things/T/shadow/name/robot/get/accepted',
        payload: {
          state: { desired: { a: 1 }, reported: { a: 0 }, delta: { a: 1 } },
          metadata: stored.metadata,
          version: 5,
          timestamp: T0,
          clientToken: 'g1',
        },
      },
    ]);
  });

  it('ignores the rest of a get or delete payload', () => {
    for (const payload of ['', 'garbage', '[]', '{"clientToken":5}', Uint8Array.from([0xff])]) {
      const [message] = decoded(
        handleShadowRequest('get', 'T', undefined, payload, undefined, { now: at(T0) }).messages,
      );
      expect(message).toEqual({
        topic: '$aws/things/T/shadow/get/rejected',
        payload: { code: 404, message: "No shadow exists with name: 'T'" },
      });
    }
  });

  it('deletes, then answers 404, then continues the version on the next update', () => {
    const created = handleShadowRequest(
      'update',
      'T',
      's',
      '{"state":{"reported":{"x":1}}}',
      undefined,
      {
        now: at(T0),
      },
    );
    const deleted = handleShadowRequest('delete', 'T', 's', '{"clientToken":"d"}', created.next, {
      now: at(T0 + 1),
    });
    expect(deleted.changed).toBe(true);
    expect(decoded(deleted.messages)).toEqual([
      {
        topic: '$aws/things/T/shadow/name/s/delete/accepted',
        payload: { version: 1, timestamp: T0 + 1, clientToken: 'd' },
      },
    ]);
    const again = handleShadowRequest('delete', 'T', 's', '', deleted.next, { now: at(T0 + 2) });
    expect(again.changed).toBe(false);
    expect(decoded(again.messages)).toEqual([
      {
        topic: '$aws/things/T/shadow/name/s/delete/rejected',
        payload: { code: 404, message: "No shadow exists with name: 's'" },
      },
    ]);
    const get = handleShadowRequest('get', 'T', 's', '', deleted.next, { now: at(T0 + 3) });
    expect(decoded(get.messages)[0]?.topic).toBe('$aws/things/T/shadow/name/s/get/rejected');
    const recreated = handleShadowRequest(
      'update',
      'T',
      's',
      '{"state":{"reported":{"x":2}}}',
      deleted.next,
      {
        now: at(T0 + 4),
      },
    );
    expect(recreated.next?.version).toBe(2);
    expect(decoded(recreated.messages)[1]?.payload).not.toHaveProperty('previous');
  });

  it('throws TopicError for names that cannot form a topic', () => {
    expect(() =>
      handleShadowRequest('get', 'bad/thing', undefined, '', undefined, { now: at(T0) }),
    ).toThrow(TopicError);
    expect(() =>
      handleShadowRequest('get', 'T', 'bad name', '', undefined, { now: at(T0) }),
    ).toThrow(TopicError);
  });
});
