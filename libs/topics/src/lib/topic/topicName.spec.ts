import { TopicError } from '../errors/TopicError.js';
import { assertTopicFilter } from './assertTopicFilter.js';
import { assertTopicName } from './assertTopicName.js';
import { isAwsReservedTopic } from './isAwsReservedTopic.js';
import { isReservedTopic } from './isReservedTopic.js';
import { isTopicFilter } from './isTopicFilter.js';
import { isTopicName } from './isTopicName.js';

function caught(fn: () => unknown): TopicError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TopicError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the call to throw');
}

describe('assertTopicName / isTopicName', () => {
  it.each([
    'amr/AMR-001/status',
    '$aws/things/AMR-001/shadow/name/robot/update/documents',
    'a',
    'a//b',
    '/leading',
    'trailing/',
    'ロボット/状態',
    'a/b/c/d/e/f/g/h',
  ])('accepts %j', (topic) => {
    expect(isTopicName(topic)).toBe(true);
    expect(() => assertTopicName(topic)).not.toThrow();
  });

  it.each([
    ['', 'at least 1 character'],
    ['a/+/b', 'no wildcard ("+" or "#") in a topic name'],
    ['a/#', 'no wildcard ("+" or "#") in a topic name'],
    ['a+b', 'no wildcard ("+" or "#") in a topic name'],
    ['a\u0000b', 'no NUL character (U+0000)'],
    ['a/\uDC00', 'well-formed UTF-8 (no unpaired surrogate)'],
  ])('refuses %j', (topic, expected) => {
    expect(isTopicName(topic)).toBe(false);
    const error = caught(() => assertTopicName(topic));
    expect(error.code).toBe('INVALID_TOPIC');
    expect(error.message).toBe(`Unexpected topic ${JSON.stringify(topic)}, expected ${expected}`);
  });

  it('refuses non-strings', () => {
    expect(isTopicName(3)).toBe(false);
    expect(caught(() => assertTopicName(3)).message).toBe(
      'Unexpected topic number 3, expected a string',
    );
  });

  describe('size quota of 256 UTF-8 bytes', () => {
    it('accepts exactly 256 ASCII bytes and refuses 257', () => {
      expect(isTopicName('a'.repeat(256))).toBe(true);
      const error = caught(() => assertTopicName('a'.repeat(257)));
      expect(error.code).toBe('INVALID_TOPIC');
      expect(error.message).toContain('expected at most 256 bytes of UTF-8, got 257 bytes');
    });

    it('counts Japanese characters as 3 bytes each', () => {
      // 85 × 3 = 255 bytes: fits; 86 × 3 = 258 bytes: too long, though only 86 characters.
      expect(isTopicName('ロ'.repeat(85))).toBe(true);
      expect(isTopicName('ロ'.repeat(85) + 'a')).toBe(true);
      expect(isTopicName('ロ'.repeat(85) + 'ab')).toBe(false);
      const error = caught(() => assertTopicName('ロ'.repeat(86)));
      expect(error.message).toContain('expected at most 256 bytes of UTF-8, got 258 bytes');
      expect(error.message).toContain('…" (258 bytes), expected');
    });

    it('counts a 4-byte emoji as 4 bytes', () => {
      expect(isTopicName('🤖'.repeat(64))).toBe(true);
      expect(isTopicName('🤖'.repeat(64) + 'a')).toBe(false);
    });
  });

  describe('slash quota of 7', () => {
    it('accepts 7 forward slashes and refuses 8', () => {
      expect(isTopicName('a/b/c/d/e/f/g/h')).toBe(true);
      const error = caught(() => assertTopicName('a/b/c/d/e/f/g/h/i'));
      expect(error.message).toBe(
        'Unexpected topic "a/b/c/d/e/f/g/h/i", expected at most 7 forward slashes, got 8',
      );
    });

    it('counts empty levels', () => {
      expect(isTopicName('////////')).toBe(false);
      expect(isTopicName('///////')).toBe(true);
    });

    it('does not count the $aws/rules/<rule>/ Basic Ingest prefix', () => {
      const topic = '$aws/rules/amr_ingest/a/b/c/d/e/f/g/h';
      expect(isTopicName(topic)).toBe(true);
      const tooDeep = '$aws/rules/amr_ingest/a/b/c/d/e/f/g/h/i';
      expect(caught(() => assertTopicName(tooDeep)).message).toBe(
        `Unexpected topic "${tooDeep}", expected at most 7 forward slashes not counting the "$aws/rules/amr_ingest/" prefix, got 8`,
      );
    });

    it('does not count the Basic Ingest prefix toward the byte quota either', () => {
      expect(isTopicName(`$aws/rules/r/${'a'.repeat(256)}`)).toBe(true);
      expect(isTopicName(`$aws/rules/r/${'a'.repeat(257)}`)).toBe(false);
    });

    it('gives no exemption to other $aws topics or malformed rule names', () => {
      expect(isTopicName('$aws/things/a/b/c/d/e/f/g')).toBe(false);
      expect(isTopicName('$aws/rules/bad-name/a/b/c/d/e/f')).toBe(false);
    });
  });
});

describe('assertTopicFilter / isTopicFilter', () => {
  it.each([
    '#',
    '+',
    'amr/+/status',
    'amr/AMR-001/#',
    '+/+/+',
    'a//+',
    '$aws/things/AMR-001/shadow/name/+/update/documents',
    'a/b/c/d/e/f/g/#',
  ])('accepts %j', (filter) => {
    expect(isTopicFilter(filter)).toBe(true);
    expect(() => assertTopicFilter(filter)).not.toThrow();
  });

  it.each([
    ['', 'at least 1 character'],
    ['a/#/b', '"#" only as the whole last level'],
    ['a#', '"#" only as the whole last level'],
    ['a/b#', '"#" only as the whole last level'],
    ['#/a', '"#" only as the whole last level'],
    ['a/+b', '"+" only as a whole level'],
    ['a+/b', '"+" only as a whole level'],
    ['++', '"+" only as a whole level'],
    ['a\u0000', 'no NUL character (U+0000)'],
    ['a/b/c/d/e/f/g/h/#', 'at most 7 forward slashes, got 8'],
    ['a'.repeat(257), 'at most 256 bytes of UTF-8, got 257 bytes'],
  ])('refuses %j', (filter, expected) => {
    expect(isTopicFilter(filter)).toBe(false);
    const error = caught(() => assertTopicFilter(filter));
    expect(error.code).toBe('INVALID_TOPIC_FILTER');
    expect(error.message).toMatch(/^Unexpected topic filter /);
    expect(error.message).toContain(`expected ${expected}`);
  });

  it('gives filters no Basic Ingest exemption (those topics cannot be subscribed to)', () => {
    expect(isTopicFilter('$aws/rules/r/a/b/c/d/e/f')).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(isTopicFilter(null)).toBe(false);
    expect(caught(() => assertTopicFilter(null)).message).toBe(
      'Unexpected topic filter null, expected a string',
    );
  });
});

describe('isReservedTopic / isAwsReservedTopic', () => {
  it.each([
    ['$aws/things/a/shadow/get', true, true],
    ['$SYS/broker/uptime', true, false],
    ['$awsx/a', true, false],
    ['$aws', true, false],
    ['amr/AMR-001/status', false, false],
    ['aws/things', false, false],
  ])('%j → reserved %s, AWS reserved %s', (topic, reserved, awsReserved) => {
    expect(isReservedTopic(topic)).toBe(reserved);
    expect(isAwsReservedTopic(topic)).toBe(awsReserved);
  });
});
