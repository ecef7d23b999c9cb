import { TopicError } from '../errors/TopicError.js';
import { topicMatchesFilter } from '../topic/topicMatchesFilter.js';
import { isTopicFilter } from '../topic/isTopicFilter.js';
import { isTopicName } from '../topic/isTopicName.js';
import { amrCommandAckFilter } from './amrCommandAckFilter.js';
import { amrCommandAckTopic } from './amrCommandAckTopic.js';
import { amrCommandFilter } from './amrCommandFilter.js';
import { amrCommandTopic } from './amrCommandTopic.js';
import { amrHeartbeatTopic } from './amrHeartbeatTopic.js';
import { amrStatusTopic } from './amrStatusTopic.js';
import { amrTopicFilter } from './amrTopicFilter.js';
import { amrTopicPrefix } from './amrTopicPrefix.js';
import { parseAmrTopic } from './parseAmrTopic.js';
import { rotationCommitAcceptedTopic } from './rotationCommitAcceptedTopic.js';
import { rotationCommitRejectedTopic } from './rotationCommitRejectedTopic.js';
import { rotationCommitReplyFilter } from './rotationCommitReplyFilter.js';
import { rotationCommitTopic } from './rotationCommitTopic.js';
import type { AmrTopic } from './types.js';

const THING = 'AMR-001';

describe('application topic builders (design 3.4)', () => {
  it('build the documented topics', () => {
    expect(amrTopicPrefix(THING)).toBe('amr/AMR-001');
    expect(amrTopicFilter(THING)).toBe('amr/AMR-001/#');
    expect(amrCommandTopic(THING, 'call')).toBe('amr/AMR-001/cmd/call');
    expect(amrCommandFilter(THING)).toBe('amr/AMR-001/cmd/+');
    expect(amrCommandAckTopic(THING, 'call')).toBe('amr/AMR-001/cmd/call/ack');
    expect(amrCommandAckFilter(THING)).toBe('amr/AMR-001/cmd/+/ack');
    expect(amrStatusTopic(THING)).toBe('amr/AMR-001/status');
    expect(amrHeartbeatTopic(THING)).toBe('amr/AMR-001/heartbeat');
    expect(rotationCommitTopic(THING)).toBe('amr/AMR-001/cert/commit');
    expect(rotationCommitAcceptedTopic(THING)).toBe('amr/AMR-001/cert/commit/accepted');
    expect(rotationCommitRejectedTopic(THING)).toBe('amr/AMR-001/cert/commit/rejected');
    expect(rotationCommitReplyFilter(THING)).toBe('amr/AMR-001/cert/commit/+');
  });

  it('stay within AWS quotas even at the longest names', () => {
    const longest = 'T'.repeat(128);
    const longestCommand = `a${'b'.repeat(31)}`;
    expect(isTopicName(amrCommandAckTopic(longest, longestCommand))).toBe(true);
    expect(isTopicName(rotationCommitAcceptedTopic(longest))).toBe(true);
    expect(isTopicFilter(amrCommandAckFilter(longest))).toBe(true);
  });

  it('filters match the topics they are meant for and nothing else', () => {
    expect(topicMatchesFilter(amrCommandFilter(THING), amrCommandTopic(THING, 'call'))).toBe(true);
    expect(topicMatchesFilter(amrCommandFilter(THING), amrCommandAckTopic(THING, 'call'))).toBe(
      false,
    );
    expect(topicMatchesFilter(amrCommandFilter(THING), amrCommandTopic('AMR-002', 'call'))).toBe(
      false,
    );
    expect(topicMatchesFilter(amrCommandAckFilter(THING), amrCommandAckTopic(THING, 'stop'))).toBe(
      true,
    );
    expect(topicMatchesFilter(rotationCommitReplyFilter(THING), rotationCommitTopic(THING))).toBe(
      false,
    );
    expect(
      topicMatchesFilter(rotationCommitReplyFilter(THING), rotationCommitRejectedTopic(THING)),
    ).toBe(true);
    expect(topicMatchesFilter(amrTopicFilter(THING), amrStatusTopic(THING))).toBe(true);
    expect(topicMatchesFilter(amrTopicFilter(THING), amrTopicPrefix(THING))).toBe(false);
  });

  it.each([
    ['a/b', 'INVALID_THING_NAME', 'Unexpected thing name "a/b", expected [a-zA-Z0-9:_-]{1,128}'],
    ['+', 'INVALID_THING_NAME', 'Unexpected thing name "+", expected [a-zA-Z0-9:_-]{1,128}'],
    ['', 'INVALID_THING_NAME', 'Unexpected thing name "", expected [a-zA-Z0-9:_-]{1,128}'],
  ])('refuse thing name %j', (thing, code, message) => {
    for (const build of [
      amrTopicPrefix,
      amrTopicFilter,
      amrCommandFilter,
      amrCommandAckFilter,
      amrStatusTopic,
      amrHeartbeatTopic,
      rotationCommitTopic,
      rotationCommitAcceptedTopic,
      rotationCommitRejectedTopic,
      rotationCommitReplyFilter,
      (name: string) => amrCommandTopic(name, 'call'),
      (name: string) => amrCommandAckTopic(name, 'call'),
    ]) {
      expect(() => build(thing)).toThrow(new TopicError('INVALID_THING_NAME', message));
      expect(() => build(thing)).toThrow(expect.objectContaining({ code }) as Error);
    }
  });

  it.each(['Call', '+', '#', 'a/b', '', 'go_home'])('refuse command name %j', (command) => {
    const message = `Unexpected command name ${JSON.stringify(command)}, expected [a-z][a-z0-9-]{0,31}`;
    expect(() => amrCommandTopic(THING, command)).toThrow(message);
    expect(() => amrCommandAckTopic(THING, command)).toThrow(
      expect.objectContaining({ code: 'INVALID_COMMAND', message }) as Error,
    );
  });
});

describe('parseAmrTopic', () => {
  it.each<[string, AmrTopic]>([
    [amrCommandTopic(THING, 'call'), { kind: 'command', thingName: THING, command: 'call' }],
    [
      amrCommandAckTopic(THING, 'go-home'),
      { kind: 'commandAck', thingName: THING, command: 'go-home' },
    ],
    [amrStatusTopic(THING), { kind: 'status', thingName: THING }],
    [amrHeartbeatTopic(THING), { kind: 'heartbeat', thingName: THING }],
    [rotationCommitTopic(THING), { kind: 'rotationCommit', thingName: THING }],
    [rotationCommitAcceptedTopic(THING), { kind: 'rotationCommitAccepted', thingName: THING }],
    [rotationCommitRejectedTopic(THING), { kind: 'rotationCommitRejected', thingName: THING }],
  ])('round-trips %j', (topic, expected) => {
    expect(parseAmrTopic(topic)).toEqual(expected);
  });

  it.each([
    'amr',
    'amr/AMR-001',
    'amr/AMR-001/',
    'amr/AMR-001/unknown',
    'amr/AMR-001/status/extra',
    'amr/AMR-001/cmd',
    'amr/AMR-001/cmd/',
    'amr/AMR-001/cmd/Call',
    'amr/AMR-001/cmd/call/nack',
    'amr/AMR-001/cmd/call/ack/more',
    'amr/AMR-001/cert',
    'amr/AMR-001/cert/commit/maybe',
    'amr/a.b/status',
    'amr//status',
    'AMR/AMR-001/status',
    'robots/AMR-001/status',
    '$aws/things/AMR-001/shadow/get',
    '',
  ])('returns undefined for %j', (topic) => {
    expect(parseAmrTopic(topic)).toBeUndefined();
  });
});
