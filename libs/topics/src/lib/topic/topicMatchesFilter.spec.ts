import { TopicError } from '../errors/TopicError.js';
import { topicMatchesFilter } from './topicMatchesFilter.js';

describe('topicMatchesFilter', () => {
  it.each([
    // exact
    ['a/b', 'a/b', true],
    ['a/b', 'a/c', false],
    ['a/b', 'a/b/c', false],
    ['a/b/c', 'a/b', false],
    ['a', 'A', false],
    // '#': one or more remaining levels, never zero on AWS
    ['a/#', 'a/b', true],
    ['a/#', 'a/b/c/d', true],
    ['a/#', 'a/', true],
    ['a/#', 'a', false],
    ['a/b/#', 'a/b', false],
    ['#', 'a', true],
    ['#', 'a/b/c', true],
    ['#', '/', true],
    // '+': exactly one level, possibly empty
    ['a/+', 'a/b', true],
    ['a/+', 'a/', true],
    ['a/+', 'a', false],
    ['a/+', 'a/b/c', false],
    ['+/b', 'a/b', true],
    ['+/b', '/b', true],
    ['+', 'a', true],
    ['+', 'a/b', false],
    ['+/+', 'a/b', true],
    ['a/+/c', 'a/b/c', true],
    ['a/+/c', 'a/b/d', false],
    ['amr/+/cmd/+', 'amr/AMR-001/cmd/call', true],
    ['amr/+/cmd/+', 'amr/AMR-001/cmd/call/ack', false],
    ['amr/+/cmd/+/ack', 'amr/AMR-001/cmd/call/ack', true],
    ['+/#', 'a/b', true],
    ['+/#', 'a', false],
    // '$' topics are not matched by filters starting with a wildcard
    ['#', '$aws/things/a/shadow/get', false],
    ['+/things/#', '$aws/things/a', false],
    ['+', '$SYS', false],
    ['$aws/#', '$aws/things/a/shadow/get', true],
    ['$aws/things/+/shadow/#', '$aws/things/a/shadow/update/delta', true],
    ['$aws/things/a/shadow/#', '$aws/things/a/shadow/name/robot/update', true],
    ['a/#', 'a/$b', true],
    // Japanese levels compare by value
    ['工場/+/状態', '工場/AMR-001/状態', true],
  ])('filter %j vs topic %j → %s', (filter, topic, expected) => {
    expect(topicMatchesFilter(filter, topic)).toBe(expected);
  });

  it.each(['a/#/b', 'a#', 'a/+b', ''])('throws INVALID_TOPIC_FILTER for filter %j', (filter) => {
    expect(() => topicMatchesFilter(filter, 'a/b')).toThrow(TopicError);
    try {
      topicMatchesFilter(filter, 'a/b');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_TOPIC_FILTER' });
      expect((error as TopicError).message).toMatch(/^Unexpected topic filter .*, expected /);
    }
  });

  it.each(['a/+', 'a/#', ''])('throws INVALID_TOPIC for topic %j', (topic) => {
    expect(() => topicMatchesFilter('#', topic)).toThrow(
      expect.objectContaining({ code: 'INVALID_TOPIC' }) as Error,
    );
  });

  it('checks MQTT syntax only, not AWS quotas, so long topics still match', () => {
    const deep = 'a/b/c/d/e/f/g/h/i/j';
    expect(topicMatchesFilter('a/#', deep)).toBe(true);
  });
});
