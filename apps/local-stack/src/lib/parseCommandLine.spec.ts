import { parseCommandLine } from './parseCommandLine.js';

describe('parseCommandLine', () => {
  it('defaults to three AMRs in .data, redrawing on a terminal', () => {
    expect(parseCommandLine([], true)).toEqual({
      kind: 'start',
      dataDir: '.data',
      count: 3,
      deviceCertificateDays: 365,
      plain: false,
    });
  });

  it('prints plain blocks when the output is not a terminal', () => {
    expect(parseCommandLine([], false)).toMatchObject({ plain: true });
  });

  it('reads every flag', () => {
    expect(
      parseCommandLine(
        ['--data-dir', '/tmp/x', '--count', '10', '--cert-days', '0.01', '--plain'],
        true,
      ),
    ).toEqual({
      kind: 'start',
      dataDir: '/tmp/x',
      count: 10,
      deviceCertificateDays: 0.01,
      plain: true,
    });
  });

  it('answers help', () => {
    expect(parseCommandLine(['-h'], true)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--count', '0'], 'Invalid --count "0", expected an integer from 1 to 1000'],
    [['--count', '2.5'], 'Invalid --count "2.5", expected an integer from 1 to 1000'],
    [['--count', '1001'], 'Invalid --count "1001", expected an integer from 1 to 1000'],
    [['--cert-days=-1'], 'Invalid --cert-days "-1", expected a number above 0 and at most 3650'],
    [['--cert-days', 'x'], 'Invalid --cert-days "x", expected a number above 0 and at most 3650'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommandLine(argv, true)).toThrow(message);
  });

  it('refuses unknown flags', () => {
    expect(() => parseCommandLine(['--bogus'], true)).toThrow(/bogus/);
  });
});
