import { compilePattern } from './compilePattern.js';
import type { PatternSegment } from './types.js';

const policy = (text: string): PatternSegment[] => [{ text, wildcards: true }];
const string = (text: string) => compilePattern(policy(text), 'string');
const arn = (text: string) => compilePattern(policy(text), 'arn');

describe('compilePattern', () => {
  it.each<[string, string, boolean]>([
    ['amr/AMR-001/status', 'amr/AMR-001/status', true],
    ['amr/AMR-001/status', 'amr/AMR-001/Status', false],
    ['amr/AMR-001/status', 'amr/AMR-001/status/x', false],
    ['amr/*', 'amr/AMR-001/cmd/call', true],
    ['amr/*', 'amr/', true],
    ['amr/*', 'amr', false],
    ['*/status', 'amr/AMR-001/status', true],
    ['*/status', 'amr/AMR-001/statusx', false],
    ['*', '', true],
    ['*', 'anything at all', true],
    ['amr/*/status', 'amr/AMR-001/status', true],
    ['amr/*/status', 'amr/a/b/status', true],
    ['amr/*/status', 'amr/AMR-001/heartbeat', false],
    ['AMR-00?', 'AMR-001', true],
    ['AMR-00?', 'AMR-0010', false],
    ['AMR-00?', 'AMR-00', false],
    ['a?c*e', 'abcde', true],
    ['$aws/things/(x)/+/#.[1]', '$aws/things/(x)/+/#.[1]', true],
    ['$aws/things/(x)/+/#.[1]', '$aws/things/(x)/a/b.[1]', false],
    ['a.c', 'abc', false],
    ['', '', true],
    ['', 'a', false],
  ])('string pattern %j against %j is %s', (pattern, value, expected) => {
    expect(string(pattern)(value)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['arn:aws:iot:*:123456789012:topic/a', 'arn:aws:iot:ap-northeast-1:123456789012:topic/a', true],
    // `*` in a leading ARN part does not cross colons (IAM: wildcards within any ARN segment).
    ['arn:aws:iot:*:topic/a', 'arn:aws:iot:ap-northeast-1:123456789012:topic/a', false],
    [
      'arn:aws:iot:ap-northeast-?:123456789012:topic/a',
      'arn:aws:iot:ap-northeast-1:123456789012:topic/a',
      true,
    ],
    [
      'arn:aws:iot:ap-northeast-1:*:client/*',
      'arn:aws:iot:ap-northeast-1:123456789012:client/ap-northeast-1:guid-tab',
      true,
    ],
    // In the resource part `*` ranges over colons: Cognito client ids hold one.
    [
      'arn:aws:iot:ap-northeast-1:123456789012:client/ap-*-tab',
      'arn:aws:iot:ap-northeast-1:123456789012:client/ap-northeast-1:guid-tab',
      true,
    ],
    [
      'arn:aws:iot:ap-northeast-1:123456789012:*',
      'arn:aws:iot:ap-northeast-1:123456789012:topic/x:y',
      true,
    ],
    [
      'arn:aws:iot:ap-northeast-1:123456789012:topic/*',
      'arn:aws:iot:ap-northeast-1:123456789012:topicfilter/x',
      false,
    ],
    [
      'arn:aws:iot:ap-northeast-1:123456789012:topic/*',
      'arn:aws:iot:ap-northeast-1:999999999999:topic/x',
      false,
    ],
    ['arn:aws:iot:*:*:topic/??', 'arn:aws:iot:us-east-1:123456789012:topic/ab', true],
    ['arn:aws:iot:*:*:topic/??', 'arn:aws:iot:us-east-1:123456789012:topic/abc', false],
  ])('ARN pattern %j against %j is %s', (pattern, value, expected) => {
    expect(arn(pattern)(value)).toBe(expected);
  });

  it('matches substituted text literally', () => {
    const matcher = compilePattern(
      [
        { text: 'amr/', wildcards: true },
        { text: '*', wildcards: false },
        { text: '/status?', wildcards: true },
      ],
      'string',
    );
    expect(matcher('amr/*/status1')).toBe(true);
    expect(matcher('amr/AMR-001/status1')).toBe(false);
  });
});
