import { DEFAULT_CONFIG_PATH, parseCommandLine } from './parseCommandLine.js';

describe('parseCommandLine', () => {
  it('runs one robot from the installed config by default', () => {
    expect(parseCommandLine([])).toEqual({
      kind: 'run',
      configPath: DEFAULT_CONFIG_PATH,
      adapter: undefined,
    });
  });

  it('reads run, check and simulate', () => {
    expect(parseCommandLine(['run', '--config', 'c.json', '--adapter', './ros.js'])).toEqual({
      kind: 'run',
      configPath: 'c.json',
      adapter: './ros.js',
    });
    expect(parseCommandLine(['check', '--config', 'c.json'])).toEqual({
      kind: 'check',
      configPath: 'c.json',
    });
    expect(parseCommandLine(['simulate', '--fleet-dir', 'fleet', '--limit', '5'])).toEqual({
      kind: 'simulate',
      fleetDir: 'fleet',
      limit: 5,
    });
  });

  it('answers help and version', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' });
  });

  it.each([
    [['fly'], 'Unknown command "fly", expected run, check or simulate'],
    [['run', 'extra'], 'Unexpected argument "extra", expected at most one command'],
    [['simulate'], 'Missing --fleet-dir for simulate, expected a directory of robot bundles'],
    [
      ['simulate', '--fleet-dir', 'f', '--limit', '0'],
      'Invalid --limit "0", expected a positive integer',
    ],
    [
      ['simulate', '--fleet-dir', 'f', '--config', 'c'],
      'Option --config does not apply to simulate',
    ],
    [['check', '--adapter', 'a'], 'Option --adapter does not apply to check'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with one line', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
