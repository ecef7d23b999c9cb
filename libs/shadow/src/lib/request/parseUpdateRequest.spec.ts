import { parseUpdateRequest } from './parseUpdateRequest.js';

const now = 1_700_000_000_123;
const seconds = 1_700_000_000;

/** An object `depth` levels deep, the object itself being level 1: nested(2) = { l2: { leaf: 1 } }. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let level = depth; level > 1; level--) {
    value = { [`l${level}`]: value };
  }
  return value;
}

function rejection(payload: Uint8Array | string, maxRequestBytes?: number) {
  const result = parseUpdateRequest(
    payload,
    maxRequestBytes === undefined ? {} : { maxRequestBytes },
  );
  if (result.ok) {
    throw new Error(`expected a rejection of ${String(payload)}`);
  }
  return result.error.toPayload({ now });
}

function accepted(payload: Uint8Array | string) {
  const result = parseUpdateRequest(payload);
  if (!result.ok) {
    throw new Error(`unexpected rejection: ${result.error.message}`);
  }
  return result.request;
}

describe('parseUpdateRequest: accepted requests', () => {
  it('returns the request as sent', () => {
    const text =
      '{"state":{"desired":{"color":"red","power":"on"}},"clientToken":"t-1","version":3}';
    expect(accepted(text)).toEqual({
      state: { desired: { color: 'red', power: 'on' } },
      clientToken: 't-1',
      version: 3,
    });
  });

  it('reads UTF-8 bytes, unicode included', () => {
    const text = '{"state":{"reported":{"名前":"ロボット🤖","temp":21.5}},"clientToken":"é"}';
    expect(accepted(new TextEncoder().encode(text))).toEqual({
      state: { reported: { 名前: 'ロボット🤖', temp: 21.5 } },
      clientToken: 'é',
    });
  });

  it('accepts null sections, a null state and an empty state', () => {
    expect(accepted('{"state":{"reported":{"color":"red"},"desired":null}}').state).toEqual({
      reported: { color: 'red' },
      desired: null,
    });
    expect(accepted('{"state":null}').state).toBeNull();
    expect(accepted('{"state":{}}').state).toEqual({});
  });

  it('ignores nodes outside state, clientToken and version', () => {
    expect(accepted('{"state":{"desired":{}},"metadata":{"x":1},"timestamp":5}').state).toEqual({
      desired: {},
    });
  });

  it('accepts version 0 and large integers', () => {
    expect(accepted('{"state":{},"version":0}').version).toBe(0);
    expect(accepted(`{"state":{},"version":${Number.MAX_SAFE_INTEGER}}`).version).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('accepts nulls outside arrays (they delete keys)', () => {
    expect(accepted('{"state":{"desired":{"engine":null,"a":{"b":null}}}}').state).toEqual({
      desired: { engine: null, a: { b: null } },
    });
  });
});

describe('parseUpdateRequest: AWS error messages', () => {
  const invalidJson = { code: 400, message: 'Invalid JSON' };
  const missingState = { code: 400, message: 'Missing required node: state' };
  const stateNotObject = { code: 400, message: 'State node must be an object' };
  const desiredNotObject = { code: 400, message: 'Desired node must be an object' };
  const reportedNotObject = { code: 400, message: 'Reported node must be an object' };
  const invalidNode = { code: 400, message: 'State contains an invalid node' };
  const invalidVersion = { code: 400, message: 'Invalid version' };
  const invalidToken = { code: 400, message: 'Invalid clientToken' };

  it.each([
    ['', invalidJson],
    ['{', invalidJson],
    ['not json', invalidJson],
    ["{'state':{}}", invalidJson],
    ['{"state":{},}', invalidJson],
    ['{"state":{"desired":{"a":01}}}', invalidJson],
    // aws-iot-device-sdk-js issue 22: a payload of `66` is answered "Missing required node: state".
    ['66', missingState],
    ['[]', missingState],
    ['null', missingState],
    ['"state"', missingState],
    ['{}', missingState],
    ['{"desired":{"a":1}}', missingState],
    ['{"State":{}}', missingState],
    ['{"state":1}', stateNotObject],
    ['{"state":"desired"}', stateNotObject],
    ['{"state":[]}', stateNotObject],
    ['{"state":true}', stateNotObject],
    ['{"state":{"desired":1}}', desiredNotObject],
    ['{"state":{"desired":"on"}}', desiredNotObject],
    ['{"state":{"desired":[1]}}', desiredNotObject],
    ['{"state":{"reported":false}}', reportedNotObject],
    ['{"state":{"reported":[]}}', reportedNotObject],
    ['{"state":{"delta":{"a":1}}}', invalidNode],
    ['{"state":{"desired":{},"metadata":{}}}', invalidNode],
    ['{"state":{"Desired":{}}}', invalidNode],
    ['{"state":{},"version":"1"}', invalidVersion],
    ['{"state":{},"version":-1}', invalidVersion],
    ['{"state":{},"version":1.5}', invalidVersion],
    ['{"state":{},"version":null}', invalidVersion],
    ['{"state":{},"version":true}', invalidVersion],
    ['{"state":{},"version":9007199254740992}', invalidVersion],
    ['{"state":{},"clientToken":42}', invalidToken],
    ['{"state":{},"clientToken":null}', invalidToken],
    ['{"state":{},"clientToken":{"a":1}}', invalidToken],
  ])('%s → %o', (payload, expected) => {
    expect(rejection(payload)).toEqual(expected);
  });

  it('echoes a valid clientToken in later errors, not an invalid one', () => {
    expect(rejection('{"clientToken":"abc","state":1}')).toEqual({
      ...stateNotObject,
      clientToken: 'abc',
    });
    expect(rejection('{"clientToken":"abc"}')).toEqual({ ...missingState, clientToken: 'abc' });
    expect(rejection('{"clientToken":"abc","state":{},"version":-2}')).toEqual({
      ...invalidVersion,
      clientToken: 'abc',
    });
    expect(rejection(`{"clientToken":"${'x'.repeat(65)}","state":1}`)).toEqual(invalidToken);
  });

  it('checks the clientToken before state', () => {
    expect(rejection('{"clientToken":1}')).toEqual(invalidToken);
  });
});

describe('parseUpdateRequest: clientToken is at most 64 UTF-8 bytes', () => {
  const request = (token: string) => JSON.stringify({ state: {}, clientToken: token });

  it.each([
    ['64 ASCII characters', 'a'.repeat(64), true],
    ['65 ASCII characters', 'a'.repeat(65), false],
    ['32 two-byte characters (64 bytes)', 'é'.repeat(32), true],
    ['32 two-byte characters and one more byte', `${'é'.repeat(32)}a`, false],
    ['21 three-byte characters and one byte (64 bytes)', `${'あ'.repeat(21)}a`, true],
    ['22 three-byte characters (66 bytes, 22 characters)', 'あ'.repeat(22), false],
    ['16 emoji (64 bytes, 32 UTF-16 units)', '🤖'.repeat(16), true],
    ['16 emoji and one byte', `${'🤖'.repeat(16)}a`, false],
    ['the empty string', '', true],
  ])('%s', (_name, token, ok) => {
    const result = parseUpdateRequest(request(token));
    expect(result.ok).toBe(ok);
    if (!result.ok) {
      expect(result.error.toPayload({ now })).toEqual({
        code: 400,
        message: 'Invalid clientToken',
      });
    }
  });
});

describe('parseUpdateRequest: depth of desired and reported is at most 6', () => {
  const tooDeep = {
    code: 400,
    message: 'JSON contains too many levels of nesting; maximum is 6',
  };

  it.each(['desired', 'reported'])('accepts 6 levels and refuses 7 in %s', (section) => {
    expect(parseUpdateRequest(JSON.stringify({ state: { [section]: nested(6) } })).ok).toBe(true);
    expect(rejection(JSON.stringify({ state: { [section]: nested(7) } }))).toEqual(tooDeep);
  });

  it('counts arrays as levels and scalars as none', () => {
    // desired {1} → a [2] → {3} → b [4] → {5} → c {6} → leaf scalar
    const six = { a: [{ b: [{ c: { leaf: 'x' } }] }] };
    expect(parseUpdateRequest(JSON.stringify({ state: { desired: six } })).ok).toBe(true);
    // ... → c [6] → {7}
    const seven = { a: [{ b: [{ c: [{ leaf: 'x' }] }] }] };
    expect(rejection(JSON.stringify({ state: { desired: seven } }))).toEqual(tooDeep);
  });

  it('echoes the clientToken', () => {
    expect(
      rejection(JSON.stringify({ state: { reported: nested(8) }, clientToken: 'deep' })),
    ).toEqual({ ...tooDeep, clientToken: 'deep' });
  });
});

describe('parseUpdateRequest: arrays cannot hold null', () => {
  it.each([
    '{"state":{"desired":{"colors":[null,"RED","GREEN"]}}}',
    '{"state":{"reported":{"a":[1,[2,null]]}}}',
    '{"state":{"reported":{"a":[{"b":null}]}}}',
  ])('%s → 400 Invalid JSON', (payload) => {
    expect(rejection(payload)).toEqual({ code: 400, message: 'Invalid JSON' });
  });

  it('accepts arrays without null', () => {
    expect(parseUpdateRequest('{"state":{"desired":{"a":[[],{},[0,false,""]]}}}').ok).toBe(true);
  });
});

describe('parseUpdateRequest: size and encoding', () => {
  const tooLarge = {
    code: 413,
    message: 'The payload exceeds the maximum size allowed',
    timestamp: seconds,
  };
  /** A request of exactly `bytes` UTF-8 bytes. */
  const sized = (bytes: number, filler = 'x') => {
    const empty = '{"state":{"desired":{"f":""}}}';
    const fillerBytes = new TextEncoder().encode(filler).byteLength;
    const count = (bytes - empty.length) / fillerBytes;
    if (!Number.isInteger(count)) {
      throw new Error('filler does not divide the size');
    }
    return `{"state":{"desired":{"f":"${filler.repeat(count)}"}}}`;
  };

  it('accepts 8192 bytes and refuses 8193 with 413', () => {
    expect(parseUpdateRequest(sized(8192)).ok).toBe(true);
    expect(rejection(sized(8193))).toEqual(tooLarge);
  });

  it('counts UTF-8 bytes, not characters, for text and bytes alike', () => {
    const text = sized(8192 - 2 + 4, '🤖'.slice(0, 2));
    expect(new TextEncoder().encode(text).byteLength).toBe(8194);
    expect(rejection(text)).toEqual(tooLarge);
    expect(rejection(new TextEncoder().encode(text))).toEqual(tooLarge);
  });

  it('takes another limit', () => {
    expect(rejection('{"state":{}}', 11)).toEqual(tooLarge);
    expect(parseUpdateRequest('{"state":{}}', { maxRequestBytes: 12 }).ok).toBe(true);
  });

  it.each([
    ['a lone continuation byte', [0x7b, 0x80, 0x7d]],
    ['0xff', [0xff, 0xfe]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0x7b, 0xe3, 0x81]],
  ])('refuses %s with 415', (_name, bytes) => {
    expect(rejection(Uint8Array.from(bytes))).toEqual({
      code: 415,
      message: 'Unsupported documented encoding; supported encoding is UTF-8',
      timestamp: seconds,
    });
  });
});
