import { isTopicFilter } from '../topic/isTopicFilter.js';
import { isTopicName } from '../topic/isTopicName.js';
import { topicMatchesFilter } from '../topic/topicMatchesFilter.js';
import { assertShadowOperation } from './assertShadowOperation.js';
import { isShadowOperation } from './isShadowOperation.js';
import { namedShadowsTopicFilter } from './namedShadowsTopicFilter.js';
import { SHADOW_OPERATIONS, type ShadowOperation } from './operations.js';
import { parseShadowTopic } from './parseShadowTopic.js';
import { shadowTopic } from './shadowTopic.js';
import { shadowTopicFilter } from './shadowTopicFilter.js';
import { shadowTopicPrefix } from './shadowTopicPrefix.js';

describe('shadow topic builders', () => {
  it('build classic and named prefixes', () => {
    expect(shadowTopicPrefix('AMR-001')).toBe('$aws/things/AMR-001/shadow');
    expect(shadowTopicPrefix('AMR-001', 'robot')).toBe('$aws/things/AMR-001/shadow/name/robot');
  });

  it('build the design 3.4 named shadow topics', () => {
    expect(shadowTopic('AMR-001', 'update/delta', 'robot')).toBe(
      '$aws/things/AMR-001/shadow/name/robot/update/delta',
    );
    expect(shadowTopic('AMR-001', 'get')).toBe('$aws/things/AMR-001/shadow/get');
  });

  it('build filters', () => {
    expect(shadowTopicFilter('AMR-001', 'robot')).toBe('$aws/things/AMR-001/shadow/name/robot/#');
    expect(shadowTopicFilter('AMR-001')).toBe('$aws/things/AMR-001/shadow/#');
    expect(namedShadowsTopicFilter('AMR-001', 'update/documents')).toBe(
      '$aws/things/AMR-001/shadow/name/+/update/documents',
    );
  });

  it('filters match their topics', () => {
    const named = shadowTopic('AMR-001', 'update/documents', 'robot');
    expect(topicMatchesFilter(namedShadowsTopicFilter('AMR-001', 'update/documents'), named)).toBe(
      true,
    );
    expect(
      topicMatchesFilter(
        namedShadowsTopicFilter('AMR-001', 'update/documents'),
        shadowTopic('AMR-001', 'update/documents'),
      ),
    ).toBe(false);
    expect(topicMatchesFilter(shadowTopicFilter('AMR-001', 'robot'), named)).toBe(true);
    // The classic filter also covers the thing's named shadows (they live below shadow/name/).
    expect(topicMatchesFilter(shadowTopicFilter('AMR-001'), named)).toBe(true);
  });

  it('stay within AWS quotas at the longest names and deepest operation', () => {
    const topic = shadowTopic('T'.repeat(128), 'update/documents', 's'.repeat(64));
    expect(topic.split('/').length - 1).toBe(7);
    expect(isTopicName(topic)).toBe(true);
    expect(isTopicFilter(namedShadowsTopicFilter('T'.repeat(128), 'update/documents'))).toBe(true);
  });

  it('refuse bad names and operations with TopicError', () => {
    expect(() => shadowTopic('a/b', 'get')).toThrow(
      expect.objectContaining({
        code: 'INVALID_THING_NAME',
        message: 'Unexpected thing name "a/b", expected [a-zA-Z0-9:_-]{1,128}',
      }) as Error,
    );
    expect(() => shadowTopic('AMR-001', 'get', 'a/b')).toThrow(
      expect.objectContaining({
        code: 'INVALID_SHADOW_NAME',
        message: 'Unexpected shadow name "a/b", expected [a-zA-Z0-9:_-]{1,64}',
      }) as Error,
    );
    expect(() => shadowTopic('AMR-001', 'get', '')).toThrow(
      expect.objectContaining({ code: 'INVALID_SHADOW_NAME' }) as Error,
    );
    expect(() => shadowTopic('AMR-001', 'update/rejected/x' as ShadowOperation)).toThrow(
      expect.objectContaining({
        code: 'INVALID_TOPIC',
        message: `Unexpected shadow operation "update/rejected/x", expected one of ${SHADOW_OPERATIONS.join(', ')}`,
      }) as Error,
    );
    expect(() => namedShadowsTopicFilter('AMR-001', 'list' as ShadowOperation)).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPIC' }) as Error,
    );
    expect(() => shadowTopicFilter('+')).toThrow(
      expect.objectContaining({ code: 'INVALID_THING_NAME' }) as Error,
    );
  });

  it('isShadowOperation / assertShadowOperation', () => {
    expect(SHADOW_OPERATIONS).toHaveLength(11);
    for (const operation of SHADOW_OPERATIONS) {
      expect(isShadowOperation(operation)).toBe(true);
      expect(() => assertShadowOperation(operation)).not.toThrow();
    }
    expect(isShadowOperation('update/')).toBe(false);
    expect(isShadowOperation(1)).toBe(false);
    expect(() => assertShadowOperation('list')).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPIC' }) as Error,
    );
  });
});

describe('parseShadowTopic', () => {
  it.each(SHADOW_OPERATIONS)('round-trips classic and named %j', (operation) => {
    expect(parseShadowTopic(shadowTopic('AMR-001', operation))).toEqual({
      thingName: 'AMR-001',
      operation,
    });
    expect(parseShadowTopic(shadowTopic('AMR-001', operation, 'robot'))).toEqual({
      thingName: 'AMR-001',
      shadowName: 'robot',
      operation,
    });
  });

  it('omits shadowName for the classic shadow', () => {
    expect(parseShadowTopic('$aws/things/AMR-001/shadow/get')).not.toHaveProperty('shadowName');
  });

  it('reads a named shadow literally called "name"', () => {
    expect(parseShadowTopic('$aws/things/t/shadow/name/name/get')).toEqual({
      thingName: 't',
      shadowName: 'name',
      operation: 'get',
    });
  });

  it.each([
    '$aws/things/AMR-001/shadow',
    '$aws/things/AMR-001/shadow/',
    '$aws/things/AMR-001/shadow/list',
    '$aws/things/AMR-001/shadow/get/accepted/extra',
    '$aws/things/AMR-001/shadow/update/',
    '$aws/things/AMR-001/shadow/name',
    '$aws/things/AMR-001/shadow/name/robot',
    '$aws/things/AMR-001/shadow/name/robot/',
    '$aws/things/AMR-001/shadow/name/robot/patch',
    '$aws/things/AMR-001/shadow/name//get',
    '$aws/things/AMR-001/shadow/name/$package/get',
    '$aws/things/a.b/shadow/get',
    '$aws/things//shadow/get',
    '$aws/things/AMR-001/shadows/get',
    '$aws/thing/AMR-001/shadow/get',
    'aws/things/AMR-001/shadow/get',
    'amr/AMR-001/status',
    '',
  ])('returns undefined for %j', (topic) => {
    expect(parseShadowTopic(topic)).toBeUndefined();
  });
});
