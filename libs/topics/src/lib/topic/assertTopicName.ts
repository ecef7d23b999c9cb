import { TopicError } from '../errors/TopicError.js';
import { awsTopicLimitProblem } from '../internal/awsTopicLimitProblem.js';
import { describeReceived } from '../internal/describeReceived.js';
import { topicNameSyntaxProblem } from '../internal/topicNameSyntaxProblem.js';

/**
 * Checks that `topic` may be published to on AWS IoT: non-empty well-formed UTF-8 without NUL or
 * wildcards, at most 256 bytes and 7 forward slashes (a leading `$aws/rules/<rule>/` Basic Ingest
 * prefix does not count toward either quota). Empty levels (`a//b`) are allowed, as in MQTT.
 *
 * @throws {TopicError} `INVALID_TOPIC` naming the topic received and the rule it breaks.
 */
export function assertTopicName(topic: unknown): asserts topic is string {
  if (typeof topic !== 'string') {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected topic ${describeReceived(topic)}, expected a string`,
    );
  }
  const problem = topicNameSyntaxProblem(topic) ?? awsTopicLimitProblem(topic, true);
  if (problem !== undefined) {
    throw new TopicError(
      'INVALID_TOPIC',
      `Unexpected topic ${describeReceived(topic)}, expected ${problem}`,
    );
  }
}
