import {
  ShadowDeleteAcceptedSchema,
  ShadowDeltaSchema,
  ShadowDocumentsSchema,
  ShadowErrorSchema,
  ShadowGetAcceptedSchema,
  ShadowMetadataSchema,
  ShadowStateSchema,
  ShadowUpdateAcceptedSchema,
  ShadowUpdateRequestSchema,
} from './schemas.js';

// Examples follow the AWS IoT Developer Guide pages "Device Shadow service documents" and
// "Interacting with shadows".

describe('ShadowUpdateRequestSchema', () => {
  it.each([
    { state: { desired: { color: { r: 10 }, engine: 'ON' } } },
    { state: { reported: { color: { r: 10 }, engine: 'ON' } } },
    { state: { desired: { engine: null } } },
    { state: { reported: { color: 'red' }, desired: null } },
    { state: { desired: { colors: ['BLUE'] } }, version: 10 },
    { state: { desired: { colors: ['RED'] } }, clientToken: 'UniqueClientToken' },
    { state: null },
    { state: {} },
  ])('accepts the documented request %j', (request) => {
    expect(ShadowUpdateRequestSchema.parse(request)).toEqual(request);
  });

  it('keeps unknown nodes so the shadow service can refuse them with AWS’s message', () => {
    const parsed = ShadowUpdateRequestSchema.parse({
      state: { desired: {}, delta: { a: 1 } },
      metadata: {},
    });
    expect(parsed).toEqual({ state: { desired: {}, delta: { a: 1 } }, metadata: {} });
  });

  it.each([
    [{}, 'state'],
    [{ state: 'on' }, 'state'],
    [{ state: { desired: 'red' } }, 'state.desired'],
    [{ state: { reported: [1, 2] } }, 'state.reported'],
    [{ state: {}, clientToken: 5 }, 'clientToken'],
    [{ state: {}, version: '10' }, 'version'],
    [[], ''],
    [null, ''],
  ])('refuses %j at %s', (request, path) => {
    const result = ShadowUpdateRequestSchema.safeParse(request);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('ShadowStateSchema refuses non-object sections', () => {
    expect(ShadowStateSchema.safeParse({ desired: 1 }).success).toBe(false);
    expect(ShadowStateSchema.safeParse({ desired: null, reported: { a: [1, 'x'] } }).success).toBe(
      true,
    );
  });
});

describe('ShadowUpdateAcceptedSchema', () => {
  it('accepts the documented /accepted response', () => {
    const accepted = {
      state: { desired: { color: 'RED', sequence: ['RED', 'GREEN', 'BLUE'] } },
      metadata: {
        desired: { color: { timestamp: 12345 }, sequence: { timestamp: 12345 } },
      },
      version: 10,
      clientToken: 'UniqueClientToken',
      timestamp: 123456789,
    };
    expect(ShadowUpdateAcceptedSchema.parse(accepted)).toEqual(accepted);
  });

  it('accepts a removed section echoed as null', () => {
    expect(
      ShadowUpdateAcceptedSchema.safeParse({
        state: { desired: null },
        metadata: { desired: { timestamp: 1 } },
        version: 3,
        timestamp: 1,
      }).success,
    ).toBe(true);
  });

  it.each([
    { state: {}, metadata: {}, version: '1', timestamp: 1 },
    { state: {}, metadata: {}, version: 1 },
    { state: {}, version: 1, timestamp: 1 },
    { state: {}, metadata: { desired: 5 }, version: 1, timestamp: 1 },
    { state: {}, metadata: {}, version: 1.5, timestamp: 1 },
  ])('refuses %j', (payload) => {
    expect(ShadowUpdateAcceptedSchema.safeParse(payload).success).toBe(false);
  });
});

describe('ShadowDeltaSchema', () => {
  it('accepts the documented /delta response', () => {
    const delta = {
      state: { lights: { color: { g: 255 } } },
      metadata: { lights: { color: { g: { timestamp: 1469564492 } } } },
      version: 18,
      timestamp: 1469564492,
      clientToken: 'token',
    };
    expect(ShadowDeltaSchema.parse(delta)).toEqual(delta);
  });

  it.each([
    { state: null, metadata: {}, version: 1, timestamp: 1 },
    { state: {}, metadata: [], version: 1, timestamp: 1 },
    { state: {}, metadata: {}, timestamp: 1 },
  ])('refuses %j', (payload) => {
    expect(ShadowDeltaSchema.safeParse(payload).success).toBe(false);
  });
});

describe('ShadowDocumentsSchema', () => {
  const side = (version: number, color: string) => ({
    state: { desired: { color }, reported: { color: 'GREEN' } },
    metadata: {
      desired: { color: { timestamp: 1469564492 } },
      reported: { color: { timestamp: 1469564492 } },
    },
    version,
  });

  it('accepts the documented /documents response', () => {
    const documents = {
      previous: side(9, 'GREEN'),
      current: side(10, 'RED'),
      timestamp: 1469564492,
      clientToken: 'token',
    };
    expect(ShadowDocumentsSchema.parse(documents)).toEqual(documents);
  });

  it('tolerates a missing or null previous (shadow just created)', () => {
    expect(ShadowDocumentsSchema.safeParse({ current: side(1, 'RED'), timestamp: 1 }).success).toBe(
      true,
    );
    expect(
      ShadowDocumentsSchema.safeParse({ previous: null, current: side(1, 'RED'), timestamp: 1 })
        .success,
    ).toBe(true);
  });

  it.each([
    { previous: side(1, 'RED'), timestamp: 1 },
    { previous: side(1, 'RED'), current: { state: {}, metadata: {} }, timestamp: 1 },
    { current: { ...side(1, 'RED'), state: { desired: null } }, timestamp: 1 },
    { current: side(1, 'RED') },
  ])('refuses %j', (payload) => {
    expect(ShadowDocumentsSchema.safeParse(payload).success).toBe(false);
  });
});

describe('ShadowGetAcceptedSchema', () => {
  it('accepts the documented full document with delta', () => {
    const document = {
      state: {
        desired: { color: 'RED', state: 'STOP' },
        reported: { color: 'GREEN', engine: 'ON' },
        delta: { color: 'RED', state: 'STOP' },
      },
      metadata: {
        desired: { color: { timestamp: 12345 }, state: { timestamp: 12345 } },
        reported: { color: { timestamp: 12345 }, engine: { timestamp: 12345 } },
      },
      version: 17,
      timestamp: 123456789,
    };
    expect(ShadowGetAcceptedSchema.parse(document)).toEqual(document);
  });

  it('accepts an empty shadow', () => {
    expect(
      ShadowGetAcceptedSchema.safeParse({ state: {}, metadata: {}, version: 1, timestamp: 1 })
        .success,
    ).toBe(true);
  });

  it.each([
    { state: { delta: 'x' }, metadata: {}, version: 1, timestamp: 1 },
    { state: { desired: null }, metadata: {}, version: 1, timestamp: 1 },
    { metadata: {}, version: 1, timestamp: 1 },
  ])('refuses %j', (payload) => {
    expect(ShadowGetAcceptedSchema.safeParse(payload).success).toBe(false);
  });
});

describe('ShadowMetadataSchema', () => {
  it('accepts per-section timestamp trees and refuses other shapes', () => {
    expect(ShadowMetadataSchema.safeParse({ reported: { temp: { timestamp: 1 } } }).success).toBe(
      true,
    );
    expect(ShadowMetadataSchema.safeParse({ reported: 'x' }).success).toBe(false);
  });
});

describe('ShadowDeleteAcceptedSchema', () => {
  it('accepts the documented payload', () => {
    expect(ShadowDeleteAcceptedSchema.parse({ version: 11, timestamp: 1591651290 })).toEqual({
      version: 11,
      timestamp: 1591651290,
    });
    expect(
      ShadowDeleteAcceptedSchema.safeParse({ version: 11, timestamp: 1, clientToken: 't' }).success,
    ).toBe(true);
  });

  it.each([{ version: 11 }, { version: null, timestamp: 1 }, { version: 1, timestamp: '1' }])(
    'refuses %j',
    (payload) => {
      expect(ShadowDeleteAcceptedSchema.safeParse(payload).success).toBe(false);
    },
  );
});

describe('ShadowErrorSchema', () => {
  it.each([
    { code: 409, message: 'Version conflict', clientToken: '426bfd96-e720-46d3-95cd-014e3ef12bb6' },
    { code: 400, message: 'Missing required node: state', timestamp: 1591651290 },
    { code: 404, message: 'No shadow exists with name: robot' },
  ])('accepts the documented error %j', (payload) => {
    expect(ShadowErrorSchema.parse(payload)).toEqual(payload);
  });

  it.each([
    { code: '409', message: 'Version conflict' },
    { code: 409 },
    { message: 'x' },
    { code: 409.5, message: 'x' },
  ])('refuses %j', (payload) => {
    expect(ShadowErrorSchema.safeParse(payload).success).toBe(false);
  });
});
