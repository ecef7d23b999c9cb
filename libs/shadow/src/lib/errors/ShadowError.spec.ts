import { ZodError } from 'zod';
import { SHADOW_ERRORS } from './catalog.js';
import { ShadowError } from './ShadowError.js';
import { shadowErrorPayload } from './shadowErrorPayload.js';

const now = Date.UTC(2025, 0, 2, 3, 4, 5, 678);
const seconds = Math.floor(now / 1000);

// AWS IoT Developer Guide, "Device Shadow error messages": every documented status and message.
describe('ShadowError named constructors', () => {
  const cases: [ShadowError, number, string][] = [
    [ShadowError.invalidJson('received "x"'), 400, 'Invalid JSON'],
    [ShadowError.missingState({}), 400, 'Missing required node: state'],
    [ShadowError.stateNotObject(1), 400, 'State node must be an object'],
    [ShadowError.desiredNotObject('a'), 400, 'Desired node must be an object'],
    [ShadowError.reportedNotObject([]), 400, 'Reported node must be an object'],
    [ShadowError.invalidVersion(-1), 400, 'Invalid version'],
    [ShadowError.invalidClientToken('x'.repeat(65), 64), 400, 'Invalid clientToken'],
    [
      ShadowError.tooDeep('desired', 6),
      400,
      'JSON contains too many levels of nesting; maximum is 6',
    ],
    [ShadowError.invalidStateNode('delta'), 400, 'State contains an invalid node'],
    [ShadowError.nullInArray('reported'), 400, 'Invalid JSON'],
    [ShadowError.unauthorized('no credentials'), 401, 'Unauthorized'],
    [ShadowError.forbidden('policy denies iot:UpdateThingShadow'), 403, 'Forbidden'],
    [ShadowError.thingNotFound('AMR-404'), 404, 'Thing not found'],
    [ShadowError.shadowNotFound('AMR-001'), 404, "No shadow exists with name: 'AMR-001'"],
    [ShadowError.shadowNotFound('AMR-001', 'robot'), 404, "No shadow exists with name: 'robot'"],
    [ShadowError.versionConflict(9, 10), 409, 'Version conflict'],
    [
      ShadowError.payloadTooLarge('shadow document', 8193, 8192),
      413,
      'The payload exceeds the maximum size allowed',
    ],
    [
      ShadowError.unsupportedEncoding(3),
      415,
      'Unsupported documented encoding; supported encoding is UTF-8',
    ],
    [ShadowError.tooManyRequests(11, 10), 429, 'Too Many Requests'],
    [ShadowError.internalFailure('disk full'), 500, 'Internal service failure'],
  ];

  it.each(cases.map(([error, status, message]) => ({ error, status, message, code: error.code })))(
    '$code answers $status $message',
    ({ error, status, message }) => {
      expect(error).toBeInstanceOf(ShadowError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('ShadowError');
      expect(error.status).toBe(status);
      expect(error.awsMessage).toBe(message);
      expect(error.toPayload({ now })).toMatchObject({ code: status, message });
    },
  );

  it('names the value received and the value expected in the developer message', () => {
    expect(ShadowError.invalidVersion('7').message).toBe(
      'Unexpected "version" "7": expected a non-negative integer',
    );
    expect(ShadowError.invalidClientToken(42, 64).message).toBe(
      'Unexpected "clientToken" 42: expected a string of at most 64 UTF-8 bytes',
    );
    expect(ShadowError.versionConflict(9, 10).message).toBe(
      'Unexpected shadow version 9, expected the stored version 10',
    );
    expect(ShadowError.payloadTooLarge('shadow document', 8193, 8192).message).toBe(
      'Unexpected shadow document of 8193 bytes, expected at most 8192 bytes',
    );
    expect(ShadowError.stateNotObject([1, 2]).message).toBe(
      'Unexpected "state" an array of 2: expected an object or null',
    );
    expect(ShadowError.invalidStateNode('delta').message).toBe(
      'Unexpected node "delta" in "state": expected only "desired" and "reported"',
    );
    expect(ShadowError.missingState('x'.repeat(100)).message).toContain('(102 characters)');
  });

  it('keeps the cause', () => {
    const cause = new ZodError([]);
    expect(ShadowError.internalFailure('x', { cause }).cause).toBe(cause);
    expect(ShadowError.internalFailure('x')).not.toHaveProperty('cause');
  });
});

describe('ShadowError#toPayload', () => {
  it('leaves timestamp out where AWS does (400, 404, 409) and echoes the clientToken', () => {
    expect(ShadowError.versionConflict(9, 10, { clientToken: 'tok' }).toPayload({ now })).toEqual({
      code: 409,
      message: 'Version conflict',
      clientToken: 'tok',
    });
    expect(ShadowError.shadowNotFound('T').toPayload({ now })).toEqual({
      code: 404,
      message: "No shadow exists with name: 'T'",
    });
    expect(ShadowError.missingState({}).toPayload({ now, clientToken: 'c' })).toEqual({
      code: 400,
      message: 'Missing required node: state',
      clientToken: 'c',
    });
  });

  it('adds timestamp in epoch seconds for the other codes', () => {
    expect(ShadowError.payloadTooLarge('x', 2, 1).toPayload({ now })).toEqual({
      code: 413,
      message: 'The payload exceeds the maximum size allowed',
      timestamp: seconds,
    });
    expect(ShadowError.internalFailure('x').toPayload({ now, clientToken: 'a' })).toEqual({
      code: 500,
      message: 'Internal service failure',
      timestamp: seconds,
      clientToken: 'a',
    });
  });

  it('prefers the clientToken given to toPayload', () => {
    const error = ShadowError.versionConflict(1, 2, { clientToken: 'old' });
    expect(error.toPayload({ now, clientToken: 'new' }).clientToken).toBe('new');
  });

  it('maps every catalog entry to its status', () => {
    for (const [code, entry] of Object.entries(SHADOW_ERRORS)) {
      const error = new ShadowError(code as keyof typeof SHADOW_ERRORS, 'm');
      expect(error.toPayload({ now })).toEqual({
        code: entry.status,
        message: entry.message,
        ...(entry.timestamp ? { timestamp: seconds } : {}),
      });
    }
  });
});

describe('ShadowError.fromPayload', () => {
  it('rebuilds an error from an AWS error document', () => {
    const error = ShadowError.fromPayload({
      code: 409,
      message: 'Version conflict',
      clientToken: 'tok',
    });
    expect(error.code).toBe('VERSION_CONFLICT');
    expect(error.clientToken).toBe('tok');
    expect(error.message).toBe('Shadow request rejected: 409 Version conflict');
    expect(error.toPayload({ now })).toEqual({
      code: 409,
      message: 'Version conflict',
      clientToken: 'tok',
    });
  });

  it('tells the two 404s apart and keeps unknown messages', () => {
    expect(
      ShadowError.fromPayload({ code: 404, message: "No shadow exists with name: 'x'" }).code,
    ).toBe('SHADOW_NOT_FOUND');
    expect(ShadowError.fromPayload({ code: 404, message: 'Thing not found' }).code).toBe(
      'THING_NOT_FOUND',
    );
    const odd = ShadowError.fromPayload({ code: 400, message: 'Something new' });
    expect(odd.status).toBe(400);
    expect(odd.awsMessage).toBe('Something new');
    expect(ShadowError.fromPayload({ code: 418, message: 'teapot' }).code).toBe('INTERNAL_FAILURE');
  });
});

describe('shadowErrorPayload', () => {
  it('builds { code, message, timestamp?, clientToken? }', () => {
    expect(shadowErrorPayload(400, 'Invalid JSON')).toEqual({ code: 400, message: 'Invalid JSON' });
    expect(shadowErrorPayload(500, 'Internal service failure', { now, clientToken: 't' })).toEqual({
      code: 500,
      message: 'Internal service failure',
      timestamp: seconds,
      clientToken: 't',
    });
  });
});
