import { interpretCommand } from './interpretCommand.js';

const bytes = (value: unknown): Uint8Array =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const options = { maxBytes: 1_024, now: 1_767_225_600_000 };

describe('interpretCommand', () => {
  it('reads a call to a station and one to a position', () => {
    expect(
      interpretCommand(
        'call',
        bytes({ requestId: 'r1', issuedAt: 1, args: { station: 'station-a' } }),
        options,
      ),
    ).toEqual({
      kind: 'execute',
      command: { name: 'call', requestId: 'r1', args: { station: 'station-a' } },
    });
    expect(
      interpretCommand(
        'call',
        bytes({ requestId: 'r2', issuedAt: 1, args: { x: 1, y: 2 } }),
        options,
      ),
    ).toEqual({
      kind: 'execute',
      command: { name: 'call', requestId: 'r2', args: { x: 1, y: 2 } },
    });
    expect(interpretCommand('stop', bytes({ requestId: 'r3', issuedAt: 1 }), options)).toEqual({
      kind: 'execute',
      command: { name: 'stop', requestId: 'r3' },
    });
  });

  it('rejects what is not JSON without a request id', () => {
    expect(interpretCommand('call', bytes('{oops'), options)).toEqual({
      kind: 'reject',
      reason: 'Unexpected call command payload: expected JSON, received "{oops"',
    });
    expect(interpretCommand('call', new Uint8Array([0xff, 0xfe]), options)).toEqual({
      kind: 'reject',
      reason:
        'Unexpected call command payload: expected UTF-8 JSON, received 2 bytes that are not UTF-8',
    });
  });

  it('rejects a bad envelope, an unknown command and bad args, keeping the readable request id', () => {
    expect(interpretCommand('call', bytes({ requestId: 'r4', issuedAt: 'now' }), options)).toEqual({
      kind: 'reject',
      requestId: 'r4',
      reason:
        'Unexpected call command payload: issuedAt: Invalid input: expected number, received string',
    });
    expect(interpretCommand('dance', bytes({ requestId: 'r5', issuedAt: 1 }), options)).toEqual({
      kind: 'reject',
      requestId: 'r5',
      reason: 'Unknown command "dance", expected one of call, stop, charge, resume',
    });
    const badArgs = interpretCommand(
      'stop',
      bytes({ requestId: 'r6', issuedAt: 1, args: { now: true } }),
      options,
    );
    expect(badArgs).toMatchObject({ kind: 'reject', requestId: 'r6' });
    expect(badArgs.kind === 'reject' && badArgs.reason).toMatch(
      /^Unexpected stop command args: args: /,
    );
    expect(
      interpretCommand('call', bytes({ requestId: 'r7', issuedAt: 1 }), options),
    ).toMatchObject({
      kind: 'reject',
      requestId: 'r7',
    });
  });

  it('rejects oversized and, when asked, expired commands', () => {
    const big = bytes({ requestId: 'r8', issuedAt: 1, args: { station: 'x'.repeat(2_000) } });
    expect(interpretCommand('call', big, options)).toEqual({
      kind: 'reject',
      requestId: 'r8',
      reason: `Unexpected call command payload of ${big.byteLength} bytes, expected at most 1024`,
    });
    const old = bytes({ requestId: 'r9', issuedAt: options.now - 61_000 });
    expect(interpretCommand('stop', old, { ...options, maxAgeMs: 60_000 })).toEqual({
      kind: 'reject',
      requestId: 'r9',
      reason: 'Expired stop command: issued 61000 ms ago, expected at most 60000 ms',
    });
    expect(interpretCommand('stop', old, options).kind).toBe('execute');
  });

  it('names the size first for an oversized payload that is not JSON either (no request id)', () => {
    const junk = new TextEncoder().encode('x'.repeat(2_000));
    expect(interpretCommand('call', junk, options)).toEqual({
      kind: 'reject',
      reason: 'Unexpected call command payload of 2000 bytes, expected at most 1024',
    });
  });
});
