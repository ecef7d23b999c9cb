import { createConsoleLogger } from './createConsoleLogger.js';

const NOW = Date.UTC(2026, 10, 22, 8, 15, 10, 7);

function capture(level?: 'debug' | 'info' | 'warn' | 'error') {
  const lines: string[] = [];
  const log = createConsoleLogger({
    ...(level === undefined ? {} : { level }),
    write: (line) => lines.push(line),
    now: () => NOW,
  });
  return { log, lines };
}

const PEM_KEY = [
  '-----BEGIN PRIVATE KEY-----',
  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg',
  '-----END PRIVATE KEY-----',
].join('\n');

describe('createConsoleLogger', () => {
  it('writes one line: time, padded level, event, message, key=value fields', () => {
    const { log, lines } = capture();
    log.log('info', 'rotation.recovered', 'Production certificate recovered', {
      certificateId: 'e4081d9c9036',
      attempt: 2,
      skipped: undefined,
      reason: 'two words',
    });
    expect(lines).toEqual([
      '2026-11-22T08:15:10.007Z INFO  rotation.recovered Production certificate recovered certificateId=e4081d9c9036 attempt=2 reason="two words"',
    ]);
  });

  it('drops lines below the level (default info)', () => {
    const { log, lines } = capture();
    log.log('debug', 'runtime.deltaStale', 'Ignored');
    log.log('error', 'rotation.needsTechnician', 'Call a technician');
    expect(lines).toEqual([
      '2026-11-22T08:15:10.007Z ERROR rotation.needsTechnician Call a technician',
    ]);
    const quiet = capture('warn');
    quiet.log.log('info', 'a.b', 'hidden');
    expect(quiet.lines).toEqual([]);
  });

  it.each([
    'privateKey',
    'certificateOwnershipToken',
    'certificatePem',
    'clientSecret',
    'signature',
    'password',
  ])('redacts the field %s whatever its value', (name) => {
    const { log, lines } = capture();
    log.log('info', 'e.v', 'm', { [name]: PEM_KEY, other: 'kept' });
    expect(lines).toEqual([`2026-11-22T08:15:10.007Z INFO  e.v m ${name}=[redacted] other=kept`]);
  });

  it('redacts secret fields nested in an object value', () => {
    const { log, lines } = capture();
    log.log('warn', 'e.v', 'm', {
      request: { certificateOwnershipToken: 'tok-123', parameters: { SerialNumber: '001' } },
    });
    expect(lines[0]).toContain('request={"certificateOwnershipToken":"[redacted]"');
    expect(lines[0]).toContain('"parameters":{"SerialNumber":"001"}');
    expect(lines[0]).not.toContain('tok-123');
  });

  it('keeps one line per event and never prints a PEM block quoted in a message or value', () => {
    const { log, lines } = capture();
    log.log('error', 'claim.credentialUnreadable', `Cannot parse:\n${PEM_KEY}\nend`, {
      detail: `first\nsecond\r\nthird`,
    });
    expect(lines).toHaveLength(1);
    const [line = ''] = lines;
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).not.toContain('MIGHAgEAMBMG');
    expect(line).toContain('[redacted PEM]');
    expect(line).toContain('detail="first ⏎ second ⏎ third"');
  });

  it('writes to standard error by default, one newline-terminated line per event', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createConsoleLogger({ now: () => NOW }).log('info', 'device.starting', 'Starting\nAMR-001');
      expect(write).toHaveBeenCalledTimes(1);
      expect(write).toHaveBeenCalledWith(
        '2026-11-22T08:15:10.007Z INFO  device.starting Starting ⏎ AMR-001\n',
      );
    } finally {
      write.mockRestore();
    }
  });
});
