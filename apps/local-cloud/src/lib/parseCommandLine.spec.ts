import { parseCommandLine } from './parseCommandLine.js';

describe('parseCommandLine', () => {
  it('defaults to an ephemeral-port local cloud in .data/local-cloud', () => {
    expect(parseCommandLine([])).toEqual({
      kind: 'start',
      options: { dataDir: '.data/local-cloud', ports: { mqtts: 0, https: 0, controlPlane: 0 } },
    });
  });

  it('maps every flag to an option', () => {
    expect(
      parseCommandLine([
        '--data-dir',
        '/var/lib/lc',
        '--host',
        'localhost',
        '--host',
        'iot.factory.lan',
        '--bind',
        '0.0.0.0',
        '--mqtts-port',
        '8883',
        '--https-port',
        '8443',
        '--control-port',
        '8080',
        '--region',
        'us-east-1',
        '--account-id',
        '123456789012',
        '--device-cert-days',
        '30',
        '--log-level',
        'debug',
        '--publish-rate-limit',
        '5000',
        '--publish-bytes-limit',
        '1048576',
      ]),
    ).toEqual({
      kind: 'start',
      options: {
        dataDir: '/var/lib/lc',
        hostnames: ['localhost', 'iot.factory.lan'],
        bindAddress: '0.0.0.0',
        ports: { mqtts: 8883, https: 8443, controlPlane: 8080 },
        region: 'us-east-1',
        accountId: '123456789012',
        deviceCertificateLifetimeDays: 30,
        logLevel: 'debug',
        publishRateLimit: 5000,
        publishBytesPerSecond: 1048576,
      },
    });
  });

  it('asks for help with -h and --help', () => {
    expect(parseCommandLine(['-h'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
  });

  it('accepts a fractional certificate lifetime for rotation demos', () => {
    expect(parseCommandLine(['--device-cert-days', '0.01'])).toMatchObject({
      options: { deviceCertificateLifetimeDays: 0.01 },
    });
  });

  it.each([
    [
      ['--device-cert-days', '1e3'],
      'Invalid option --device-cert-days: "1e3", expected a number such as 365 or 0.01',
    ],
    [['--device-cert-days', '4000'], 'Invalid option --device-cert-days'],
    [['--mqtts-port', 'eighty'], 'Invalid option --mqtts-port: "eighty", expected a whole number'],
    [['--mqtts-port', '70000'], 'Invalid option --mqtts-port'],
    [['--account-id', '12'], 'Invalid option --account-id'],
    [['--log-level', 'loud'], 'Invalid option --log-level'],
    [['--unknown'], "Unknown option '--unknown'"],
    [['stray'], 'stray'],
  ])('refuses %j with a one-line message', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
