import { PolicyError } from '../errors/PolicyError.js';
import { buildContentSecurityPolicy } from './buildContentSecurityPolicy.js';

function directives(header: string): Map<string, string[]> {
  return new Map(
    header.split('; ').map((directive) => {
      const [name = '', ...sources] = directive.split(' ');
      return [name, sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('is strict by default (design 4.4 without external scripts)', () => {
    expect(buildContentSecurityPolicy({ region: 'ap-northeast-1' })).toBe(
      "default-src 'self'; script-src 'self'; connect-src 'self' https://cognito-idp.ap-northeast-1.amazonaws.com https://cognito-identity.ap-northeast-1.amazonaws.com wss://*.iot.ap-northeast-1.amazonaws.com; frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'",
    );
  });

  it('uses the given IoT endpoint host over wss and adds script hashes', () => {
    const parsed = directives(
      buildContentSecurityPolicy({
        region: 'ap-northeast-1',
        iotEndpoint: 'a1b2c3-ats.iot.ap-northeast-1.amazonaws.com',
        scriptHashes: ["'sha256-AbC+/1=='", 'sha384-xyz'],
      }),
    );
    expect(parsed.get('connect-src')).toContain(
      'wss://a1b2c3-ats.iot.ap-northeast-1.amazonaws.com',
    );
    expect(parsed.get('connect-src')).not.toContain('wss://*.iot.ap-northeast-1.amazonaws.com');
    expect(parsed.get('script-src')).toEqual(["'self'", "'sha256-AbC+/1=='", "'sha384-xyz'"]);
  });

  it('accepts the local cloud endpoints', () => {
    const parsed = directives(
      buildContentSecurityPolicy({
        region: 'ap-northeast-1',
        iotEndpoint: 'ws://127.0.0.1:8083/mqtt',
        cognitoIdpUrl: 'http://127.0.0.1:9229',
        cognitoIdentityUrl: 'http://127.0.0.1:9229',
        extraConnectSrc: ['http://localhost:4000', 'ws://[::1]:8083'],
      }),
    );
    expect(parsed.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:9229',
      'ws://127.0.0.1:8083/mqtt',
      'http://localhost:4000',
      'ws://[::1]:8083',
    ]);
  });

  it('never contains unsafe sources', () => {
    const header = buildContentSecurityPolicy({
      region: 'us-east-1',
      extraConnectSrc: ['https://api.example.com'],
    });
    expect(header).not.toMatch(/unsafe-|\bdata:|\s\*(\s|;|$)/);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a keyword in extraConnectSrc',
      { extraConnectSrc: ["'unsafe-inline'"] },
      'extraConnectSrc[0]: expected a source "<http|https|ws|wss>://host[:port][/path]"',
    ],
    [
      'a bare * in extraConnectSrc',
      { extraConnectSrc: ['*'] },
      'extraConnectSrc[0]: expected a source',
    ],
    [
      'a source with a directive separator',
      { cognitoIdpUrl: 'https://a.example; script-src *' },
      'cognitoIdpUrl: expected a source',
    ],
    ['a data: source', { extraConnectSrc: ['data:'] }, 'extraConnectSrc[0]: expected a source'],
    [
      'an http IoT endpoint',
      { iotEndpoint: 'https://x.iot.ap-northeast-1.amazonaws.com' },
      'iotEndpoint: expected a host such as',
    ],
    [
      'an unsafe-eval hash',
      { scriptHashes: ["'unsafe-eval'"] },
      "scriptHashes[0]: expected a hash source such as 'sha256-<base64>'",
    ],
    ['a bad region', { region: 'tokyo' }, 'region: expected an AWS region'],
  ])('refuses %s', (_name, options, message) => {
    const build = () => buildContentSecurityPolicy({ region: 'ap-northeast-1', ...options });
    expect(build).toThrow(PolicyError);
    expect(build).toThrow(`Invalid buildContentSecurityPolicy options: ${message}`);
  });
});
