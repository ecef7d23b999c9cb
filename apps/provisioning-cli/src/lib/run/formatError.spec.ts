import { CliError } from '../errors/CliError.js';
import { formatError, isTargetWideError } from './formatError.js';
import { normalizeArgv } from './normalizeArgv.js';

class FakeServiceError extends Error {
  readonly $metadata = { httpStatusCode: 404 };
  readonly $fault = 'client';
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

describe('isTargetWideError', () => {
  it('is true for errors every item would hit: network, credentials, refused signature or access', () => {
    expect(isTargetWideError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(
      isTargetWideError(Object.assign(new Error('none'), { name: 'CredentialsProviderError' })),
    ).toBe(true);
    expect(
      isTargetWideError(new FakeServiceError('UnrecognizedClientException', 'bad token')),
    ).toBe(true);
    expect(isTargetWideError(new FakeServiceError('AccessDeniedException', 'no'))).toBe(true);
    expect(
      isTargetWideError(
        new Error('wrapped', { cause: new FakeServiceError('InvalidSignatureException', 'sig') }),
      ),
    ).toBe(true);
  });

  it('is false for errors of one item', () => {
    expect(isTargetWideError(new CliError('ALREADY_EXISTS', 'Bundle exists'))).toBe(false);
    expect(isTargetWideError(new FakeServiceError('ResourceNotFoundException', 'no thing'))).toBe(
      false,
    );
    expect(isTargetWideError(new FakeServiceError('InvalidRequestException', 'bad'))).toBe(false);
    expect(isTargetWideError('text')).toBe(false);
  });
});

describe('formatError', () => {
  it('prints a CliError as one line with its exit code', () => {
    expect(formatError(new CliError('NOT_FOUND', 'No thing "x"'), false)).toEqual({
      line: 'amrctl: No thing "x"\n',
      exitCode: 3,
    });
    expect(formatError(new CliError('USAGE', 'bad'), false).exitCode).toBe(2);
    expect(formatError(new CliError('CHECK_FAILED', 'no'), false).exitCode).toBe(4);
    expect(formatError(new CliError('ALREADY_EXISTS', 'there'), false).exitCode).toBe(1);
  });

  it('prints an AWS error as name and message, also behind a library error', () => {
    const aws = new FakeServiceError('ResourceNotFoundException', 'Thing x not found');
    expect(formatError(aws, false)).toEqual({
      line: 'amrctl: ResourceNotFoundException: Thing x not found\n',
      exitCode: 3,
    });
    const wrapped = new Error('CreatePolicy failed', {
      cause: new FakeServiceError('UnauthorizedException', 'denied'),
    });
    expect(formatError(wrapped, false).line).toBe('amrctl: UnauthorizedException: denied\n');
  });

  it('adds the stack only with --debug', () => {
    const error = new CliError('CONFIG', 'broken', { cause: new Error('inner') });
    expect(formatError(error, false).line.split('\n')).toHaveLength(2);
    const debug = formatError(error, true).line;
    expect(debug).toContain('caused by: Error: inner');
    expect(debug).toContain('at ');
  });

  it('explains unreachable endpoints from codes or stringified SDK wrappers', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    expect(formatError(refused, false).line).toMatch(
      /^amrctl: Cannot reach the endpoint \(ECONNREFUSED\)/u,
    );
    const wrapper = new Error('AWS SDK error wrapper for Error: getaddrinfo ENOTFOUND iot.example');
    expect(formatError(wrapper, false).line).toMatch(/\(ENOTFOUND\)/u);
  });
});

describe('normalizeArgv', () => {
  it('turns a bare --local before a command into the default directory', () => {
    const names = new Set(['things', 'setup']);
    expect(normalizeArgv(['--local', 'things', 'list'], names)).toEqual([
      '--local=.data/local-cloud',
      'things',
      'list',
    ]);
    expect(normalizeArgv(['--local', '/tmp/x', 'setup'], names)).toEqual([
      '--local',
      '/tmp/x',
      'setup',
    ]);
    expect(normalizeArgv(['setup', '--local'], names)).toEqual([
      'setup',
      '--local=.data/local-cloud',
    ]);
  });
});
